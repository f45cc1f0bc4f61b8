import { installationRepositoryRole } from "../../domain/access.js";
import type { InstallationPrincipal } from "../../domain/token-auth.js";
import { pageParams } from "../pagination.js";
import type { Context, Reply } from "../route.js";
import { simpleUser } from "../../serialize/account.js";
import { repository } from "../../serialize/repository.js";

type InstallationContext<Params extends object = object, Body = unknown> = Context<
  InstallationPrincipal,
  Params,
  Body
>;

/**
 * GET /installation/repositories — exactly `{total_count, repository_selection, repositories}`:
 * octokit's paginate drops the first two keys and takes the one that remains.
 */
export async function listReposAccessibleToInstallation(ctx: InstallationContext): Promise<Reply> {
  const { page, perPage, rows } = pageParams(ctx.query);
  const token = ctx.principal.token;
  const result = await ctx.hub.installations.listTokenRepositories(token, rows);
  const owner = simpleUser(token.installation.account, ctx.urls);
  const permissions = installationRepositoryRole(ctx.hub.installations.tokenPermissions(token));
  return {
    body: {
      total_count: result.total,
      repository_selection: token.repositoryIds ? "selected" : token.installation.repositorySelection,
      repositories: result.items.map((r) => repository(r, ctx.urls, owner, permissions)),
    },
    page: { page, perPage, total: result.total },
  };
}

/** DELETE /installation/token — the token stops working at once. */
export async function revokeInstallationAccessToken(ctx: InstallationContext): Promise<Reply> {
  await ctx.hub.installations.revokeToken(ctx.principal.tokenHash);
  return { status: 204 };
}
