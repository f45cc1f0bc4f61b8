import { readFileSync } from "node:fs";
import { join } from "node:path";
import { openWorldWriter, type BulkRows } from "../lib/hubcap-internals.js";
import { SECRET_KEY } from "../lib/server.js";
import type { BenchApp } from "./bench-app.js";

const REPOS_PER_ACCOUNT = 10;
const BATCH = 10_000;

export interface LargeWorld extends BenchApp {
  /** Seconds the store took to fill. */
  seconds: number;
  /** The last page of the app's installations at 100 a page. */
  lastPage: number;
}

/**
 * `installations` installations of one app on as many accounts, each owning 10 repositories (the full
 * world: 100,000 installations, 1,000,000 repositories), written in batches straight into the store.
 * Odd installations select 5 repositories, even ones take all: like the small world.
 */
export async function fillLargeWorld(
  location: string,
  dir: string,
  installations: number,
): Promise<LargeWorld> {
  const started = performance.now();
  const writer = await openWorldWriter(location, { secretKey: SECRET_KEY });
  try {
    await writer.apply(
      {
        users: [{ login: "octocat" }],
        apps: [
          {
            slug: "bench",
            id: 1,
            owner: "octocat",
            permissions: { metadata: "read", contents: "read" },
            private_key_file: "large.pem",
          },
        ],
      },
      dir,
    );
    const now = Math.floor(Date.now() / 1000);
    for (let batch = 0; batch < installations; batch += BATCH)
      await writer.bulkInsert(rows(batch, Math.min(batch + BATCH, installations), now));
  } finally {
    await writer.close();
  }
  return {
    seconds: (performance.now() - started) / 1000,
    appId: 1,
    keyPem: readFileSync(join(dir, "large.pem"), "utf8"),
    // The middle one: 50,010 in the full world.
    installationId: 10 + installations / 2,
    lastPage: Math.ceil(installations / 100),
  };
}

function rows(from: number, to: number, now: number): Required<BulkRows> {
  const batch: Required<BulkRows> = {
    accounts: [],
    repositories: [],
    installations: [],
    installationRepositories: [],
  };
  for (let n = from; n < to; n++) {
    const accountId = 1000 + n;
    batch.accounts.push({
      id: accountId,
      login: `org-${n}`,
      type: "Organization",
      name: null,
      email: null,
      siteAdmin: false,
      now,
    });
    for (let r = 0; r < REPOS_PER_ACCOUNT; r++) {
      batch.repositories.push({
        id: 1_000_000 + n * REPOS_PER_ACCOUNT + r,
        ownerId: accountId,
        name: `repo-${r}`,
        private: r % 2 === 0,
        description: null,
        defaultBranch: "main",
        now,
      });
    }
    const selected = n % 2 === 1;
    batch.installations.push({
      id: 10 + n,
      appId: 1,
      accountId,
      repositorySelection: selected ? "selected" : "all",
      permissions: { metadata: "read", contents: "read" },
      events: [],
      now,
    });
    if (selected) {
      for (let r = 0; r < 5; r++)
        batch.installationRepositories.push({
          installationId: 10 + n,
          repositoryId: 1_000_000 + n * REPOS_PER_ACCOUNT + r,
        });
    }
  }
  return batch;
}
