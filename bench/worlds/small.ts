import { readFileSync } from "node:fs";
import { join } from "node:path";
import { openWorldWriter, type WorldFile } from "../lib/hubcap-internals.js";
import { SECRET_KEY } from "../lib/server.js";
import type { BenchApp } from "./bench-app.js";

const ORGS = 40;

/**
 * Shaped like the large world (accounts of 10 repositories, installed on all or 5 selected), so that
 * each page compares like with like: 40 installations, a first page of 30.
 */
export function smallWorld(): WorldFile {
  const orgs = Array.from({ length: ORGS }, (_, n) => `org-${n}`);
  return {
    users: [{ login: "octocat" }],
    orgs: orgs.map((login) => ({ login, admins: ["octocat"] })),
    repos: orgs.flatMap((org) =>
      Array.from({ length: 10 }, (_, r) => ({ full_name: `${org}/repo-${r}`, private: r % 2 === 0 })),
    ),
    apps: [
      {
        slug: "bench",
        id: 1,
        owner: "octocat",
        permissions: { metadata: "read", contents: "read" },
        private_key_file: "bench.pem",
      },
    ],
    installations: orgs.map((account, n) =>
      n % 2 === 1
        ? {
            app: "bench",
            account,
            id: 10 + n,
            repository_selection: "selected" as const,
            repositories: ["repo-0", "repo-1", "repo-2", "repo-3", "repo-4"],
          }
        : { app: "bench", account, id: 10 + n },
    ),
  };
}

/** Writes the small world into the store at `location`; its app's key goes into `dir`. */
export async function fillSmallWorld(location: string, dir: string): Promise<BenchApp> {
  const writer = await openWorldWriter(location, { secretKey: SECRET_KEY });
  try {
    await writer.apply(smallWorld(), dir);
  } finally {
    await writer.close();
  }
  return { appId: 1, keyPem: readFileSync(join(dir, "bench.pem"), "utf8"), installationId: 30 };
}
