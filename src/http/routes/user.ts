import { pageParams } from "../pagination.js";
import type { UserAccessPrincipal, UserPrincipal } from "../../domain/token-auth.js";
import type { Context, Reply } from "../route.js";
import { simpleUser } from "../../serialize/account.js";
import { installation } from "../../serialize/installation.js";
import { privateUser } from "../../serialize/private-user.js";
import { repository } from "../../serialize/repository.js";

/** The authenticated user's own endpoints: for a person's token, personal or a GitHub App's. */
type PersonContext<Params extends object = object, Body = unknown> = Context<
  UserPrincipal | UserAccessPrincipal,
  Params,
  Body
>;
type UserAccessContext<Params extends object = object, Body = unknown> = Context<
  UserAccessPrincipal,
  Params,
  Body
>;

/** GET /user */
export async function getAuthenticated(ctx: PersonContext): Promise<Reply> {
  const user = ctx.principal.token.user;
  return { body: privateUser(user, await ctx.hub.repositories.countOwned(user), ctx.urls) };
}

/** GET /user/installations — exactly `{total_count, installations}`, which octokit's paginate expects. */
export async function listInstallationsForAuthenticatedUser(ctx: UserAccessContext): Promise<Reply> {
  const { page, perPage, rows } = pageParams(ctx.query);
  const result = await ctx.hub.oauth.listUserInstallations(ctx.principal.token, rows);
  return {
    body: {
      total_count: result.total,
      installations: result.items.map((i) => installation(i, ctx.urls)),
    },
    page: { page, perPage, total: result.total },
  };
}

/** GET /user/installations/{installation_id}/repositories — each with the user's own `permissions`. */
export async function listInstallationReposForAuthenticatedUser(
  ctx: UserAccessContext<{ installation_id: number }>,
): Promise<Reply> {
  const { page, perPage, rows } = pageParams(ctx.query);
  const { installation: found, repositories } = await ctx.hub.oauth.listUserInstallationRepositories(
    ctx.principal.token,
    ctx.params.installation_id,
    rows,
  );
  const owner = simpleUser(found.account, ctx.urls);
  return {
    body: {
      total_count: repositories.total,
      repository_selection: found.repositorySelection,
      repositories: repositories.items.map(({ repository: r, role }) => ({
        ...repository(r, ctx.urls, owner),
        permissions: role,
      })),
    },
    page: { page, perPage, total: repositories.total },
  };
}

async function changeRepository(
  ctx: PersonContext<{ installation_id: number; repository_id: number }>,
  add: boolean,
): Promise<Reply> {
  const { principal } = ctx;
  await ctx.hub.oauth.changeInstallationRepository(principal.token.user, {
    installationId: ctx.params.installation_id,
    repositoryId: ctx.params.repository_id,
    add,
    // A GitHub App's user token reaches only its own app's installations.
    ...(principal.kind === "user-access" && { appId: principal.token.appId }),
  });
  return { status: 204 };
}

/** PUT /user/installations/{installation_id}/repositories/{repository_id} */
export function addRepoToInstallationForAuthenticatedUser(
  ctx: PersonContext<{ installation_id: number; repository_id: number }>,
): Promise<Reply> {
  return changeRepository(ctx, true);
}

/** DELETE /user/installations/{installation_id}/repositories/{repository_id} */
export function removeRepoFromInstallationForAuthenticatedUser(
  ctx: PersonContext<{ installation_id: number; repository_id: number }>,
): Promise<Reply> {
  return changeRepository(ctx, false);
}

/**
 * GET /orgs/{org}/installations — every app's installation on the organization, for its admins; through
 * a GitHub App's user token, only if the app may read the organization's administration.
 */
export async function listAppInstallations(ctx: PersonContext<{ org: string }>): Promise<Reply> {
  const { page, perPage, rows } = pageParams(ctx.query);
  const { principal } = ctx;
  const through =
    principal.kind === "user-access" ? { token: principal.token, required: ctx.permissions } : undefined;
  const result = await ctx.hub.oauth.listOrgInstallations(
    principal.token.user,
    ctx.params.org,
    rows,
    through,
  );
  return {
    body: { total_count: result.total, installations: result.items.map((i) => installation(i, ctx.urls)) },
    page: { page, perPage, total: result.total },
  };
}
