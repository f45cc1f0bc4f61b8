import type { Account } from "../../domain/model.js";
import type { UserPrincipal } from "../../domain/token-auth.js";
import type { BodyOf } from "../schema.js";
import type { Context, Reply } from "../route.js";
import { simpleUser } from "../../serialize/account.js";
import { authorization } from "../../serialize/authorization.js";
import { organizationSimple } from "../../serialize/organization.js";

/**
 * GitHub Enterprise Server's site-admin endpoints (`ghes-3.19` in @octokit/openapi), for site
 * administrators' tokens. Renames answer 202 as GHES does, but are done by the time they answer.
 */
type AdminContext<Params extends object = object, Body = unknown> = Context<UserPrincipal, Params, Body>;

const login = { type: "string", minLength: 1 } as const;

export const createUserBody = {
  type: "object",
  required: ["login"],
  properties: { login, email: { type: "string" }, suspended: { type: "boolean" } },
} as const;

/** POST /admin/users */
export async function createUser(ctx: AdminContext<object, BodyOf<typeof createUserBody>>): Promise<Reply> {
  const body = ctx.body;
  const user = await ctx.hub.accounts.createUser({ login: body.login, email: body.email ?? null });
  return { status: 201, body: simpleUser(user, ctx.urls) };
}

export const renameBody = { type: "object", required: ["login"], properties: { login } } as const;

/**
 * A rename, answered as GHES answers one: 202 with the message of a queued job (done by the time it
 * answers) and the account's URL by id.
 */
async function renamed(
  ctx: AdminContext<object, BodyOf<typeof renameBody>>,
  account: Account,
  what: "user" | "organization",
  url: string,
) {
  const result = await ctx.hub.accounts.rename(account, ctx.body.login, ctx.principal.token.user);
  return {
    status: 202,
    body: {
      message: `Job queued to rename ${what}. It may take a few minutes to complete.`,
      url: `${ctx.urls.api}/${url}/${result.id}`,
    },
  };
}

/** PATCH /admin/users/{username} */
export async function updateUsernameForUser(
  ctx: AdminContext<{ username: string }, BodyOf<typeof renameBody>>,
): Promise<Reply> {
  return renamed(ctx, await ctx.hub.accounts.get(ctx.params.username, "User"), "user", "user");
}

/** DELETE /admin/users/{username} */
export async function deleteUser(ctx: AdminContext<{ username: string }>): Promise<Reply> {
  const user = await ctx.hub.accounts.get(ctx.params.username, "User");
  await ctx.hub.accounts.delete(user, ctx.principal.token.user);
  return { status: 204 };
}

export const impersonationBody = {
  type: ["object", "null"],
  properties: { scopes: { type: "array", items: { type: "string" } } },
} as const;

/** POST /admin/users/{username}/authorizations */
export async function createImpersonationOAuthToken(
  ctx: AdminContext<{ username: string }, BodyOf<typeof impersonationBody>>,
): Promise<Reply> {
  const user = await ctx.hub.accounts.get(ctx.params.username, "User");
  const scopes = ctx.body?.scopes ?? [];
  const created = await ctx.hub.accounts.createToken(user, "impersonation", scopes);
  return { status: 201, body: authorization(created.authorization, created.token, ctx.urls) };
}

/** DELETE /admin/users/{username}/authorizations */
export async function deleteImpersonationOAuthToken(ctx: AdminContext<{ username: string }>): Promise<Reply> {
  const user = await ctx.hub.accounts.get(ctx.params.username, "User");
  await ctx.hub.accounts.deleteTokens(user, "impersonation");
  return { status: 204 };
}

export const createOrgBody = {
  type: "object",
  required: ["login", "admin"],
  properties: { login, admin: login, profile_name: { type: "string" } },
} as const;

/** POST /admin/organizations */
export async function createOrg(ctx: AdminContext<object, BodyOf<typeof createOrgBody>>): Promise<Reply> {
  const body = ctx.body;
  const admin = await ctx.hub.accounts.get(body.admin, "User");
  const org = await ctx.hub.accounts.createOrganization(body.login, admin, body.profile_name ?? null);
  return { status: 201, body: organizationSimple(org, ctx.urls) };
}

/** PATCH /admin/organizations/{org} */
export async function updateOrgName(
  ctx: AdminContext<{ org: string }, BodyOf<typeof renameBody>>,
): Promise<Reply> {
  const org = await ctx.hub.accounts.get(ctx.params.org, "Organization");
  return renamed(ctx, org, "organization", "organizations");
}
