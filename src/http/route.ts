import type { FastifyRequest } from "fastify";
import type { AppPrincipal } from "../domain/app-auth.js";
import type { Hubcap } from "../domain/hubcap.js";
import type { TokenPrincipal } from "../domain/token-auth.js";
import type { ClientPrincipal } from "./client-auth.js";
import type { PageInfo } from "./pagination.js";
import type { Urls } from "./urls.js";

export type Principal = AppPrincipal | TokenPrincipal | ClientPrincipal;

/**
 * Which credential a route takes (GitHub-Apps routes take the app's JWT, everything else a token):
 * - `app`: an app JWT
 * - `app-or-client`: an app JWT, or the app's client id and secret as Basic credentials (Marketplace)
 * - `installation`: an installation token
 * - `token`: an installation, user-to-server or personal token
 * - `optional`: a token, or none
 * - `any`: an app JWT, a token, or none
 * - `user`: a person's token (personal or impersonation), not an installation's
 * - `admin`: a site administrator's token (GitHub Enterprise Server's admin API, hubcap's own)
 * - `person`: a token that acts for a person: personal, impersonation or a GitHub App's user access token
 * - `user-access`: a GitHub App's user access token only
 * - `client`: the app's client id and secret as HTTP Basic credentials (`/applications/{client_id}/…`)
 */
export type Guard =
  | "app"
  | "app-or-client"
  | "installation"
  | "token"
  | "optional"
  | "any"
  | "user"
  | "admin"
  | "person"
  | "user-access"
  | "client";

export interface Context<P extends Principal | undefined = Principal | undefined> {
  hub: Hubcap;
  request: FastifyRequest;
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  body: unknown;
  principal: P;
  urls: Urls;
  apiVersion: string;
}

export interface Reply {
  status?: number;
  body?: unknown;
  /** For list endpoints: the page served, from which the `Link` header is built. */
  page?: PageInfo;
  /** For cursor-paginated lists: the cursor of the next page, if there is one. */
  cursor?: { next: string };
}

export interface Route {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** As GitHub's reference writes it: `/app/installations/{installation_id}`. */
  path: string;
  /** GitHub's operationId, so responses can be checked against its OpenAPI description. */
  operationId: string;
  /** GitHub's documentation for the operation, the `documentation_url` of its errors. */
  docs: string;
  guard: Guard;
  /** False for the few routes that do not count against the rate limit (GET /rate_limit). */
  rateLimited?: false;
  /**
   * True for reads whose answer depends only on stored data, the credential and the request's URL,
   * host, API version and `Accept` (never on the time): it is kept while nothing stored changes. Never
   * for answers that read webhook deliveries or rate-limit counts, whose writes leave the store's
   * generation as it is (read-cache.ts). See response-cache.ts.
   */
  cached?: true;
  /** JSON schema of the request body, checked at the edge. */
  body?: object;
  handler: (ctx: Context) => Promise<Reply>;
}

declare module "fastify" {
  interface FastifyContextConfig {
    docs?: string;
    operationId?: string;
  }
}
