import { readFileSync } from "node:fs";

/**
 * Every (operation, media type) the seed editions of GitHub's Apps API reference document with a
 * status and an example, as scripts/extract-seed-operations.mjs extracts them from
 * /work/shared/seeds into seed-operations.json. Each names the seed file, edition and line it is from.
 * The octokit method list (000_…) documents no statuses or examples and gives no case.
 */
export interface SeedOperation {
  method: string;
  /** GitHub's path template, e.g. `/app/installations/{installation_id}`. */
  path: string;
  /** The Accept header the edition's curl sample sends. */
  accept: string;
  /**
   * The credential the edition states ("You must use a JWT…"); `bearer` where its sample sends a
   * `Bearer <YOUR-TOKEN>` of no named kind, null where it states none.
   */
  credential: Credential | "bearer" | null;
  status: number;
  /** The edition's example response (null for none: a 204). */
  body: unknown;
  sources: Array<{ file: string; edition: string; line: number }>;
}

export const SEED_OPERATIONS = JSON.parse(
  readFileSync(new URL("./seed-operations.json", import.meta.url), "utf8"),
) as SeedOperation[];

/**
 * The credential each operation takes, as the editions state it ("You must use a JWT to access this
 * endpoint", "…an installation access token…", "…Basic Authentication … client_id and client_secret…",
 * "…a personal access token…", "…a user-to-server OAuth access token…"); `none` where the editions name
 * none (the manifest conversion and a public app's page).
 */
export type Credential = "jwt" | "installation" | "client" | "personal" | "user-to-server" | "none";

export function credentialOf(path: string): Credential {
  if (path === "/app-manifests/{code}/conversions" || path === "/apps/{app_slug}") return "none";
  if (path.startsWith("/applications/")) return "client";
  if (path.startsWith("/installation/") || path.startsWith("/content_references/")) return "installation";
  // "You must use a personal access token (which you can create via the command line or Basic
  // Authentication) to access this endpoint." (adding and removing installation repositories)
  if (/^\/user\/installations\/\{installation_id\}\/repositories\/\{repository_id\}$/.test(path))
    return "personal";
  if (path.startsWith("/user/")) return "user-to-server";
  return "jwt";
}
