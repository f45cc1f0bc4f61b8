import { NotFoundError, ValidationError } from "../../../domain/errors.js";
import type { UserPrincipal } from "../../../domain/token-auth.js";
import type { BodyOf } from "../../schema.js";
import type { Context, Reply } from "../../route.js";
import { contentReferenceAdmin } from "../../../serialize/content-reference.js";

export const contentReferenceBody = {
  type: "object",
  required: ["repository", "reference"],
  additionalProperties: false,
  properties: {
    app: { type: "string" },
    installation: { type: "integer" },
    repository: { type: "string" },
    reference: { type: "string" },
    sender: { type: "string" },
  },
} as const;

/**
 * POST /_hubcap/content_references — a person posts a link in an issue or pull request: when its domain
 * is one the app declared, the installation hears `content_reference.created` (201).
 */
export async function createContentReference(
  ctx: Context<UserPrincipal, object, BodyOf<typeof contentReferenceBody>>,
): Promise<Reply> {
  const { body } = ctx;
  if ((body.app === undefined) === (body.installation === undefined)) {
    throw new ValidationError("Name the app or the installation (one of them).", [
      { resource: "ContentReference", field: "app", code: "invalid" },
    ]);
  }
  const [owner, name] = body.repository.split("/");
  const repository = owner && name ? await ctx.hub.repositories.find(owner, name) : undefined;
  if (!repository) throw new NotFoundError();
  let installation;
  if (body.installation !== undefined) {
    installation = await ctx.hub.installations.find(body.installation);
    if (!installation) throw new NotFoundError();
  } else {
    const app = await ctx.hub.appRegistry.getManaged(body.app!, ctx.principal.token.user);
    installation = await ctx.hub.installations.findForAccount(app.id, repository.owner);
  }
  if (!installation) {
    throw new ValidationError(`The app is not installed on ${repository.owner.login}.`, [
      { resource: "ContentReference", field: "installation", code: "invalid" },
    ]);
  }
  const sender = body.sender ? await ctx.hub.accounts.get(body.sender) : ctx.principal.token.user;
  const created = await ctx.hub.contentReferences.create(installation, repository, body.reference, sender);
  return { status: 201, body: contentReferenceAdmin(created) };
}
