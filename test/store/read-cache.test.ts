import { Kysely, SqliteDialect } from "kysely";
import { describe, expect, it } from "vitest";
import { OffsetClock } from "../../src/domain/clock.js";
import { Hubcap } from "../../src/domain/hubcap.js";
import { tableWritten } from "../../src/store/read-cache.js";
import { openStore } from "../../src/store/open-store.js";
import type { Database } from "../../src/store/schema.js";
import { WORLD } from "../helpers/hubcap.js";
import { freshStore, TEST_STORE } from "../helpers/store.js";

describe("the store's generation", () => {
  it("knows the table each of Kysely's writes changes", () => {
    // Compiled only: a dialect needs no connection to write SQL.
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: {} as never }) });
    const compiled = [
      db.insertInto("rate_limits").values({ key: "k", used: 1, reset_at: 0 }),
      db
        .insertInto("rate_limits")
        .values({ key: "k", used: 1, reset_at: 0 })
        .onConflict((oc) => oc.doNothing()),
      db.updateTable("webhook_deliveries").set({ state: "done" }).where("id", "=", 1),
      db.deleteFrom("installations").where("id", "=", 1),
    ].map((q) => tableWritten(q.compile().sql));
    expect(compiled).toEqual(["rate_limits", "rate_limits", "webhook_deliveries", "installations"]);
    expect(tableWritten("update rate_limits set used = 0")).toBe("rate_limits");
    expect(tableWritten("PRAGMA optimize")).toBeUndefined();
  });

  it(`holds through deliveries, rate-limit counts and tokens, and moves on any other write (${TEST_STORE})`, async () => {
    const store = await openStore(await freshStore());
    const hub = new Hubcap(store, new OffsetClock(), { secretKey: "generation" });
    try {
      await hub.world.apply(WORLD, { baseDir: "." });
      const before = store.generation();
      if (TEST_STORE === "postgres") {
        // Other instances change the database: nothing can be kept on the strength of it.
        expect(before).toBeUndefined();
        return;
      }
      expect(before).toEqual(expect.any(Number));
      await store.addRateLimitUsage("installation:1", 1, 0, 3600);
      await store.claimDeliveries("worker", 0, 10);
      const { token } = await hub.installations.createAccessToken(1, 1, {});
      expect(store.generation()).toBe(before);
      // The token's own lookup is not kept past its revocation.
      await hub.tokenAuth.authenticate(token);
      await hub.installations.revokeToken((await hub.tokenAuth.authenticate(token)).tokenHash);
      await expect(hub.tokenAuth.authenticate(token)).rejects.toThrow();
      expect(store.generation()).toBe(before);
      await hub.installing.suspend(1, await hub.accounts.get("octocat"));
      expect(store.generation()).not.toBe(before);
    } finally {
      await hub.close();
      await store.close();
    }
  });
});
