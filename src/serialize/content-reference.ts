import { nodeId } from "../domain/node-id.js";
import type { ContentAttachment, ContentReference } from "../domain/model.js";
import { timestamp } from "./time.js";

/** The `content_reference` of the webhook (the older editions' `content_reference` event). */
export function contentReference(r: ContentReference) {
  return { id: r.id, node_id: nodeId("ContentReference", r.id), reference: r.reference };
}

/** As hubcap's administration API shows a reference it created. */
export function contentReferenceAdmin(r: ContentReference) {
  return {
    ...contentReference(r),
    installation_id: r.installationId,
    repository_id: r.repositoryId,
    created_at: timestamp(r.createdAt),
  };
}

/** GitHub's `content-reference-attachment`. */
export function contentAttachment(a: ContentAttachment) {
  return { id: a.id, node_id: nodeId("ContentAttachment", a.id), title: a.title, body: a.body };
}
