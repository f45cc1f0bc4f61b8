import type { AppPrincipal } from "../../domain/app-auth.js";
import { pageParams } from "../pagination.js";
import { sinceParam } from "../params.js";
import type { BodyOf } from "../schema.js";
import type { Context, Reply } from "../route.js";
import { installationToken } from "../../serialize/access-token.js";
import { installation } from "../../serialize/installation.js";

type AppContext<Params extends object = object, Body = unknown> = Context<AppPrincipal, Params, Body>;

/** GET /app/installations */
export async function listInstallations(ctx: AppContext): Promise<Reply> {
  const { page, perPage, rows } = pageParams(ctx.query);
  const filter = { since: sinceParam(ctx.query.since), outdated: ctx.query.outdated !== undefined };
  const result = await ctx.hub.installations.listForApp(ctx.principal.appId, filter, rows);
  return {
    body: result.items.map((i) => installation(i, ctx.urls)),
    page: { page, perPage, total: result.total },
  };
}

/** GET /app/installations/{installation_id} */
export async function getInstallation(ctx: AppContext<{ installation_id: number }>): Promise<Reply> {
  const found = await ctx.hub.installations.getForApp(ctx.principal.appId, ctx.params.installation_id);
  return { body: installation(found, ctx.urls) };
}

/** DELETE /app/installations/{installation_id} */
export async function deleteInstallation(ctx: AppContext<{ installation_id: number }>): Promise<Reply> {
  await ctx.hub.installations.delete(ctx.principal.appId, ctx.params.installation_id);
  return { status: 204 };
}

/** PUT /app/installations/{installation_id}/suspended */
export async function suspendInstallation(ctx: AppContext<{ installation_id: number }>): Promise<Reply> {
  await ctx.hub.installations.suspend(ctx.principal.appId, ctx.params.installation_id);
  return { status: 204 };
}

/** DELETE /app/installations/{installation_id}/suspended */
export async function unsuspendInstallation(ctx: AppContext<{ installation_id: number }>): Promise<Reply> {
  await ctx.hub.installations.unsuspend(ctx.principal.appId, ctx.params.installation_id);
  return { status: 204 };
}

export const accessTokenBody = {
  type: ["object", "null"],
  properties: {
    repositories: { type: "array", items: { type: "string" } },
    repository_ids: { type: "array", items: { type: "integer" } },
    permissions: { type: "object", additionalProperties: { type: "string" } },
  },
} as const;

/** POST /app/installations/{installation_id}/access_tokens — 201, as PyGithub insists. */
export async function createInstallationAccessToken(
  ctx: AppContext<{ installation_id: number }, BodyOf<typeof accessTokenBody>>,
): Promise<Reply> {
  const body = ctx.body ?? {};
  const issued = await ctx.hub.installations.createAccessToken(
    ctx.principal.appId,
    ctx.params.installation_id,
    {
      repositories: body.repositories,
      repositoryIds: body.repository_ids,
      permissions: body.permissions,
    },
  );
  return { status: 201, body: installationToken(issued, ctx.urls) };
}

/** GET /orgs/{org}/installation */
export async function getOrgInstallation(ctx: AppContext<{ org: string }>): Promise<Reply> {
  const found = await ctx.hub.installations.getForAccount(
    ctx.principal.appId,
    ctx.params.org,
    "Organization",
  );
  return { body: installation(found, ctx.urls) };
}

/** GET /users/{username}/installation */
export async function getUserInstallation(ctx: AppContext<{ username: string }>): Promise<Reply> {
  const found = await ctx.hub.installations.getForAccount(ctx.principal.appId, ctx.params.username);
  return { body: installation(found, ctx.urls) };
}

/** GET /repos/{owner}/{repo}/installation */
export async function getRepoInstallation(ctx: AppContext<{ owner: string; repo: string }>): Promise<Reply> {
  const found = await ctx.hub.installations.getForRepository(
    ctx.principal.appId,
    ctx.params.owner,
    ctx.params.repo,
  );
  return { body: installation(found, ctx.urls) };
}
