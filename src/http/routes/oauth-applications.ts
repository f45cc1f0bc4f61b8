import { NotFoundError } from "../../domain/errors.js";
import type { ScopeRequest } from "../../domain/oauth/scope-token.js";
import type { App } from "../../domain/model.js";
import type { ClientPrincipal } from "../client-auth.js";
import type { BodyOf } from "../schema.js";
import type { Context, Reply } from "../route.js";
import { userAccessAuthorization } from "../../serialize/user-access-authorization.js";

/**
 * GitHub's OAuth applications API: an app, authenticated with its client id and secret, checks, resets,
 * narrows and revokes its users' tokens. The legacy forms name the token in the path.
 * https://docs.github.com/rest/apps/oauth-applications
 */
type ClientContext<Params extends object = object, Body = unknown> = Context<ClientPrincipal, Params, Body>;

export const accessTokenBody = {
  type: "object",
  required: ["access_token"],
  properties: { access_token: { type: "string" } },
} as const;

const string = { type: "string" } as const;
export const scopedTokenBody = {
  type: "object",
  required: ["access_token"],
  properties: {
    access_token: string,
    target: string,
    target_id: { type: "integer" },
    repositories: { type: "array", items: string, maxItems: 500 },
    repository_ids: { type: "array", items: { type: "integer" }, maxItems: 500 },
    permissions: { type: "object", additionalProperties: string },
  },
} as const;

/** The app whose client credentials the request carries (the guard checked them). */
async function clientApp(ctx: ClientContext): Promise<App> {
  return ctx.hub.appRegistry.getById(ctx.principal.appId);
}

/**
 * The current forms name the token in a body their schema checks (`accessTokenBody`); the legacy forms
 * (`…/tokens/{access_token}`) in the path, whatever their body.
 */
type TokenContext = ClientContext<{ client_id: string; access_token?: string }>;

/** The token a request names: in the body (current forms) or in the path (legacy forms). */
function tokenOf(ctx: TokenContext): string {
  const token = ctx.params.access_token ?? bodyToken(ctx.body);
  if (!token) throw new NotFoundError();
  return token;
}

/** POST /applications/{client_id}/token (and the legacy GET …/tokens/{access_token}) */
export async function checkToken(ctx: TokenContext): Promise<Reply> {
  const token = tokenOf(ctx);
  const app = await clientApp(ctx);
  const record = await ctx.hub.oauth.checkToken(app, token);
  const installation = await ctx.hub.oauth.scopedInstallation(record);
  return { body: userAccessAuthorization(record, token, app, installation, ctx.urls) };
}

/** PATCH /applications/{client_id}/token (and the legacy POST …/tokens/{access_token}) */
export async function resetToken(ctx: TokenContext): Promise<Reply> {
  const app = await clientApp(ctx);
  const reset = await ctx.hub.oauth.resetToken(app, tokenOf(ctx));
  const installation = await ctx.hub.oauth.scopedInstallation(reset.record);
  return { body: userAccessAuthorization(reset.record, reset.token, app, installation, ctx.urls) };
}

/** DELETE /applications/{client_id}/token (and the legacy DELETE …/tokens/{access_token}) */
export async function deleteToken(ctx: TokenContext): Promise<Reply> {
  await ctx.hub.oauth.deleteToken(await clientApp(ctx), tokenOf(ctx));
  return { status: 204 };
}

/** DELETE /applications/{client_id}/grant (and the legacy DELETE …/grants/{access_token}) */
export async function deleteAuthorization(ctx: TokenContext): Promise<Reply> {
  await ctx.hub.oauth.deleteGrant(await clientApp(ctx), tokenOf(ctx));
  return { status: 204 };
}

/** POST /applications/{client_id}/token/scoped */
export async function scopeToken(ctx: ClientContext<object, BodyOf<typeof scopedTokenBody>>): Promise<Reply> {
  const body = ctx.body;
  const request: ScopeRequest = {
    target: body.target,
    targetId: body.target_id,
    repositories: body.repositories,
    repositoryIds: body.repository_ids,
    permissions: body.permissions,
  };
  const app = await clientApp(ctx);
  const scoped = await ctx.hub.oauth.scopeToken(app, body.access_token, request);
  return {
    body: userAccessAuthorization(scoped.record, scoped.token, app, scoped.installation, ctx.urls),
  };
}

function bodyToken(body: unknown): string | undefined {
  const named =
    typeof body === "object" && body !== null && "access_token" in body ? body.access_token : undefined;
  return typeof named === "string" ? named : undefined;
}
