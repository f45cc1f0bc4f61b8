import type { FastifyRequest } from "fastify";
import type { AppPrincipal } from "../domain/app-auth.js";
import type { Hubcap } from "../domain/hubcap.js";
import type { Permissions } from "../domain/model.js";
import type {
  InstallationPrincipal,
  TokenPrincipal,
  UserAccessPrincipal,
  UserPrincipal,
} from "../domain/token-auth.js";
import type { ClientPrincipal } from "./client-auth.js";
import type { PageInfo } from "./pagination.js";
import type { ParamsOf } from "./params.js";
import type { BodyOf } from "./schema.js";
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

/** The principal each guard guarantees once it has passed (guards.ts). */
export interface GuardPrincipals {
  app: AppPrincipal;
  "app-or-client": AppPrincipal | ClientPrincipal;
  installation: InstallationPrincipal;
  token: TokenPrincipal;
  optional: TokenPrincipal | undefined;
  any: Principal | undefined;
  user: UserPrincipal;
  admin: UserPrincipal;
  person: UserPrincipal | UserAccessPrincipal;
  "user-access": UserAccessPrincipal;
  client: ClientPrincipal;
}

/**
 * What a handler receives: the principal its guard let through, its path parameters parsed by name
 * (params.ts), and its body as the route's schema describes it (already checked at the edge).
 */
export interface Context<
  P extends Principal | undefined = Principal | undefined,
  Params extends object = object,
  Body = unknown,
> {
  hub: Hubcap;
  request: FastifyRequest;
  params: Params;
  query: Record<string, string | undefined>;
  body: Body;
  principal: P;
  /**
   * The GitHub App permissions the route needs (its `permissions`, empty when none): what the domain
   * checks an installation's or a user access token's app against, where the target is known.
   */
  permissions: Readonly<Permissions>;
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
  /** Headers of the operation's own (GET /rate_limit: its status, `Cache-Control: no-cache`). */
  headers?: Record<string, string>;
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
  /**
   * False for the few routes that do not count against the rate limit (GET /rate_limit);
   * `integration_manifest` for the manifest conversion, which counts in a bucket of its own.
   */
  rateLimited?: false | "integration_manifest";
  /**
   * True for reads whose answer depends only on stored data, the credential and the request's URL,
   * host, API version and `Accept` (never on the time): it is kept while nothing stored changes. Never
   * for answers that read webhook deliveries or rate-limit counts, whose writes leave the store's
   * generation as it is (read-cache.ts). See response-cache.ts.
   */
  cached?: true;
  /**
   * The OAuth scopes a personal or impersonation token needs, any one of them (a scope includes those
   * below it: `repo` includes `public_repo`), as GitHub's `X-Accepted-OAuth-Scopes` names them. The guard
   * checks them and answers GitHub's 404 "Not Found" without one, unless `scopeCheck` says the handler
   * does (where a public resource needs none, or GitHub answers otherwise).
   */
  scopes?: readonly string[];
  scopeCheck?: "handler";
  /**
   * The GitHub App permissions an installation token or a user access token needs, as GitHub's
   * `X-Accepted-GitHub-Permissions` names them; checked against what the installation grants now.
   */
  permissions?: Readonly<Permissions>;
  /** JSON schema of the request body, checked at the edge. */
  body?: object;
  /** A preview media type the operation requires in `Accept`; without it, 415 with this message. */
  preview?: Preview;
  handler: (ctx: Context<Principal | undefined, Record<string, string | number>>) => Promise<Reply>;
}

export interface Preview {
  accept: RegExp;
  message: string;
}

/** One operation as the table declares it: the handler's input follows from its guard, path and body. */
export type RouteSpec<Path extends string, G extends Guard, B> = Omit<
  Route,
  "path" | "guard" | "body" | "handler"
> & {
  path: Path;
  guard: G;
  body?: B;
  handler: (ctx: Context<GuardPrincipals[G], ParamsOf<Path>, BodyOf<B>>) => Promise<Reply>;
};

/**
 * Declares a route: TypeScript checks that the handler takes what the route gives it (its guard's
 * principal, the parameters its path names, its body schema's type); the table holds them alike.
 */
export function route<const Path extends string, G extends Guard, const B = undefined>(
  spec: RouteSpec<Path, G, B>,
): Route {
  return spec as unknown as Route;
}

declare module "fastify" {
  interface FastifyContextConfig {
    docs?: string;
    operationId?: string;
  }
}
