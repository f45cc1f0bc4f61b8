import { didYouMean } from "./did-you-mean.js";
import { WorldError, type WorldFile } from "./world-file.js";
import type { StoreOps } from "../store/store.js";

/**
 * Every name a world refers to that is neither declared in it nor already in the store, found before
 * anything is applied so that one run reports them all (applying stops at the first). Each problem
 * has its path in the file and, when a declared name is close, the one probably meant.
 */
export async function checkWorldReferences(world: WorldFile, store: StoreOps): Promise<void> {
  const users = new Set((world.users ?? []).map((u) => u.login.toLowerCase()));
  const orgs = new Set((world.orgs ?? []).map((o) => o.login.toLowerCase()));
  const declaredLogins = [...(world.users ?? []), ...(world.orgs ?? [])].map((a) => a.login);
  const declaredApps = (world.apps ?? []).map((a) => a.slug);
  const repos = new Set((world.repos ?? []).map((r) => r.full_name.toLowerCase()));
  const problems: string[] = [];

  const accountType = async (login: string): Promise<"User" | "Organization" | undefined> => {
    if (users.has(login.toLowerCase())) return "User";
    if (orgs.has(login.toLowerCase())) return "Organization";
    return (await store.findAccountByLogin(login))?.type;
  };
  const needAccount = async (path: string, login: string) => {
    if (!(await accountType(login))) {
      problems.push(
        `${path}: no user or organization \`${login}\` in the world${didYouMean(login, declaredLogins)}`,
      );
    }
  };
  const needUser = async (path: string, login: string) => {
    const type = await accountType(login);
    if (!type)
      problems.push(`${path}: no user \`${login}\` in the world${didYouMean(login, declaredLogins)}`);
    else if (type !== "User") problems.push(`${path}: \`${login}\` is an organization, not a user`);
  };
  const needApp = async (path: string, slug: string) => {
    if (!declaredApps.includes(slug) && !(await store.findAppBySlug(slug))) {
      problems.push(`${path}: no app \`${slug}\` in the world${didYouMean(slug, declaredApps)}`);
    }
  };

  for (const [i, org] of (world.orgs ?? []).entries()) {
    for (const [j, login] of (org.members ?? []).entries()) await needUser(`orgs[${i}].members[${j}]`, login);
    for (const [j, login] of (org.admins ?? []).entries()) await needUser(`orgs[${i}].admins[${j}]`, login);
  }
  for (const [i, repo] of (world.repos ?? []).entries()) {
    await needAccount(`repos[${i}].full_name`, repo.full_name.split("/")[0]!);
    for (const login of Object.keys(repo.collaborators ?? {})) {
      await needUser(`repos[${i}].collaborators.${login}`, login);
    }
  }
  for (const [i, app] of (world.apps ?? []).entries()) await needAccount(`apps[${i}].owner`, app.owner);
  for (const [i, installation] of (world.installations ?? []).entries()) {
    await needApp(`installations[${i}].app`, installation.app);
    const account = installation.account;
    if (!(await accountType(account))) {
      await needAccount(`installations[${i}].account`, account);
      continue;
    }
    const owned = [...repos]
      .filter((r) => r.startsWith(`${account.toLowerCase()}/`))
      .map((r) => r.split("/")[1]!);
    for (const [j, name] of (installation.repositories ?? []).entries()) {
      const short = name.includes("/") ? name.split("/")[1]! : name;
      if (repos.has(`${account}/${short}`.toLowerCase()) || (await store.findRepository(account, short)))
        continue;
      problems.push(
        `installations[${i}].repositories[${j}]: ${account} has no repository \`${short}\`${didYouMean(short, owned)}`,
      );
    }
  }
  for (const [i, purchase] of (world.marketplace_purchases ?? []).entries()) {
    await needApp(`marketplace_purchases[${i}].app`, purchase.app);
    await needAccount(`marketplace_purchases[${i}].account`, purchase.account);
  }
  if (problems.length > 0) throw WorldError.of(problems);
}
