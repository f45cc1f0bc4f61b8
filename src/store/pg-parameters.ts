/**
 * What PostgreSQL is sent in place of values it refuses with an error where SQLite answers: text
 * holding NUL (U+0000 cannot be stored in PostgreSQL's text) and numbers no `bigint` holds. The edge
 * refuses both (http/body-values.ts, http/params.ts, web/path-params.ts); this keeps any that slip
 * through from becoming a 500. NUL becomes U+FFFD, which no name hubcap makes holds, so a lookup finds
 * nothing, as on SQLite; an integer beyond `bigint`, or a number that is not finite, becomes NULL,
 * which equals nothing.
 */
export function pgParameters(parameters: readonly unknown[]): unknown[] {
  let copy: unknown[] | undefined;
  for (let i = 0; i < parameters.length; i++) {
    const value = parameters[i];
    const safe = pgValue(value);
    if (safe !== value) {
      copy ??= [...parameters];
      copy[i] = safe;
    }
  }
  return copy ?? (parameters as unknown[]);
}

const BIGINT_LIMIT = 2 ** 63;

function pgValue(value: unknown): unknown {
  if (typeof value === "string") return value.includes("\0") ? value.replaceAll("\0", "\uFFFD") : value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return null;
    if (Number.isInteger(value) && (value >= BIGINT_LIMIT || value < -BIGINT_LIMIT)) return null;
  }
  return value;
}
