import { ForbiddenError } from "../errors.js";
import type { Account, Permissions, UserAccessToken } from "../model.js";
import { grantsAll, intersect } from "../permissions.js";
import type { InstallationStore } from "../../store/store.js";

/** GitHub's answer when a GitHub App's token reaches for what the app may not do. */
export const NOT_ACCESSIBLE_BY_INTEGRATION = "Resource not accessible by integration";

/**
 * What a user access token's app may do on an account now: the permissions its installation there
 * grants today (none without an installation, or while it is suspended), narrowed by a scoped token.
 * https://docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app/authenticating-with-a-github-app-on-behalf-of-a-user
 */
export async function userAccessPermissions(
  store: InstallationStore,
  token: UserAccessToken,
  account: Account,
): Promise<Permissions> {
  if (token.scope && token.scope.targetId !== account.id) return {};
  const installation = await store.findInstallationForAccount(token.appId, account.id);
  if (!installation || installation.suspendedAt !== null) return {};
  return token.scope?.permissions
    ? intersect(token.scope.permissions, installation.permissions)
    : installation.permissions;
}

/** Refuses, as GitHub does, a user access token whose app lacks what a route needs on the account. */
export async function requireUserAccessPermissions(
  store: InstallationStore,
  token: UserAccessToken,
  account: Account,
  required: Readonly<Permissions>,
): Promise<void> {
  if (Object.keys(required).length === 0) return;
  if (!grantsAll(await userAccessPermissions(store, token, account), required)) {
    throw new ForbiddenError(NOT_ACCESSIBLE_BY_INTEGRATION);
  }
}
