import { repositoryRole } from "../access.js";
import { seconds } from "../clock.js";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors.js";
import type { App, Installation, Permissions, UserAccessToken } from "../model.js";
import { intersect, requestedPermissions as checkedPermissions } from "../permissions.js";
import { SUSPENDED_MESSAGE } from "../token-auth.js";
import { hashToken as hashOf } from "../tokens.js";
import { issueUserToken } from "./issue-user-token.js";
import { liveToken } from "./app-tokens.js";
import type { OAuthDeps } from "./oauth-deps.js";
import { narrow, reachableRepositoryIds, userReachesInstallation } from "./user-reach.js";

export interface ScopeRequest {
  target?: string;
  targetId?: number;
  repositories?: string[];
  repositoryIds?: number[];
  permissions?: Record<string, unknown>;
}

const INACCESSIBLE =
  "There is at least one repository that does not exist or is not accessible to the parent installation.";

/**
 * `POST /applications/{client_id}/token/scoped`: a new token narrowed to one installation and, within
 * it, to some repositories and permissions. It is never wider than what the user reaches, what the
 * installation holds, or what the token it was made from could do; that token keeps working.
 * https://docs.github.com/rest/apps/apps#create-a-scoped-access-token
 */
export async function scopeToken(
  deps: OAuthDeps,
  app: App,
  token: string,
  request: ScopeRequest,
): Promise<{ token: string; record: UserAccessToken; installation: Installation }> {
  const source = await liveToken(deps, app, token);
  const installation = await targetInstallation(deps, app, source, request);
  const permissions = requestedPermissions(installation, source, request.permissions);
  const repositoryIds = await requestedRepositories(deps, source, installation, request);
  return deps.store.transaction(async (tx) => {
    const scope = { targetId: installation.account.id, repositoryIds, permissions };
    const issued = await issueUserToken(tx, app, source.grantId, seconds(deps.clock), {
      scope,
      expiresAt: source.expiresAt,
    });
    const record = (await tx.findUserAccessToken(hashOf(issued.token)))!;
    return { token: issued.token, record, installation };
  });
}

async function targetInstallation(
  deps: OAuthDeps,
  app: App,
  source: UserAccessToken,
  request: ScopeRequest,
): Promise<Installation> {
  if (request.target === undefined && request.targetId === undefined) {
    throw new ValidationError("Either target or target_id is required.", [
      { resource: "ScopedAccessToken", field: "target", code: "missing_field" },
    ]);
  }
  const account =
    request.targetId !== undefined
      ? await deps.store.findAccountById(request.targetId)
      : await deps.store.findAccountByLogin(request.target!);
  if (
    !account ||
    (request.target !== undefined && account.login.toLowerCase() !== request.target.toLowerCase())
  ) {
    throw new NotFoundError();
  }
  const installation = await deps.store.findInstallationForAccount(app.id, account.id);
  if (!installation || (source.scope && source.scope.targetId !== account.id)) throw new NotFoundError();
  if (!(await userReachesInstallation(deps.store, source.user, installation))) throw new NotFoundError();
  if (installation.suspendedAt !== null) throw new ForbiddenError(SUSPENDED_MESSAGE);
  return installation;
}

function requestedPermissions(
  installation: Installation,
  source: UserAccessToken,
  requested: Record<string, unknown> | undefined,
): Permissions | null {
  if (requested === undefined || Object.keys(requested).length === 0)
    return source.scope?.permissions ?? null;
  // What the installation grants now, narrowed by the source token's own scope.
  const ceiling = source.scope?.permissions
    ? intersect(source.scope.permissions, installation.permissions)
    : installation.permissions;
  return checkedPermissions(
    requested,
    ceiling,
    () => new ValidationError("The permissions requested are not granted to this installation."),
  );
}

async function requestedRepositories(
  deps: OAuthDeps,
  source: UserAccessToken,
  installation: Installation,
  request: ScopeRequest,
): Promise<number[] | null> {
  const names = [...new Set((request.repositories ?? []).map((n) => n.toLowerCase()))];
  const ids = [...new Set(request.repositoryIds ?? [])];
  if (names.length === 0 && ids.length === 0) {
    return narrow(
      await reachableRepositoryIds(deps.store, source.user, installation),
      source.scope?.repositoryIds ?? null,
    );
  }
  const found = new Set<number>();
  if (names.length > 0) {
    const byName = await deps.store.findInstallationRepositories(installation, { names });
    if (byName.length !== names.length) throw new ValidationError(INACCESSIBLE);
    byName.forEach((r) => found.add(r.id));
  }
  if (ids.length > 0) {
    const byId = await deps.store.findInstallationRepositories(installation, { ids });
    if (byId.length !== ids.length) throw new ValidationError(INACCESSIBLE);
    byId.forEach((r) => found.add(r.id));
  }
  const allowed = source.scope?.repositoryIds ? new Set(source.scope.repositoryIds) : undefined;
  for (const id of found) {
    const repository = (await deps.store.findRepositoryById(id))!;
    const role = await repositoryRole(deps.store, source.user, repository, { explicit: true });
    if (!role || (allowed && !allowed.has(id))) throw new ValidationError(INACCESSIBLE);
  }
  return [...found].sort((a, b) => a - b);
}
