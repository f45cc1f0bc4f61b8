import { seconds } from "../clock.js";
import { hashToken } from "../tokens.js";
import { authenticateClient } from "./client-credentials.js";
import { issueUserToken, type IssuedUserToken } from "./issue-user-token.js";
import { OAuthError } from "./oauth-error.js";
import type { OAuthDeps } from "./oauth-deps.js";

/**
 * `grant_type=refresh_token`: a new token and refresh token, and the old pair stops working at once,
 * so a refresh token is good for one refresh. Only one of two racing refreshes wins the old row.
 * https://docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app/refreshing-user-access-tokens
 */
export async function refreshUserToken(
  deps: OAuthDeps,
  request: { clientId?: string; clientSecret?: string; refreshToken?: string },
): Promise<IssuedUserToken> {
  const app = await authenticateClient(deps.store, request.clientId, request.clientSecret);
  if (!app) throw new OAuthError("incorrect_client_credentials");
  const refreshToken = request.refreshToken ?? "";
  if (!refreshToken.startsWith("ghr_")) throw new OAuthError("bad_refresh_token");
  return deps.store.transaction(async (tx) => {
    const now = seconds(deps.clock);
    const old = await tx.findUserAccessTokenByRefresh(hashToken(refreshToken));
    const live = old && old.appId === app.id && old.refreshExpiresAt !== null && old.refreshExpiresAt > now;
    if (!live || !(await tx.deleteUserAccessToken(old.id))) throw new OAuthError("bad_refresh_token");
    return issueUserToken(tx, app, old.grantId, now);
  });
}
