import type { FastifyReply, FastifyRequest } from "fastify";
import { JWT_MESSAGES } from "../domain/app-auth.js";
import { ForbiddenError, NotFoundError, UnauthorizedError } from "../domain/errors.js";
import type { Hubcap } from "../domain/hubcap.js";
import { holdsAnyScope } from "../domain/oauth-scopes.js";
import type { TokenPrincipal } from "../domain/token-auth.js";
import { authenticateClient, basicCredentials, type ClientPrincipal } from "./client-auth.js";
import {
  countClient,
  countManifestConversion,
  countRefusal,
  setRateLimitHeaders,
} from "./rate-limit-headers.js";
import type { Principal, Route } from "./route.js";
import { setTokenHeaders } from "./token-headers.js";

/** GitHub's answer when an installation token calls an endpoint only people may call. */
export const NOT_FOR_INTEGRATIONS = "Resource not accessible by integration";
export const SITE_ADMIN_ONLY = "You must be a site administrator to use this endpoint.";

/** GitHub's answer to a token that is not a GitHub App's user access token on `/user/installations`. */
export const USER_ACCESS_ONLY =
  "You must authenticate with an access token authorized to a GitHub App in order to list installations";

/**
 * `Authorization: Bearer|token <credential>`, scheme case-insensitive; or `Basic login:token`, which
 * GitHub takes wherever it takes a token (a person's login and their personal access token as the
 * password): the login is returned to be matched with the token's user.
 */
function credential(request: FastifyRequest): { value: string; login?: string } | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const basic = basicCredentials(header);
  if (basic) return { value: basic.secret, login: basic.id };
  const match = /^(?:bearer|token)\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new UnauthorizedError();
  return { value: match[1]! };
}

/** A JWT has two dots; opaque tokens have none (auth-token relies on it too). */
const isJwt = (value: string) => value.split(".").length === 3;

/**
 * Authenticates a request for a route's guard, and counts it against the credential's rate limit.
 * Returns the principal (undefined for an anonymous request on an `optional` route). A refusal (401)
 * counts against the caller's address, client credentials against the app, and a manifest conversion
 * against its own bucket, each reported in the headers as GitHub does (rate-limit-headers.ts).
 */
