import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { LEGACY_ALIASES, LEGACY_OPERATIONS, LEGACY_SCHEMAS } from "./legacy-openapi.js";

// ajv-formats is CommonJS: its function arrives as the default export or as the module itself.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
) => void;

/**
 * Validates hubcap's responses against GitHub's own OpenAPI description (npm @octokit/openapi), by
 * operationId and status, so every test checks the shapes real clients rely on.
 */
const require = createRequire(import.meta.url);
type Spec = {
  paths: Record<string, Record<string, { operationId?: string; responses?: Record<string, unknown> }>>;
  components: Record<string, Record<string, unknown>>;
};

let cached: { spec: Spec; ajv: Ajv; operations: Map<string, Record<string, unknown>> } | undefined;
const compiled = new Map<string, ValidateFunction | null>();

function load() {
  if (cached) return cached;
  const spec = require("@octokit/openapi/generated/api.github.com.json") as Spec;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  // GitHub's *_url values are URI templates ("…/following{/other_user}"), which are not URIs.
  ajv.addFormat("uri", true);
  ajv.addFormat("uri-template", true);
  const components = { ...spec.components, schemas: { ...spec.components.schemas, ...LEGACY_SCHEMAS } };
  ajv.addSchema({ $id: "gh", components: toJsonSchema(components, false) });
  const operations = new Map<string, Record<string, unknown>>();
  for (const methods of Object.values(spec.paths)) {
    for (const operation of Object.values(methods)) {
      if (operation?.operationId && operation.responses)
        operations.set(operation.operationId, operation.responses);
    }
  }
  // The site-admin API exists only in GitHub Enterprise Server's description; its components are
  // GHES's own, under a second schema id.
  const ghes = require("@octokit/openapi/generated/ghes-3.19.json") as Spec;
  ajv.addSchema({ $id: "ghes", components: toJsonSchema(ghes.components, false) });
  for (const methods of Object.values(ghes.paths)) {
    for (const operation of Object.values(methods)) {
      const id = operation?.operationId;
      if (id?.startsWith("enterprise-admin/") && operation.responses && !operations.has(id)) {
        operations.set(id, rebase(operation.responses, "ghes"));
      }
    }
  }
  for (const [id, responses] of Object.entries(LEGACY_OPERATIONS)) operations.set(id, responses);
  for (const [id, successor] of Object.entries(LEGACY_ALIASES))
    operations.set(id, operations.get(successor)!);
  cached = { spec, ajv, operations };
  return cached;
}

/**
 * OpenAPI 3.0 → JSON Schema: `nullable: true` becomes a null alternative, and local `$ref`s point into
 * the shared "gh" schema of components.
 */
function toJsonSchema(value: unknown, rewrite: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => toJsonSchema(v, rewrite));
  if (!value || typeof value !== "object") return value;
  const { nullable, ...rest } = value as Record<string, unknown>;
  const converted = Object.fromEntries(
    Object.entries(rest).map(([k, v]) => [
      k,
      k === "$ref" && rewrite && typeof v === "string" && v.startsWith("#/")
        ? `gh${v}`
        : toJsonSchema(v, rewrite),
    ]),
  );
  if (nullable !== true) return converted;
  if (typeof converted.type === "string" && !converted.enum)
    return { ...converted, type: [converted.type, "null"] };
  return { anyOf: [converted, { type: "null" }] };
}

/** Points a GHES operation's component refs at the "ghes" schema (the validator rewrites only "#/"). */
function rebase<T>(value: T, id: string): T {
  return JSON.parse(JSON.stringify(value).replaceAll('"#/components/', `"${id}#/components/`)) as T;
}

function validatorFor(operationId: string, status: number): ValidateFunction | null | undefined {
  const key = `${operationId} ${status}`;
  if (compiled.has(key)) return compiled.get(key);
  const { spec, ajv, operations } = load();
  const responses = operations.get(operationId);
  if (!responses) return undefined;
  let response = responses[String(status)] as
    { $ref?: string; content?: Record<string, { schema?: unknown }> } | undefined;
  if (response?.$ref)
    response = spec.components.responses![response.$ref.split("/").pop()!] as typeof response;
  if (!response) return undefined;
  const schema = response.content?.["application/json"]?.schema;
  const validate = schema ? ajv.compile(toJsonSchema(schema, true) as object) : null;
  compiled.set(key, validate);
  return validate;
}

export interface ResponseCheck {
  operationId: string;
  method: string;
  url: string;
  status: number;
  body: string;
}

/** Problems with one response: an undocumented status, or a body outside the documented schema. */
export function checkResponse(response: ResponseCheck): string[] {
  try {
    return check(response);
  } catch (error) {
    return [`${response.operationId}: the validator failed: ${(error as Error).message}`];
  }
}

function check(response: ResponseCheck): string[] {
  if (response.status === 304) return [];
  // hubcap's own administration API has no GitHub description to check against.
  if (response.operationId.startsWith("hubcap/")) return [];
  const validate = validatorFor(response.operationId, response.status);
  const where = `${response.method} ${response.url} → ${response.status} (${response.operationId})`;
  if (validate === undefined) {
    // GitHub documents the usual statuses; 401, 429 and 503 can come from any operation.
    if ([400, 401, 403, 404, 413, 415, 422, 429, 503].includes(response.status))
      return checkError(response, where);
    return [`${where}: status not documented by GitHub`];
  }
  if (validate === null) return response.body === "" ? [] : [];
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    return [`${where}: body is not JSON`];
  }
  if (validate(body)) return [];
  return (validate.errors ?? [])
    .slice(0, 5)
    .map((e) => `${where}: ${e.instancePath || "(body)"} ${e.message}`);
}

function checkError(response: ResponseCheck, where: string): string[] {
  try {
    const body = JSON.parse(response.body) as Record<string, unknown>;
    if (typeof body.message === "string" && typeof body.documentation_url === "string") return [];
  } catch {
    // fall through
  }
  return [`${where}: not GitHub's error body`];
}
