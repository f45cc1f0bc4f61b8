import { createRequire } from "node:module";
import { Ajv } from "ajv";

/** Validates a webhook payload against GitHub's description (npm @octokit/openapi-webhooks). */
const require = createRequire(import.meta.url);
const spec = require("@octokit/openapi-webhooks/generated/api.github.com.json") as {
  components: Record<string, Record<string, unknown>>;
};
/**
 * `content_reference.created`, which GitHub retired with content attachments: octokit/webhooks'
 * payload-schemas/api.github.com/content_reference/created.schema.json, on today's shared components.
 */
(spec.components.schemas as Record<string, unknown>)["webhook-content-reference-created"] = {
  type: "object",
  required: ["action", "content_reference", "repository", "sender", "installation"],
  properties: {
    action: { type: "string", enum: ["created"] },
    content_reference: {
      type: "object",
      required: ["id", "node_id", "reference"],
      properties: {
        id: { type: "integer" },
        node_id: { type: "string" },
        reference: { type: "string", format: "uri" },
      },
      additionalProperties: false,
    },
    repository: { $ref: "#/components/schemas/repository-webhooks" },
    sender: { $ref: "#/components/schemas/simple-user" },
    installation: { $ref: "#/components/schemas/simple-installation" },
    organization: { $ref: "#/components/schemas/organization-simple-webhooks" },
  },
  additionalProperties: false,
};
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema({ $id: "wh", components: spec.components });

function rewrite(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewrite);
  if (!value || typeof value !== "object") return value;
  const { nullable, ...rest } = value as Record<string, unknown>;
  const converted = Object.fromEntries(
    Object.entries(rest).map(([k, v]) => [
      k,
      k === "$ref" && typeof v === "string" && v.startsWith("#/") ? `wh${v}` : rewrite(v),
    ]),
  );
  if (nullable !== true) return converted;
  return typeof converted.type === "string"
    ? { ...converted, type: [converted.type, "null"] }
    : { anyOf: [converted, { type: "null" }] };
}
// Re-register components with OpenAPI's `nullable` turned into JSON Schema.
ajv.removeSchema("wh");
ajv.addSchema({
  $id: "wh",
  components: JSON.parse(JSON.stringify(rewrite(spec.components)).replaceAll('"wh#/', '"#/')),
});

export function webhookProblems(event: string, action: string | undefined, payload: unknown): string[] {
  const name = `webhook-${event.replaceAll("_", "-")}${action ? `-${action.replaceAll("_", "-")}` : ""}`;
  const validate = ajv.getSchema(`wh#/components/schemas/${name}`);
  if (!validate) return [`no schema ${name}`];
  return validate(payload)
    ? []
    : (validate.errors ?? []).slice(0, 5).map((e) => `${name}${e.instancePath} ${e.message}`);
}
