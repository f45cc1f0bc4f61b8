import type { UserPrincipal } from "../../../domain/token-auth.js";
import type { BodyOf } from "../../schema.js";
import type { Context, Reply } from "../../route.js";
import { fullRepository } from "../../../serialize/repository.js";

/**
 * hubcap's administration of repositories. GitHub's own `POST /user/repos` creates the caller's, and
 * `POST /orgs/{org}/repos` an organization's: neither lets a site administrator make a user's
 * repository, which is what a walkthrough needs before installing an app there.
 */
type AdminContext<Params extends object = object, Body = unknown> = Context<UserPrincipal, Params, Body>;

export const createRepositoryBody = {
  type: "object",
  required: ["owner", "name"],
  properties: {
    owner: { type: "string" },
    name: { type: "string" },
    description: { type: ["string", "null"] },
    private: { type: "boolean" },
    default_branch: { type: "string", minLength: 1 },
  },
} as const;

/** POST /_hubcap/repos — 201 with the repository; an unknown owner is 404, a taken name 422. */
export async function createRepository(
  ctx: AdminContext<object, BodyOf<typeof createRepositoryBody>>,
): Promise<Reply> {
  const { owner: login, ...settings } = ctx.body;
  const owner = await ctx.hub.accounts.get(login);
  const repository = await ctx.hub.repositories.create(
    owner,
    {
      name: settings.name,
      description: settings.description,
      private: settings.private,
      defaultBranch: settings.default_branch,
    },
    ctx.principal.token.user,
  );
  return { status: 201, body: fullRepository(repository, ctx.urls) };
}
