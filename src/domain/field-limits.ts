import { ValidationError } from "./errors.js";

/**
 * The longest value each free-text field may hold, in characters, judged wherever the field is set
 * (the API, the pages, manifests, world files), so that no one stores a megabyte that every page then
 * shows. GitHub's own where known: a repository's description is at most 350 ("description is too
 * long (maximum is 350 characters)"), its name 100, a login 39, an app's name 34. The rest are
 * hubcap's, generous for any real value.
 */
export const FIELD_LIMITS = {
  repositoryDescription: 350,
  accountName: 255,
  accountEmail: 255,
  branchName: 255,
  appDescription: 2048,
  url: 2048,
} as const;

/** GitHub's 422 for a value longer than its field holds. */
export function checkLength(
  resource: string,
  field: string,
  value: string | null | undefined,
  max: number,
): void {
  if (value === null || value === undefined || value.length <= max) return;
  const message = `${field} is too long (maximum is ${max} characters)`;
  throw new ValidationError("Validation Failed", [{ resource, field, code: "custom", message }]);
}

/**
 * A URL a person follows or hubcap sends to (an app's homepage, its callback, setup and webhook URLs):
 * an absolute http(s) URL, as GitHub accepts; `javascript:` and the like are refused, since pages link
 * to it.
 */
export function isHttpUrl(value: string): boolean {
  if (value.length > FIELD_LIMITS.url) return false;
  try {
    const { protocol } = new URL(value);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}
