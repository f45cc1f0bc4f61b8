import type { Account, Installation } from "../model.js";
import type { AccountStore, InstallationRepositoryStore, RepositoryStore } from "../../store/store.js";

/**
 * The repositories of an installation that a user reaches explicitly: all of them when the
 * installation is on the user's own account or an organization the user belongs to (members read
 * every repository), else those the user collaborates on. Null means all.
 * https://docs.github.com/rest/apps/installations#list-repositories-accessible-to-the-user-access-token
 */
export async function reachableRepositoryIds(
  store: AccountStore & RepositoryStore,
  user: Account,
  installation: Installation,
): Promise<number[] | null> {
  const account = installation.account;
  if (account.id === user.id) return null;
  if (account.type === "Organization" && (await store.findOrgRole(account.id, user.id))) return null;
  return store.listCollaboratorRepositoryIds(user.id, account.id);
}

/** Whether a user reaches an installation at all (owns its account, belongs to it, or collaborates in it). */
export async function userReachesInstallation(
  store: AccountStore & RepositoryStore & InstallationRepositoryStore,
  user: Account,
  installation: Installation,
): Promise<boolean> {
  const ids = await reachableRepositoryIds(store, user, installation);
  if (ids === null) return true;
  if (ids.length === 0) return false;
  const found = await store.findInstallationRepositories(installation, { ids });
  return found.length > 0;
}

/** Narrows a list of repository ids (null: all) by another. */
export function narrow(a: number[] | null, b: number[] | null): number[] | null {
  if (a === null) return b;
  if (b === null) return a;
  const keep = new Set(b);
  return a.filter((id) => keep.has(id));
}
