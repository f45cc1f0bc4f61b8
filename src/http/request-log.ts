import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Principal } from "./route.js";

declare module "fastify" {
  interface FastifyRequest {
    /** Who the API's guard let through (api-handler.ts), for the request log. */
    principal: Principal | undefined;
    /** The signed-in person of a page request (web/plugin.ts), for the request log. */
    sessionUserId: number | undefined;
  }
}

/**
 * Query parameters whose values are credentials or one-time secrets (the OAuth flows put client
 * secrets, codes and states in the query): logged as `[redacted]`, never as sent.
 */
const SECRET_PARAMETERS = new Set([
  "client_secret",
  "code",
  "state",
  "access_token",
  "refresh_token",
  "token",
  "device_code",
  "user_code",
  "password",
  "jwt",
  "authenticity_token",
]);

/**
 * Paths that carry a credential in a segment: the legacy OAuth applications API's
 * `/applications/{client_id}/tokens/{access_token}` (and `grants/`), and the manifest flow's one-time
 * `/app-manifests/{code}/conversions`.
 */
const SECRET_SEGMENTS =
  /^((?:\/api\/v3)?\/(?:applications\/[^/?]+\/(?:tokens|grants)|app-manifests)\/)[^/?]+/;

/** The request's path and query as logged: secrets in the path and secret parameters' values replaced. */
export function loggedPath(raw: string): string {
  const url = raw.replace(SECRET_SEGMENTS, "$1[redacted]");
  const query = url.indexOf("?");
  if (query < 0) return url;
  const params = new URLSearchParams(url.slice(query + 1));
  for (const name of new Set(params.keys())) {
    if (SECRET_PARAMETERS.has(name.toLowerCase())) params.set(name, "[redacted]");
  }
  const rest = params.toString().replace(/%5Bredacted%5D/g, "[redacted]");
  return rest ? `${url.slice(0, query)}?${rest}` : url.slice(0, query);
}

/** The credential of a request as logged: its kind and ids, never the token itself. */
export function loggedCredential(request: FastifyRequest): Record<string, string | number> {
  const principal = request.principal;
  if (principal === undefined) {
    return request.sessionUserId === undefined
      ? { credential: "none" }
      : { credential: "session", user_id: request.sessionUserId };
  }
  switch (principal.kind) {
    case "app":
      return { credential: "app", app_id: principal.appId };
    case "client":
      return { credential: "client", app_id: principal.appId };
    case "installation":
      return {
        credential: "installation",
        installation_id: principal.token.installation.id,
        app_id: principal.token.installation.appId,
      };
    case "user":
      return { credential: `${principal.token.kind}-token`, user_id: principal.token.user.id };
    case "user-access":
      return {
        credential: "user-access-token",
        user_id: principal.token.user.id,
        app_id: principal.token.appId,
      };
  }
}

/**
 * One line per request at `info`: method, path (secrets redacted), status, duration and credential.
 * Registered only when `info` is logged at all: the hot paths then pay nothing for it.
 */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook("onResponse", (request, reply, done) => {
    const path = loggedPath(request.url);
    const status = reply.statusCode;
    const ms = Math.round(reply.elapsedTime * 10) / 10;
    request.log.info(
      { method: request.method, path, status, duration_ms: ms, ...loggedCredential(request) },
      `${request.method} ${path} ${status} ${ms}ms`,
    );
    done();
  });
}
