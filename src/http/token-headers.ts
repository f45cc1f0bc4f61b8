import type { FastifyReply } from "fastify";
import type { Hubcap } from "../domain/hubcap.js";
import { acceptedPermissionsHeader } from "../domain/permissions.js";
import type { TokenPrincipal } from "../domain/token-auth.js";
import type { Route } from "./route.js";

/**
 * The headers GitHub sends to a token's caller about the token and the route (set before the handler
 * runs, so a refusal carries them too, as GitHub's do):
 * - a personal or impersonation token: `X-OAuth-Scopes` (what it holds) and `X-Accepted-OAuth-Scopes`
 *   (what the route accepts);
 * - an installation or user access token: `X-Accepted-GitHub-Permissions` (what the route needs);
 * - a user access token: `X-OAuth-Scopes` (empty: apps have permissions, not scopes) and `X-OAuth-Client-Id`;
 * - any token that expires: `GitHub-Authentication-Token-Expiration`.
 * https://docs.github.com/rest/using-the-rest-api/troubleshooting-the-rest-api
 */
export async function setTokenHeaders(
  hub: Hubcap,
  reply: FastifyReply,
  route: Pick<Route, "scopes" | "permissions">,
  principal: TokenPrincipal,
): Promise<void> {
  if (principal.kind === "user") {
    reply.header("x-oauth-scopes", principal.token.scopes.join(", "));
    reply.header("x-accepted-oauth-scopes", (route.scopes ?? []).join(", "));
  } else {
    reply.header("x-accepted-github-permissions", acceptedPermissionsHeader([route.permissions ?? {}]));
  }
  if (principal.kind === "user-access") {
    reply.header("x-oauth-scopes", "");
    const app = await hub.appRegistry.findById(principal.token.appId);
    if (app) reply.header("x-oauth-client-id", app.clientId);
  }
  const expiresAt = principal.token.expiresAt;
  if (expiresAt !== null) reply.header("github-authentication-token-expiration", expirationHeader(expiresAt));
}

/** `2023-04-17 17:18:05 UTC`, as GitHub writes a token's expiry (seconds since the epoch in). */
export function expirationHeader(seconds: number): string {
  return `${new Date(seconds * 1000).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}
