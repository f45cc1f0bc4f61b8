import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { LEGACY_SCHEMAS } from "../helpers/legacy-openapi.js";
import type { SeedOperation } from "./seed-operations.js";

/**
 * Compares hubcap's answer with a seed edition's example: keys and value types at every level, read
 * against GitHub's current description of the operation.
 *
 * Allowances, each from a GitHub document or recording:
 * - A key the example lacks is allowed where GitHub's current OpenAPI description of the operation
 *   (npm @octokit/openapi, api.github.com.json; for an inlined object also the component of its
 *   title) lists it at that place: a later edition added it.
 * - A key the example has is allowed missing where that description of the same place (the part of an
 *   anyOf the object is) no longer lists it: the older examples show an organization owner in the
 *   organization form, the current description and the docs.github.com edition a simple-user.
 * - A listed repository (a token's `repositories`, `GET /installation/repositories`,
 *   `GET /user/installations/{id}/repositories`) may lack only what GitHub's recorded answer lacks
 *   (RECORDED_LIST_REPOSITORY below).
 * - null where the example has a value is allowed only where that description says nullable; a value
 *   where the example shows null, only if the description says nullable and gives that type.
 * - A timestamp is held to ISO 8601, not to the example's offset: "Timestamps returned by the API are
 *   in UTC time, ISO 8601 format." (docs.github.com/en/rest/using-the-rest-api/timezones-and-the-rest-api).
 * - The keys of an app's, installation's or token's `permissions` are the permissions the world grants
 *   (the description's `app-permissions` requires none): their values are held to levels of access.
 * - A user's Marketplace account lacks `organization_billing_email` ("Marketplace accounts:
 *   organizations have organization_billing_email", GITHUB-BEHAVIOUR.md, "Recorded from GitHub").
 * Where hubcap answers otherwise on purpose, seed-operations.test.ts names the difference and says why.
 */
const require = createRequire(import.meta.url);
type Schema = Record<string, unknown>;
const SPEC = require("@octokit/openapi/generated/api.github.com.json") as {
  paths: Record<string, Record<string, { responses?: Record<string, Schema> }>>;
  components: Record<string, Record<string, Schema>>;
};

function deref(schema: Schema | undefined): Schema | undefined {
  let s = schema;
  for (let i = 0; s?.$ref && i < 20; i++) {
    const [, , group, name] = (s.$ref as string).split("/");
    s = SPEC.components[group!]![name!];
  }
  return s;
}

/** The alternatives a schema allows (allOf merged into one; anyOf/oneOf each). */
function branches(schema: Schema | undefined): Schema[] {
  const s = deref(schema);
  if (!s) return [];
  if (s.allOf) {
    const parts = (s.allOf as Schema[]).flatMap(branches);
    return [{ ...s, properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})) }];
  }
  const alternatives = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  return alternatives ? alternatives.flatMap(branches) : [s];
}

const nullable = (schema: Schema | undefined) =>
  branches(schema).some(
    (b) => b.nullable === true || b.type === "null" || (Array.isArray(b.type) && b.type.includes("null")),
  );
/** Each object schema a schema is made of, through allOf, anyOf and oneOf. */
function parts(schema: Schema | undefined): Schema[] {
  const s = deref(schema);
  if (!s) return [];
  const inner = [s.allOf, s.anyOf, s.oneOf].flatMap((list) => (list as Schema[] | undefined) ?? []);
  return inner.length > 0 ? inner.flatMap(parts) : [s];
}

/**
 * The properties of the part this object is (the one sharing most of its keys): an installation's
 * `account` is described as a user or an enterprise, and a user has no `description`.
 */
