import { ValidationError } from "../../../domain/errors.js";
import type { RepositoryChoice } from "../../../domain/installing.js";
import type { Account } from "../../../domain/model.js";
import type { UserPrincipal } from "../../../domain/token-auth.js";
import type { BodyOf } from "../../schema.js";
import type { Context, Reply } from "../../route.js";
import { installationToken } from "../../../serialize/access-token.js";
import { installation } from "../../../serialize/installation.js";

/** hubcap's administration of installations: what people do on GitHub's install and settings pages. */
type AdminContext<Params extends object = object, Body = unknown> = Context<UserPrincipal, Params, Body>;

export const repositoryChoiceBody = {
  type: "object",
  properties: {
    repository_selection: { enum: ["all", "selected"] },
    repositories: { type: "array", items: { type: "string" } },
    repository_ids: { type: "array", items: { type: "integer" } },
  },
} as const;

export const installBody = {
  ...repositoryChoiceBody,
  required: ["account"],
  properties: { ...repositoryChoiceBody.properties, account: { type: "string" } },
} as const;

type ChoiceBody = BodyOf<typeof repositoryChoiceBody>;

/** Repositories named (`name` or `owner/name`) or numbered; naming any means a selection of some. */
async function choiceOf(ctx: AdminContext, account: Account, body: ChoiceBody): Promise<RepositoryChoice> {
  const ids = [...(body.repository_ids ?? [])];
  for (const name of body.repositories ?? []) {
    const repository = await ctx.hub.repositories.find(account.login, name.split("/").pop()!);
    if (!repository) {
      throw new ValidationError(`${account.login} has no repository ${name}.`, [
        { resource: "Installation", field: "repositories", code: "invalid" },
      ]);
    }
    ids.push(repository.id);
  }
  return {
    selection: body.repository_selection ?? (ids.length > 0 ? "selected" : "all"),
    repositoryIds: ids,
  };
}

/** POST /_hubcap/apps/{app_slug}/installations — 201; the app hears `installation.created`. */
export async function install(
  ctx: AdminContext<{ app_slug: string }, BodyOf<typeof installBody>>,
): Promise<Reply> {
  const actor = ctx.principal.token.user;
  const body = ctx.body;
  const app = await ctx.hub.appRegistry.getManaged(ctx.params.app_slug, actor);
  const account = await ctx.hub.accounts.get(body.account);
  const created = await ctx.hub.installing.install(
    app.id,
    account,
    await choiceOf(ctx, account, body),
    actor,
  );
  return { status: 201, body: installation(created, ctx.urls) };
}

async function found(ctx: AdminContext<{ installation_id: number }>) {
  return ctx.hub.installations.getAny(ctx.params.installation_id);
}

/** PATCH /_hubcap/installations/{installation_id} — `installation_repositories` added/removed follow. */
export async function updateRepositories(
  ctx: AdminContext<{ installation_id: number }, ChoiceBody>,
): Promise<Reply> {
  const current = await found(ctx);
  const choice = await choiceOf(ctx, current.account, ctx.body);
  const updated = await ctx.hub.installing.setRepositories(current.id, choice, ctx.principal.token.user);
  return { body: installation(updated, ctx.urls) };
}

/** POST /_hubcap/installations/{installation_id}/accept_permissions */
export async function acceptPermissions(ctx: AdminContext<{ installation_id: number }>): Promise<Reply> {
  const current = await found(ctx);
  const updated = await ctx.hub.installing.acceptPermissions(current.id, ctx.principal.token.user);
  return { body: installation(updated, ctx.urls) };
}

/** PUT /_hubcap/installations/{installation_id}/suspended — suspended by a person, not by the app. */
export async function suspend(ctx: AdminContext<{ installation_id: number }>): Promise<Reply> {
  const current = await found(ctx);
  await ctx.hub.installing.suspend(current.id, ctx.principal.token.user);
  return { status: 204 };
}

/** DELETE /_hubcap/installations/{installation_id}/suspended */
export async function unsuspend(ctx: AdminContext<{ installation_id: number }>): Promise<Reply> {
  const current = await found(ctx);
  await ctx.hub.installing.unsuspend(current.id, ctx.principal.token.user);
  return { status: 204 };
}

/** DELETE /_hubcap/installations/{installation_id} — uninstalled by a person. */
export async function uninstall(ctx: AdminContext<{ installation_id: number }>): Promise<Reply> {
  const current = await found(ctx);
  await ctx.hub.installing.uninstall(current.id, ctx.principal.token.user);
  return { status: 204 };
}

/**
 * POST /_hubcap/installations/{installation_id}/access_tokens — a site admin mints what the app could,
 * without its private key (for terminals and scripts: `hubcap token`).
 */
export async function createAccessToken(ctx: AdminContext<{ installation_id: number }>): Promise<Reply> {
  const current = await found(ctx);
  const issued = await ctx.hub.installations.createAccessToken(current.appId, current.id, {});
  return { status: 201, body: installationToken(issued, ctx.urls) };
}
