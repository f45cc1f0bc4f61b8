import type { RepositoryRole } from "../../domain/access.js";
import { ForbiddenError, NotFoundError } from "../../domain/errors.js";
import { holdsScope, requireRepositoryScope } from "../../domain/oauth-scopes.js";
import type { Account } from "../../domain/model.js";
import type { UserPrincipal } from "../../domain/token-auth.js";
import type { BodyOf } from "../schema.js";
import type { Context, Principal, Reply } from "../route.js";
import { fullRepository } from "../../serialize/repository.js";

/**
 * GET /repos/{owner}/{repo} — an installation token sees only the repositories it reaches; a user
 * token what the user may read; a GitHub App's user token what both the user and the app's
 * installation reach; no token, public repositories. Everything else is 404, so a private
 * repository's existence is never revealed.
 */
export async function get(
  ctx: Context<Principal | undefined, { owner: string; repo: string }>,
): Promise<Reply> {
  const { hub, principal } = ctx;
  const repository = await hub.repositories.find(ctx.params.owner, ctx.params.repo);
  if (!repository) throw new NotFoundError();
  let role: RepositoryRole | undefined;
  if (principal?.kind === "installation") {
    if (!(await hub.installations.tokenReaches(principal.token, repository))) throw new NotFoundError();
  } else if (principal?.kind === "user") {
    // A public repository is read with any token, as without one; a private one needs `repo`.
    if (repository.private) requireRepositoryScope(principal.token.scopes, true);
    role = await hub.access.repositoryRole(principal.token.user, repository);
    if (!role) throw new NotFoundError();
  } else if (principal?.kind === "user-access") {
    role = await hub.oauth.userAccessRole(principal.token, repository);
    if (!role) throw new NotFoundError();
  } else if (repository.private) {
    throw new NotFoundError();
  }
  return { body: fullRepository(repository, ctx.urls, role) };
}

type UserContext<Params extends object = object, Body = unknown> = Context<UserPrincipal, Params, Body>;

export const createRepositoryBody = {
  type: "object",
  required: ["name"],
  properties: {
    name: { type: "string" },
    description: { type: ["string", "null"] },
    private: { type: "boolean" },
    visibility: { enum: ["public", "private", "internal"] },
    default_branch: { type: "string", minLength: 1 },
  },
} as const;

/** Creation requires a name; an update may change any of the same settings. */
type RepositoryBody = BodyOf<typeof updateRepositoryBody>;

function settingsOf(body: RepositoryBody) {
  return {
    name: body.name,
    description: body.description,
    private: body.visibility ? body.visibility !== "public" : body.private,
    defaultBranch: body.default_branch,
  };
}

async function created(ctx: UserContext<object, RepositoryBody>, owner: Account): Promise<Reply> {
  const user = ctx.principal.token.user;
  requireRepositoryScope(ctx.principal.token.scopes, settingsOf(ctx.body).private === true);
  const repository = await ctx.hub.repositories.create(owner, settingsOf(ctx.body), user);
  const role = await ctx.hub.access.repositoryRole(user, repository);
  return { status: 201, body: fullRepository(repository, ctx.urls, role) };
}

/** POST /user/repos */
export async function createForAuthenticatedUser(ctx: UserContext<object, RepositoryBody>): Promise<Reply> {
  return created(ctx, ctx.principal.token.user);
}

/** POST /orgs/{org}/repos — members may create repositories (GitHub's default member privilege). */
export async function createInOrg(ctx: UserContext<{ org: string }, RepositoryBody>): Promise<Reply> {
  const org = await ctx.hub.accounts.get(ctx.params.org, "Organization");
  return created(ctx, org);
}

export const updateRepositoryBody = {
  type: "object",
  properties: createRepositoryBody.properties,
} as const;

/** PATCH /repos/{owner}/{repo} — a rename keeps the repository's id, installations and collaborators. */
export async function update(
  ctx: UserContext<{ owner: string; repo: string }, RepositoryBody>,
): Promise<Reply> {
  const user = ctx.principal.token.user;
  const repository = await ctx.hub.repositories.get(ctx.params.owner, ctx.params.repo);
  // Making a public repository private takes `repo`, as creating a private one does.
  requireRepositoryScope(
    ctx.principal.token.scopes,
    repository.private || settingsOf(ctx.body).private === true,
  );
  const updated = await ctx.hub.repositories.update(repository, settingsOf(ctx.body), user);
  return { body: fullRepository(updated, ctx.urls, await ctx.hub.access.repositoryRole(user, updated)) };
}

/** DELETE /repos/{owner}/{repo} */
export async function deleteRepository(ctx: UserContext<{ owner: string; repo: string }>): Promise<Reply> {
  const repository = await ctx.hub.repositories.get(ctx.params.owner, ctx.params.repo);
  // GitHub's answer to a token without `delete_repo` is the one it gives a person without admin rights.
  if (!holdsScope(ctx.principal.token.scopes, "delete_repo")) {
    throw new ForbiddenError("Must have admin rights to Repository.");
  }
  await ctx.hub.repositories.delete(repository, ctx.principal.token.user);
  return { status: 204 };
}

export const collaboratorBody = {
  type: ["object", "null"],
  properties: { permission: { type: "string" } },
} as const;

/**
 * PUT /repos/{owner}/{repo}/collaborators/{username} — hubcap has no invitations: the person is a
 * collaborator at once, GitHub's 204 for a collaborator added without one.
 */
export async function addCollaborator(
  ctx: UserContext<{ owner: string; repo: string; username: string }, BodyOf<typeof collaboratorBody>>,
): Promise<Reply> {
  const repository = await ctx.hub.repositories.get(ctx.params.owner, ctx.params.repo);
  requireRepositoryScope(ctx.principal.token.scopes, repository.private);
  const user = await ctx.hub.accounts.get(ctx.params.username, "User");
  const permission = ctx.body?.permission ?? "push";
  await ctx.hub.repositories.addCollaborator(repository, user, permission, ctx.principal.token.user);
  return { status: 204 };
}

/** DELETE /repos/{owner}/{repo}/collaborators/{username} */
export async function removeCollaborator(
  ctx: UserContext<{ owner: string; repo: string; username: string }>,
): Promise<Reply> {
  const repository = await ctx.hub.repositories.get(ctx.params.owner, ctx.params.repo);
  requireRepositoryScope(ctx.principal.token.scopes, repository.private);
  const user = await ctx.hub.accounts.get(ctx.params.username, "User");
  await ctx.hub.repositories.removeCollaborator(repository, user, ctx.principal.token.user);
  return { status: 204 };
}
