import { repositoryRole, type RepositoryRole } from "../../domain/access.js";
import { NotFoundError } from "../../domain/errors.js";
import type { Context, Reply } from "../route.js";
import { fullRepository } from "../serialize/repository.js";

/**
 * GET /repos/{owner}/{repo} — an installation token sees only the repositories it reaches; a user
 * token what the user may read; no token, public repositories. Everything else is 404, so a private
 * repository's existence is never revealed.
 */
export async function get(ctx: Context): Promise<Reply> {
  const { hub, principal } = ctx;
  const repository = await hub.store.findRepository(ctx.params.owner!, ctx.params.repo!);
  if (!repository) throw new NotFoundError();
  let role: RepositoryRole | undefined;
  if (principal?.kind === "installation") {
    if (!(await hub.installations.tokenReaches(principal.token, repository))) throw new NotFoundError();
  } else if (principal?.kind === "user") {
    role = await repositoryRole(hub.store, principal.token.user, repository);
    if (!role) throw new NotFoundError();
  } else if (repository.private) {
    throw new NotFoundError();
  }
  return { body: fullRepository(repository, ctx.urls, role) };
}
