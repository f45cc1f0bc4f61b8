import type { InstallationPrincipal } from "../../domain/token-auth.js";
import type { BodyOf } from "../schema.js";
import type { Context, Preview, Reply } from "../route.js";
import { contentAttachment } from "../../serialize/content-reference.js";

/** GitHub's limits for an attachment (the older editions' OpenAPI description). */
export const createContentAttachmentBody = {
  type: "object",
  required: ["title", "body"],
  properties: {
    title: { type: "string", minLength: 1, maxLength: 1024 },
    body: { type: "string", minLength: 1, maxLength: 262144 },
  },
} as const;

/** Content attachments were a preview: without its media type GitHub answered 415 (checked at the edge). */
export const corsairPreview: Preview = {
  accept: /application\/vnd\.github\.corsair-preview(\+json)?/i,
  message:
    "If you would like to help us test the Content Attachments API during its preview period, you must specify a custom media type in the 'Accept' header. Please see the docs for full details.",
};

/**
 * POST /content_references/{content_reference_id}/attachments — with an installation token and the
 * `corsair` preview, within six hours of the reference (hubcap's clock).
 */
export async function createContentAttachment(
  ctx: Context<
    InstallationPrincipal,
    { content_reference_id: number },
    BodyOf<typeof createContentAttachmentBody>
  >,
): Promise<Reply> {
  const { title, body } = ctx.body;
  const attachment = await ctx.hub.contentReferences.attach(
    ctx.principal.token,
    ctx.params.content_reference_id,
    title,
    body,
    ctx.permissions,
  );
  return { body: contentAttachment(attachment) };
}
