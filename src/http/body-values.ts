import { ValidationError } from "../domain/errors.js";

/**
 * Refuses the values of a JSON body that no schema keyword hubcap's bodies use refuses, with GitHub's
 * 422 for a value of the wrong kind: a string holding NUL (PostgreSQL's text cannot hold it, so it
 * could name or store nothing; SQLite must answer the same) and a number beyond ±(2^53 − 1), which
 * JavaScript cannot hold exactly and so names no id (`repository_ids: [1e300]`, `[2**63]`). Keys are
 * judged as values are. Bodies are at most `MAX_JSON_DEPTH` deep (json-depth.ts), so the walk is bounded.
 */
export function checkBodyValues(body: unknown): void {
  const problem = findProblem(body, []);
  if (problem) {
    const where = problem.path.length > 0 ? problem.path.join("/") : "root";
    throw new ValidationError(
      `Invalid request.\n\nFor '${where}', ${problem.shown} is not ${problem.wanted}.`,
    );
  }
}

interface Problem {
  path: string[];
  shown: string;
  wanted: string;
}

function findProblem(value: unknown, path: string[]): Problem | undefined {
  if (typeof value === "string") {
    return value.includes("\0") ? { path, shown: shown(value), wanted: "a valid string" } : undefined;
  }
  if (typeof value === "number") {
    return Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER
      ? undefined
      : { path, shown: String(value), wanted: "a number within range" };
  }
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = findProblem(item, [...path, "items"]);
      if (problem) return problem;
    }
    return undefined;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const at = [...path, `properties/${key.replaceAll("\0", "\\u0000")}`];
      if (key.includes("\0")) return { path: at, shown: shown(key), wanted: "a valid property name" };
      const problem = findProblem(item, at);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** A value as GitHub quotes it, cut short so that a refused megabyte is not sent back. */
function shown(value: string): string {
  return JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value);
}
