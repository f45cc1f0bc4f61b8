import { createAppAuth } from "@octokit/auth-app";
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHubcap, type TestHubcap } from "../../src/testing/index.js";
import { WORLD } from "../helpers/hubcap.js";
import { freshStore } from "../helpers/store.js";

/** Two stateless instances on one PostgreSQL database: every behaviour as on one. */
let a: TestHubcap;
let b: TestHubcap;
beforeAll(async () => {
  const db = await freshStore();
  a = await startHubcap({ db, world: WORLD });
  b = await startHubcap({ db });
  // b applied no world: it knows the apps only through the database (and a's key pairs through a).
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

const appOctokit = (instance: TestHubcap) =>
  new Octokit({
    authStrategy: createAppAuth,
    auth: { appId: 1, privateKey: a.apps.octoapp!.privateKey },
    baseUrl: instance.url,
    log: { debug() {}, info() {}, warn() {}, error() {} },
  });
const tokenOctokit = (instance: TestHubcap, token: string) =>
  new Octokit({ auth: token, baseUrl: instance.url, log: { debug() {}, info() {}, warn() {}, error() {} } });

describe("two instances on one database", () => {
  it("a token minted on one works on the other, and revoking it on one refuses it on the other at once", async () => {
    const { data } = await appOctokit(a).apps.createInstallationAccessToken({ installation_id: 1 });
    expect(
      (await tokenOctokit(b, data.token).apps.listReposAccessibleToInstallation()).data.total_count,
    ).toBe(2);
    await tokenOctokit(a, data.token).apps.revokeInstallationAccessToken();
    await expect(tokenOctokit(b, data.token).apps.listReposAccessibleToInstallation()).rejects.toMatchObject({
      status: 401,
    });
  });

  it("suspending on one refuses the installation's tokens on the other at once", async () => {
    const { data } = await appOctokit(b).apps.createInstallationAccessToken({ installation_id: 2 });
    await appOctokit(a).apps.suspendInstallation({ installation_id: 2 });
    await expect(tokenOctokit(b, data.token).apps.listReposAccessibleToInstallation()).rejects.toMatchObject({
      status: 403,
    });
    await expect(
      appOctokit(b).apps.createInstallationAccessToken({ installation_id: 2 }),
    ).rejects.toMatchObject({ status: 403 });
    await appOctokit(b).apps.unsuspendInstallation({ installation_id: 2 });
    expect((await tokenOctokit(a, data.token).apps.listReposAccessibleToInstallation()).status).toBe(200);
  });

  it("shares rate-limit counts", async () => {
    const { data } = await appOctokit(a).apps.createInstallationAccessToken({ installation_id: 1 });
    for (let i = 0; i < 5; i++)
      await tokenOctokit(i % 2 ? a : b, data.token).apps.listReposAccessibleToInstallation();
    await a.hub.rateLimiter.flush();
    await b.hub.rateLimiter.flush();
    const { data: limits } = await tokenOctokit(b, data.token).rateLimit.get();
    expect(limits.resources.core.used).toBeGreaterThanOrEqual(5);
  });

  it("moves the clock of every instance", async () => {
    await a.setClockOffset(2 * 3600_000);
    try {
      await expect
        .poll(async () => Date.parse((await fetch(`${b.url}/`)).headers.get("date")!) - Date.now(), {
          timeout: 3000,
          interval: 100,
        })
        .toBeGreaterThan(3600_000);
    } finally {
      await a.setClockOffset(0);
      // b follows within its sync interval; the next test must not meet it still two hours ahead.
      await expect
        .poll(
          async () => Math.abs(Date.parse((await fetch(`${b.url}/`)).headers.get("date")!) - Date.now()),
          {
            timeout: 3000,
            interval: 100,
          },
        )
        .toBeLessThan(60_000);
    }
  });

  it("mints concurrently from both without duplicates, and keeps counts consistent under concurrent changes", async () => {
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        appOctokit(i % 2 ? a : b).apps.createInstallationAccessToken({ installation_id: 1 }),
      ),
    );
    const tokens = results.map((r) => r.data.token);
    expect(new Set(tokens).size).toBe(60);
    const stored = (await a.hub.store.dumpTables()).installation_tokens as Array<{ token_hash: string }>;
    expect(new Set(stored.map((t) => t.token_hash)).size).toBe(stored.length);

    // Suspensions and uninstalls racing from both instances.
    await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => {
        const octokit = appOctokit(i % 2 ? a : b);
        if (i % 5 === 4) return octokit.apps.deleteInstallation({ installation_id: 3 - (i % 2) });
        return i % 3
          ? octokit.apps.suspendInstallation({ installation_id: 1 })
          : octokit.apps.unsuspendInstallation({ installation_id: 1 });
      }),
    );
    const dump = await b.hub.store.dumpTables();
    const installations = dump.installations as Array<{ app_id: number }>;
    const apps = dump.apps as Array<{ id: number; installations_count: number }>;
    for (const app of apps) {
      expect(app.installations_count, `app ${app.id}`).toBe(
        installations.filter((i) => i.app_id === app.id).length,
      );
    }
  });
});
