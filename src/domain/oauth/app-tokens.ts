import { seconds } from "../clock.js";
import { NotFoundError } from "../errors.js";
import type { App, Installation, UserAccessToken } from "../model.js";
import { generateToken, hashToken } from "../tokens.js";
import { revokeGrant } from "./grants.js";
import { ACCESS_TOKEN_SECONDS } from "./issue-user-token.js";
import type { OAuthDeps } from "./oauth-deps.js";

/**
 * What an app does with its users' tokens through `/applications/{client_id}/…`, once its client
 * credentials are checked. A token that is unknown, expired or another app's is not found (404), and
 * nothing tells those apart.
 */
export async function liveToken(deps: OAuthDeps, app: App, token: string): Promise<UserAccessToken> {
  if (!token.startsWith("ghu_") || token.length > 255 || !/^[A-Za-z0-9_]+$/.test(token)) {
    throw new NotFoundError();
  }
  const found = await deps.store.findUserAccessToken(hashToken(token));
  const now = seconds(deps.clock);
  if (!found || found.appId !== app.id || (found.expiresAt !== null && found.expiresAt <= now)) {
    throw new NotFoundError();
  }
  return found;
}

/** The installation a scoped token is narrowed to (the check's `installation`), if any. */
export async function scopedInstallation(
  deps: OAuthDeps,
  token: UserAccessToken,
): Promise<Installation | undefined> {
  if (!token.scope) return undefined;
  return deps.store.findInstallationForAccount(token.appId, token.scope.targetId);
}

/** `PATCH /applications/{client_id}/token`: a new token in place of the old, which stops working. */
export async function resetToken(
  deps: OAuthDeps,
  app: App,
  token: string,
): Promise<{ token: string; record: UserAccessToken }> {
  const record = await liveToken(deps, app, token);
  const now = seconds(deps.clock);
  const replacement = generateToken("ghu_");
  const expiresAt = record.scope || !app.expireUserTokens ? record.expiresAt : now + ACCESS_TOKEN_SECONDS;
  const replaced = await deps.store.replaceUserAccessTokenHash(record.id, hashToken(token), {
    tokenHash: hashToken(replacement),
    lastEight: replacement.slice(-8),
    expiresAt,
  });
  if (!replaced) throw new NotFoundError();
  return { token: replacement, record: { ...record, lastEight: replacement.slice(-8), expiresAt } };
}

/** `DELETE /applications/{client_id}/token`: this token only; the grant and its other tokens stay. */
export async function deleteToken(deps: OAuthDeps, app: App, token: string): Promise<void> {
  const record = await liveToken(deps, app, token);
  if (!(await deps.store.deleteUserAccessToken(record.id))) throw new NotFoundError();
}

/** `DELETE /applications/{client_id}/grant`: the user's whole authorization of the app. */
export async function deleteGrant(deps: OAuthDeps, app: App, token: string): Promise<void> {
  const record = await liveToken(deps, app, token);
  await deps.store.transaction(async (tx) => {
    const grant = await tx.findGrantById(record.grantId);
    if (!grant) throw new NotFoundError();
    await revokeGrant(tx, deps.events, grant);
  });
}