function propertiesFor(schema: Schema | undefined, got: Record<string, unknown>): Record<string, Schema> {
  const options = parts(schema).map((b) => (b.properties ?? {}) as Record<string, Schema>);
  const score = (p: Record<string, Schema>) => Object.keys(got).filter((k) => k in p).length;
  return options.sort((a, b) => score(b) - score(a))[0] ?? {};
}
const propertiesOf = (schema: Schema | undefined) =>
  Object.assign({}, ...branches(schema).map((b) => (b.properties ?? {}) as Record<string, Schema>)) as Record<
    string,
    Schema
  >;
const itemsOf = (schema: Schema | undefined) =>
  branches(schema).find((b) => b.items)?.items as Schema | undefined;

/**
 * Operations GitHub's current description no longer has, described by what replaced them: the older
 * token forms answer as `/token` does (the editions' "Deprecation notice": replaced by
 * `POST /applications/{client_id}/token`), and content attachments by GitHub Enterprise Server
 * 3.1–3.3's `content-reference-attachment` (test/helpers/legacy-openapi.ts).
 */
function describedAs(op: SeedOperation): { path: string; method: string } | Schema {
  if (op.path === "/applications/{client_id}/tokens/{access_token}")
    return { path: "/applications/{client_id}/token", method: op.method === "GET" ? "post" : "patch" };
  if (op.path === "/content_references/{content_reference_id}/attachments")
    return LEGACY_SCHEMAS["content-reference-attachment"] as Schema;
  return { path: op.path, method: op.method.toLowerCase() };
}

function responseSchema(op: SeedOperation): Schema | undefined {
  const described = describedAs(op);
  if (!("method" in described) || typeof described.method !== "string") return described;
  const responses = SPEC.paths[described.path as string]?.[described.method]?.responses;
  const found = responses && (responses[String(op.status)] ?? responses["200"] ?? responses["201"]);
  const response = found?.$ref ? deref(found) : found;
  return (response?.content as Record<string, { schema?: Schema }> | undefined)?.["application/json"]?.schema;
}

/**
 * A listed repository as GitHub really sends it to an installation (PyGithub's recording of
 * `GET /installation/repositories`, recordings/pygithub-installation-repositories.json): the older
 * examples copy the full repository, with the merge settings, `temp_clone_token` and counts GitHub
 * shows only on `GET /repos/{owner}/{repo}` or to the repository's admins (GITHUB-BEHAVIOUR.md,
 * "Recorded from GitHub"). A key of the example is allowed missing from a listed repository only
 * where this recording lacks it too.
 */
const RECORDED_LIST_REPOSITORY = new Set(
  Object.keys(
    (
      JSON.parse(
        readFileSync(
          new URL("./recordings/pygithub-installation-repositories.json", import.meta.url),
          "utf8",
        ),
      ) as { exchanges: Array<{ response: { body: { repositories: object[] } } }> }
    ).exchanges[1]!.response.body.repositories[0]!,
  ),
);
const LISTED_REPOSITORIES = new Set([
  "POST /app/installations/{installation_id}/access_tokens",
  "GET /installation/repositories",
  "GET /user/installations/{installation_id}/repositories",
]);

/**
 * The description inlines some objects in its operations (the installations list's items) with fewer
 * keys than the same object in its components (`installation` has `client_id`; `simple-user` has
 * `user_view_type`, which PyGithub's 2026 recordings show on every simple-user): a key either lists is
 * the description's.
 */
const COMPONENT_BY_TITLE = new Map(
  Object.values(SPEC.components.schemas!)
    .filter((c) => typeof c.title === "string")
    .map((c) => [c.title as string, c]),
);

const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
const kind = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
const JSON_TYPE: Record<string, string> = {
  integer: "number",
  number: "number",
  string: "string",
  boolean: "boolean",
  object: "object",
  array: "array",
};

/** Whether the description lets this value stand where the example shows null. */
function nullableValue(schema: Schema | undefined, actual: unknown): boolean {
  if (!nullable(schema)) return false;
  const types = branches(schema).flatMap((b) => (Array.isArray(b.type) ? b.type : b.type ? [b.type] : []));
  return types.length === 0 || types.some((t) => JSON_TYPE[t as string] === kind(actual));
}

