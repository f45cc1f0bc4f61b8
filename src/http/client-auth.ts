import { UnauthorizedError } from "../domain/errors.js";
import { oauthGuessLimits } from "../domain/failure-throttle.js";
import type { Hubcap } from "../domain/hubcap.js";

/** An app proven by its client id and one of its client secrets (GitHub's "OAuth app" credential). */
export interface ClientPrincipal {
  kind: "client";
  appId: number;
}

/** `Authorization: Basic base64(client_id:client_secret)`, scheme case-insensitive; undefined for any other scheme. */
export function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  // A credential holding NUL (or not UTF-8) matches none stored: the same 401 as any wrong one.
  if (colon < 0 || decoded.includes("\0") || decoded.includes("\uFFFD")) throw new UnauthorizedError();
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/**
 * Checks client credentials as GitHub does for OAuth-app calls (Marketplace, `/applications/{client_id}`):
 * the secret is compared with every one of the app's in constant time (see the domain's
 * `authenticateClient`); any failure is 401.
 */
export async function authenticateClient(
  hub: Hubcap,
  credentials: { id: string; secret: string },
  address: string,
): Promise<ClientPrincipal> {
  // Wrong secrets count with those at the token endpoint: they are the same secrets.
  const succeeded = await hub.failures.attempt(oauthGuessLimits(address), SECONDARY_RATE_LIMIT);
  const app = await hub.oauth.authenticateClient(credentials.id, credentials.secret);
  if (!app) throw new UnauthorizedError();
  await succeeded();
  return { kind: "client", appId: app.id };
}

/**
 * GitHub's words for a secondary rate limit, which it answers 403 or 429 with `retry-after`.
 * https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits
 */
const SECONDARY_RATE_LIMIT =
  "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";
