import type { App, TokenScope } from "../model.js";
import { generateToken, hashToken } from "../tokens.js";
import type { StoreOps } from "../../store/store.js";

/**
 * GitHub's lifetimes for expiring user access tokens: 8 hours, and 6 months for the refresh token.
 * https://docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app/refreshing-user-access-tokens
 */
export const ACCESS_TOKEN_SECONDS = 8 * 3600;
export const REFRESH_TOKEN_SECONDS = 15_897_600;

/** A user access token as it is handed out, the only time its secrets are seen. */
export interface IssuedUserToken {
  id: number;
  token: string;
  /** Null for an app that opted out of expiring tokens. */
  refreshToken: string | null;
  expiresIn: number | null;
  refreshTokenExpiresIn: number | null;
  expiresAt: number | null;
}

/**
 * Issues a `ghu_` token under a grant: with a `ghr_` refresh token when the app's user tokens expire,
 * without either expiry otherwise. Only hashes are stored.
 */
export async function issueUserToken(
  tx: StoreOps,
  app: App,
  grantId: number,
  now: number,
  options: { scope?: TokenScope; expiresAt?: number | null } = {},
): Promise<IssuedUserToken> {
  const token = generateToken("ghu_");
  const scoped = options.scope !== undefined;
  const expiring = app.expireUserTokens;
  // A scoped token lives as long as the token it was made from, and is never refreshed.
  const expiresAt = scoped ? (options.expiresAt ?? null) : expiring ? now + ACCESS_TOKEN_SECONDS : null;
  const refreshToken = expiring && !scoped ? generateToken("ghr_") : null;
  const id = await tx.allocateId("authorizations");
  await tx.insertUserAccessToken({
    id,
    tokenHash: hashToken(token),
    refreshTokenHash: refreshToken && hashToken(refreshToken),
    grantId,
    lastEight: token.slice(-8),
    expiresAt,
    refreshExpiresAt: refreshToken ? now + REFRESH_TOKEN_SECONDS : null,
    scope: options.scope ?? null,
    now,
  });
  return {
    id,
    token,
    refreshToken,
    expiresIn: expiresAt === null ? null : expiresAt - now,
    refreshTokenExpiresIn: refreshToken ? REFRESH_TOKEN_SECONDS : null,
    expiresAt,
  };
}
