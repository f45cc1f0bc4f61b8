/**
 * Operations GitHub has retired from its OpenAPI description but hubcap serves for the older editions:
 * content attachments (`corsair`). From octokit/openapi's scripts/overrides/apps-create-content-attachment.json
 * and the `content-reference-attachment` schema of GitHub Enterprise Server 3.1–3.3.
 */
const basicError = { $ref: "#/components/schemas/basic-error" };
const error = (description: string) => ({
  description,
  content: { "application/json": { schema: basicError } },
});

export const LEGACY_SCHEMAS: Record<string, unknown> = {
  "content-reference-attachment": {
    title: "ContentReferenceAttachment",
    description: "Content Reference attachments allow you to provide context around URLs posted in comments",
    type: "object",
    properties: {
      id: { description: "The ID of the attachment", type: "integer" },
      title: { description: "The title of the attachment", type: "string", maxLength: 1024 },
      body: { description: "The body of the attachment", type: "string", maxLength: 262144 },
      node_id: { description: "The node_id of the content attachment", type: "string" },
    },
    required: ["id", "title", "body"],
  },
};

export const LEGACY_OPERATIONS: Record<string, Record<string, unknown>> = {
  "apps/create-content-attachment": {
    "200": {
      description: "Response",
      content: {
        "application/json": { schema: { $ref: "#/components/schemas/content-reference-attachment" } },
      },
    },
    "304": { $ref: "#/components/responses/not_modified" },
    "403": { $ref: "#/components/responses/forbidden" },
    "404": { $ref: "#/components/responses/not_found" },
    "410": error("Gone"),
    "415": error("Preview header missing"),
    "422": { $ref: "#/components/responses/validation_failed" },
  },
};

/**
 * The OAuth applications API's older forms (GITHUB-BEHAVIOUR.md, "Legacy surface"), checked against the
 * operations that replaced them: the same answers, with the token in the path.
 */
export const LEGACY_ALIASES: Record<string, string> = {
  "apps/check-authorization": "apps/check-token",
  "apps/reset-authorization": "apps/reset-token",
  "apps/revoke-authorization-for-application": "apps/delete-token",
  "apps/revoke-grant-for-application": "apps/delete-authorization",
};