export async function authenticate(
  hub: Hubcap,
  route: Pick<Route, "guard" | "rateLimited" | "scopes" | "scopeCheck" | "permissions">,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Principal | undefined> {
  const manifest = route.rateLimited === "integration_manifest";
  let principal: Principal | undefined;
  try {
    principal = await authenticateFor(
      hub,
      manifest ? { ...route, rateLimited: false } : route,
      request,
      reply,
    );
  } catch (error) {
    if (error instanceof UnauthorizedError) await countRefusal(hub, request, reply);
    throw error;
  }
  if (manifest) await countManifestConversion(hub, request, reply);
  else if (principal?.kind === "client" && route.rateLimited !== false)
    await countClient(hub, principal, reply);
  return principal;
}

async function authenticateFor(
  hub: Hubcap,
  route: Pick<Route, "guard" | "rateLimited" | "scopes" | "scopeCheck" | "permissions">,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Principal | undefined> {
  const { guard } = route;
  if (guard === "client") return authenticatePathClient(hub, request);
  const counted = route.rateLimited !== false;
  if (guard === "app-or-client") {
    // OAuth apps call the Marketplace API with Basic client credentials; GitHub Apps with their JWT.
    const client = basicCredentials(request.headers.authorization);
    if (client) return authenticateClient(hub, client, request.ip);
  }
  const given = credential(request);
  // A JWT never comes as a Basic password.
  const value = given?.login !== undefined && isJwt(given.value) ? "" : given?.value;
  if (guard === "app-or-client") {
    if (!value) throw new UnauthorizedError("Requires authentication");
    if (!isJwt(value)) throw new UnauthorizedError(JWT_MESSAGES.undecodable);
    return hub.appAuth.authenticate(value);
  }
  if (guard === "app") {
    if (!value || !isJwt(value)) throw new UnauthorizedError(JWT_MESSAGES.undecodable);
    return hub.appAuth.authenticate(value);
  }
  if (value === undefined) {
    if (guard !== "optional" && guard !== "any") throw new UnauthorizedError("Requires authentication");
    if (!counted) return undefined;
    const status = await hub.rateLimiter.consume(
      `ip:${request.ip}`,
      hub.rateLimits.unauthenticated,
      // GitHub's wording for anonymous callers.
      `${request.ip}. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)`,
    );
    setRateLimitHeaders(reply, status);
    return undefined;
  }
  if (isJwt(value)) {
    if (guard !== "any") throw new UnauthorizedError();
    return hub.appAuth.authenticate(value);
  }
  const principal = await hub.tokenAuth.authenticate(value);
  if (given?.login !== undefined && !basicLoginMatches(given.login, principal)) throw new UnauthorizedError();
  if (guard === "installation" && principal.kind !== "installation") throw new UnauthorizedError();
  if ((guard === "user" || guard === "admin") && principal.kind !== "user") {
    throw new ForbiddenError(NOT_FOR_INTEGRATIONS);
  }
  if (guard === "admin" && principal.kind === "user" && !principal.token.user.siteAdmin) {
    throw new ForbiddenError(SITE_ADMIN_ONLY);
  }
  if (guard === "person" && principal.kind === "installation") throw new ForbiddenError(NOT_FOR_INTEGRATIONS);
  if (guard === "user-access" && principal.kind !== "user-access") {
    throw new ForbiddenError(principal.kind === "installation" ? NOT_FOR_INTEGRATIONS : USER_ACCESS_ONLY);
  }
  await setTokenHeaders(hub, reply, route, principal);
  if (counted) setRateLimitHeaders(reply, await consume(hub, principal));
  checkScopes(route, principal);
  return principal;
}

/**
 * A personal or impersonation token needs one of the route's scopes; without it GitHub answers 404,
 * so as not to confirm that what was asked for exists
 * (https://docs.github.com/rest/using-the-rest-api/troubleshooting-the-rest-api#404-not-found-for-an-existing-resource).
 */
function checkScopes(route: Pick<Route, "scopes" | "scopeCheck">, principal: TokenPrincipal): void {
  if (principal.kind !== "user" || !route.scopes || route.scopeCheck === "handler") return;
  if (!holdsAnyScope(principal.token.scopes, route.scopes)) throw new NotFoundError();
}

/**
 * Basic with a login and a token: the login must be the token's user's (an installation token has no
 * user; git's convention names it `x-access-token`, and GitHub takes any login for it).
 */
function basicLoginMatches(login: string, principal: TokenPrincipal): boolean {
  if (principal.kind === "installation") return true;
  return principal.token.user.login.toLowerCase() === login.toLowerCase();
}

/**
 * The OAuth applications API (`/applications/{client_id}/…`): HTTP Basic with the client id and one of
 * its secrets, and the id must be the path's. Any failure is 401 and says nothing of which part was
 * wrong.
 */
async function authenticatePathClient(hub: Hubcap, request: FastifyRequest): Promise<ClientPrincipal> {
  if (!request.headers.authorization) throw new UnauthorizedError("Requires authentication");
  const client = basicCredentials(request.headers.authorization);
  if (!client) throw new UnauthorizedError();
  const principal = await authenticateClient(hub, client, request.ip);
  if (client.id !== (request.params as Record<string, string>).client_id) throw new UnauthorizedError();
  return principal;
}

/** GitHub limits installations (not each token) and users. */
export function rateLimitKey(hub: Hubcap, principal: TokenPrincipal) {
  return principal.kind === "installation"
    ? {
        key: `installation:${principal.token.installation.id}`,
        limit: hub.rateLimits.installation,
        describe: `installation ID ${principal.token.installation.id}`,
      }
    : {
        key: `user:${principal.token.user.id}`,
        limit: hub.rateLimits.user,
        describe: `user ID ${principal.token.user.id}`,
      };
}

function consume(hub: Hubcap, principal: TokenPrincipal) {
  const { key, limit, describe } = rateLimitKey(hub, principal);
  return hub.rateLimiter.consume(key, limit, describe);
}
