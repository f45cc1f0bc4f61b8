import { canAdministerAccount, repositoryRole, type RepositoryRole } from "../access.js";
import { NotFoundError } from "../errors.js";
import type { Account, Installation, Permissions, Repository, UserAccessToken } from "../model.js";
import type { Page, Paged } from "../../store/store.js";
import type { OAuthDeps } from "./oauth-deps.js";
import { requireUserAccessPermissions } from "./user-access-permissions.js";
import { narrow, reachableRepositoryIds, userReachesInstallation } from "./user-reach.js";

/**
 * `GET /user/installations`: the token's app's installations that its user reaches, and no more than a
 * scoped token's one.
 */
export async function listUserInstallations(
  deps: OAuthDeps,
  token: UserAccessToken,
  page: Page,
): Promise<Paged<Installation>> {
  if (!token.scope) return deps.store.listInstallationsForUser(token.appId, token.user.id, page);
  const installation = await deps.store.findInstallationForAccount(token.appId, token.scope.targetId);
  const reached = installation && (await userReachesInstallation(deps.store, token.user, installation));
  const items = reached && page.offset === 0 && page.limit > 0 ? [installation] : [];
  return { items, total: reached ? 1 : 0 };
}

/** An installation of the token's app that its user (and a scoped token) reaches; else not found. */
export async function userInstallation(
  deps: OAuthDeps,
  token: UserAccessToken,
  installationId: number,
): Promise<Installation> {
  const installation = await deps.store.findInstallation(installationId);
  if (!installation || installation.appId !== token.appId) throw new NotFoundError();
  if (token.scope && token.scope.targetId !== installation.account.id) throw new NotFoundError();
  if (!(await userReachesInstallation(deps.store, token.user, installation))) throw new NotFoundError();
  return installation;
}

/**
 * `GET /user/installations/{id}/repositories`: the repositories both the installation and the user
 * reach (narrowed further by a scoped token), each with the user's own role in it.
 */
export async function listUserInstallationRepositories(
  deps: OAuthDeps,
  token: UserAccessToken,
  installationId: number,
  page: Page,
): Promise<{
  installation: Installation;
  repositories: Paged<{ repository: Repository; role: RepositoryRole }>;
}> {
  const installation = await userInstallation(deps, token, installationId);
  const ids = narrow(
    await reachableRepositoryIds(deps.store, token.user, installation),
    token.scope?.repositoryIds ?? null,
  );
  const listed = await deps.store.listInstallationRepositories(installation, ids, page);
  const items = [];
  for (const repository of listed.items) {
    const role = await repositoryRole(deps.store, token.user, repository, { explicit: true });
    if (role) items.push({ repository, role });
  }
  return { installation, repositories: { items, total: listed.total } };
}

/**
 * `GET /orgs/{org}/installations`: every app's installation on an organization, for its admins. Through
 * a GitHub App's user access token, only if the app may read the organization's administration there
 * (`required`, the route's permissions): else GitHub's 403.
 */
export async function listOrgInstallations(
  deps: OAuthDeps,
  user: Account,
  login: string,
  page: Page,
  through?: { token: UserAccessToken; required: Readonly<Permissions> },
): Promise<Paged<Installation>> {
  const org = await deps.store.findAccountByLogin(login);
  if (!org || org.type !== "Organization") throw new NotFoundError();
  if (through) await requireUserAccessPermissions(deps.store, through.token, org, through.required);
  if (!(await canAdministerAccount(deps.store, user, org))) throw new NotFoundError();
  const all = await deps.store.listInstallationsOnAccount(org.id);
  return { items: all.slice(page.offset, page.offset + page.limit), total: all.length };
}