interface Place {
  op: SeedOperation;
  path: string;
}

/** Differences between an example and hubcap's answer, in keys and value types at every level. */
function shapeProblems(
  example: unknown,
  actual: unknown,
  schema: Schema | undefined,
  place: Place,
  out: string[],
) {
  const { path } = place;
  const at = path || "(body)";
  const below = (p: string) => ({ ...place, path: p });
  if (kind(example) !== kind(actual)) {
    if (actual === null && nullable(schema)) return;
    if (example === null && nullableValue(schema, actual)) return;
    out.push(`${at}: ${kind(actual)}, the example has ${kind(example)}`);
    return;
  }
  if (typeof example === "string" && TIMESTAMP.test(example)) {
    if (!TIMESTAMP.test(actual as string)) out.push(`${at}: ${String(actual)} is no ISO 8601 timestamp`);
  } else if (Array.isArray(example) && Array.isArray(actual)) {
    if (example.length > 0 && actual.length === 0 && path === "")
      out.push(`${at}: empty, nothing to compare`);
    for (const item of actual) {
      const tries = example.map((e) => {
        const found: string[] = [];
        shapeProblems(e, item, itemsOf(schema), below(`${path}[]`), found);
        return found;
      });
      out.push(...(tries.sort((a, b) => a.length - b.length)[0] ?? []));
    }
  } else if (kind(example) === "object") {
    const want = example as Record<string, unknown>;
    const got = actual as Record<string, unknown>;
    // An app's, installation's or token's permissions ("read", "write"): the world decides the keys.
    // A repository's (`admin`, `push`, … booleans) are held to the example like any object.
    const grants = Object.values(want).every((v) => v === "read" || v === "write" || v === "admin");
    if (/(^|\.)permissions$/.test(path) && grants) {
      const odd = Object.entries(got).filter(([, v]) => !["read", "write", "admin"].includes(v as string));
      if (odd.length > 0) out.push(`${at}: not a level of access: ${odd.map(([k]) => k).join(", ")}`);
      return;
    }
    const documented = propertiesOf(schema);
    for (const b of parts(schema)) {
      const component = typeof b.title === "string" ? COMPONENT_BY_TITLE.get(b.title) : undefined;
      if (component) Object.assign(documented, { ...propertiesOf(component), ...documented });
    }
    const alternative = propertiesFor(schema, got);
    const described = Object.keys(alternative).length > 0;
    const listed =
      LISTED_REPOSITORIES.has(`${place.op.method} ${place.op.path}`) && path === "repositories[]";
    const missing = Object.keys(want).filter(
      (k) =>
        !(k in got) &&
        // GitHub's current description of this place no longer lists it (the older examples show
        // an organization owner in the organization form; the current one, simple-user).
        !(described && !(k in alternative)) &&
        !(listed && !RECORDED_LIST_REPOSITORY.has(k)) &&
        // "Marketplace accounts: organizations have organization_billing_email" (GITHUB-BEHAVIOUR.md).
        !(k === "organization_billing_email" && got.type === "User"),
    );
    const extra = Object.keys(got).filter((k) => !(k in want) && !(k in documented));
    if (missing.length > 0) out.push(`${at}: missing ${missing.join(", ")}`);
    if (extra.length > 0) out.push(`${at}: not in the example nor GitHub's description: ${extra.join(", ")}`);
    for (const k of Object.keys(want)) {
      if (k in got) shapeProblems(want[k], got[k], documented[k], below(path ? `${path}.${k}` : k), out);
    }
  }
}

/** The differences between an edition's example and hubcap's answer to the operation. */
export function exampleProblems(op: SeedOperation, actual: unknown): string[] {
  const problems: string[] = [];
  shapeProblems(op.body, actual, responseSchema(op), { op, path: "" }, problems);
  return problems;
}
