import { describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.js";
import type { Store } from "../../src/store/store.js";
import { TEST_STORE } from "../helpers/store.js";
import { NOW, addAccount, addApp, addDelivery, outcome, useStore } from "./fixtures.js";

const idsOf = (claimed: Array<{ delivery: { id: number } }>) => claimed.map((c) => c.delivery.id);

describe("store contract: the webhook delivery outbox", () => {
  const t = useStore();

  async function twoApps() {
    const owner = await addAccount(t.store, "owner");
    const a = await addApp(t.store, owner, "a", {
      webhookUrl: "https://a.example/hook",
      webhookSecret: "sealed-a",
    });
    const b = await addApp(t.store, owner, "b", { webhookUrl: "https://b.example/hook" });
    await t.store.updateWebhook(a.id, { hookId: 100 }, NOW);
    await t.store.updateWebhook(
      b.id,
      { hookId: 200, webhookContentType: "form", webhookInsecureSsl: "1" },
      NOW,
    );
    return { a: (await t.store.findAppById(a.id))!, b: (await t.store.findAppById(b.id))! };
  }

  it("writes a delivery pending, readable through its own app only", async () => {
    const { store } = t;
    const { a, b } = await twoApps();
    await store.insertDelivery({
      id: 5,
      guid: "0b1c",
      appId: a.id,
      hookId: 100,
      installationId: 3,
      repositoryId: 4,
      event: "issues",
      action: "opened",
      payload: '{"action":"opened"}',
      redelivery: true,
      now: NOW,
    });
    expect(await store.findDelivery(a.id, 5)).toEqual({
      id: 5,
      guid: "0b1c",
      appId: a.id,
      hookId: 100,
      installationId: 3,
      repositoryId: 4,
      event: "issues",
      action: "opened",
      payload: '{"action":"opened"}',
      redelivery: true,
      url: null,
      deliveredAt: null,
      duration: null,
      status: null,
      statusCode: null,
      requestHeaders: null,
      responseHeaders: null,
      responseBody: null,
      createdAt: NOW,
    });
    expect(await store.findDelivery(b.id, 5)).toBeUndefined();
    expect(await store.findDelivery(a.id, 6)).toBeUndefined();
    // Listed only once attempted.
    expect(await store.listDeliveries(a.id, { limit: 10 })).toEqual([]);
  });

  it("claims pending deliveries oldest first, with their app's webhook as it is now", async () => {
    const { store } = t;
    const { a, b } = await twoApps();
    const d1 = await addDelivery(store, a);
    const d2 = await addDelivery(store, b);
    const d3 = await addDelivery(store, a);
    await store.updateWebhook(a.id, { webhookActive: false }, NOW);

    const claimed = await store.claimDeliveries("w1", NOW, 10);
    expect(idsOf(claimed)).toEqual([d1, d2, d3]);
    expect(claimed[0]).toMatchObject({
      delivery: { id: d1, appId: a.id, hookId: 100, event: "installation", redelivery: false },
      webhook: {
        url: "https://a.example/hook",
        contentType: "json",
        insecureSsl: "0",
        active: false,
        sealedSecret: "sealed-a",
      },
    });
    expect(claimed[1]!.webhook).toEqual({
      url: "https://b.example/hook",
      contentType: "form",
      insecureSsl: "1",
      active: true,
      sealedSecret: null,
    });
    expect(await store.claimDeliveries("w2", NOW, 10)).toEqual([]);
  });

  it("claims no more than the limit at a time, counted after the skipped apps", async () => {
    const { store } = t;
    const { a, b } = await twoApps();
    const ids: number[] = [];
    for (const app of [a, b, a, b, a]) ids.push(await addDelivery(store, app));
    expect(idsOf(await store.claimDeliveries("w1", NOW, 1, [a.id]))).toEqual([ids[1]]);
    expect(idsOf(await store.claimDeliveries("w2", NOW, 2))).toEqual([ids[0], ids[2]]);
    expect(idsOf(await store.claimDeliveries("w3", NOW, 1))).toEqual([ids[3]]);
    expect(idsOf(await store.claimDeliveries("w4", NOW, 2))).toEqual([ids[4]]);
    expect(await store.claimDeliveries("w5", NOW, 2)).toEqual([]);
  });

  it("leaves the deliveries of skipped apps for later", async () => {
    const { store } = t;
    const { a, b } = await twoApps();
    const a1 = await addDelivery(store, a);
    const b1 = await addDelivery(store, b);
    const a2 = await addDelivery(store, a);
    const b2 = await addDelivery(store, b);
    expect(idsOf(await store.claimDeliveries("w", NOW, 10, [a.id]))).toEqual([b1, b2]);
    expect(await store.claimDeliveries("w", NOW, 10, [a.id])).toEqual([]);
    expect(await store.claimDeliveries("w", NOW, 10, [a.id, b.id])).toEqual([]);
    expect(idsOf(await store.claimDeliveries("w", NOW, 10, []))).toEqual([a1, a2]);
  });

  it("never gives one delivery to two workers claiming at once", async () => {
    const { store } = t;
    const { a, b } = await twoApps();
    const all: number[] = [];
    for (let i = 0; i < 30; i++) all.push(await addDelivery(store, i % 2 ? a : b));
    // On PostgreSQL the second worker is another instance, with its own connections.
    const other: Store = TEST_STORE === "postgres" ? await openStore(t.location) : store;
    try {
      const claims = await Promise.all(
        Array.from({ length: 6 }, (_, i) => (i % 2 ? other : store).claimDeliveries(`w${i}`, NOW, 7)),
      );
      const claimed = claims.flatMap(idsOf);
      expect(new Set(claimed).size).toBe(claimed.length);
      expect(claimed.sort((x, y) => x - y)).toEqual(all);
      // Each claim is its worker's: completing it as another worker fails.
      const [first] = claims.find((claim) => claim.length > 0)!;
      const owner = `w${claims.findIndex((claim) => claim.length > 0)}`;
      expect(await store.completeDelivery(first!.delivery.id, `${owner}-not`, outcome(200))).toBe(false);
      expect(await store.completeDelivery(first!.delivery.id, owner, outcome(200))).toBe(true);
    } finally {
      if (other !== store) await other.close();
    }
  });

  it("gives claimed deliveries back to the queue, only the releasing worker's", async () => {
    const { store } = t;
    const { a } = await twoApps();
    const d1 = await addDelivery(store, a);
    const d2 = await addDelivery(store, a);
    expect(idsOf(await store.claimDeliveries("w1", NOW, 10))).toEqual([d1, d2]);
    const d3 = await addDelivery(store, a);
    expect(idsOf(await store.claimDeliveries("w2", NOW, 10))).toEqual([d3]);
    await store.releaseDeliveries("w1", [d1, d3]);
    await store.releaseDeliveries("w1", []);
    // d1 was w1's; d3 is w2's and stays claimed, as d2 stays w1's.
    expect(idsOf(await store.claimDeliveries("w3", NOW, 10))).toEqual([d1]);
    expect(await store.completeDelivery(d3, "w2", outcome(200))).toBe(true);
    expect(await store.completeDelivery(d2, "w1", outcome(200))).toBe(true);
    expect(await store.completeDelivery(d1, "w1", outcome(200))).toBe(false);
    expect(await store.completeDelivery(d1, "w3", outcome(200))).toBe(true);
    // A finished delivery is not given back.
    await store.releaseDeliveries("w2", [d3]);
    expect(await store.claimDeliveries("w4", NOW, 10)).toEqual([]);
    expect(await store.findDelivery(a.id, d3)).toMatchObject({ statusCode: 200 });
  });

  it("returns deliveries claimed before a time and never finished; the old claim is lost", async () => {
    const { store } = t;
    const { a } = await twoApps();
    // One at a time, each claimed at its own time.
    const d1 = await addDelivery(store, a);
    await store.claimDeliveries("dead", 1000, 10);
    const d2 = await addDelivery(store, a);
    await store.claimDeliveries("slow", 2000, 10);
    const d3 = await addDelivery(store, a);
    await store.claimDeliveries("done", 500, 10);
    expect(await store.completeDelivery(d3, "done", outcome(200))).toBe(true);

    expect(await store.releaseStaleDeliveries(1000)).toBe(0);
    expect(await store.releaseStaleDeliveries(1500)).toBe(1);
    expect(idsOf(await store.claimDeliveries("heir", 3000, 10))).toEqual([d1]);
    expect(await store.completeDelivery(d1, "dead", outcome(500))).toBe(false);
    expect(await store.completeDelivery(d1, "heir", outcome(200))).toBe(true);
    expect(await store.completeDelivery(d1, "heir", outcome(200))).toBe(false);
    expect(await store.completeDelivery(d2, "slow", outcome(200))).toBe(true);
    expect(await store.releaseStaleDeliveries(10_000)).toBe(0);
  });

  it("renews a live worker's claims, only its own and only while they are claimed", async () => {
    const { store } = t;
    const { a } = await twoApps();
    const mine = await addDelivery(store, a);
    await store.claimDeliveries("live", 1000, 10);
    const theirs = await addDelivery(store, a);
    await store.claimDeliveries("other", 1000, 10);
    await store.renewDeliveryClaims("live", [mine, theirs], 5000);
    // Stale before 4000: only the other worker's claim, which "live" could not renew.
    expect(await store.releaseStaleDeliveries(4000)).toBe(1);
    expect(idsOf(await store.claimDeliveries("heir", 6000, 10))).toEqual([theirs]);
    expect(await store.completeDelivery(mine, "live", outcome(200))).toBe(true);
    // A finished delivery is not claimed again by a renewal.
    await store.renewDeliveryClaims("live", [mine], 7000);
    expect(await store.releaseStaleDeliveries(100_000)).toBe(1); // the heir's, claimed at 6000
    expect((await store.findDelivery(a.id, mine))!.statusCode).toBe(200);
  });

  it("records an attempt on the delivery", async () => {
    const { store } = t;
    const { a } = await twoApps();
    const id = await addDelivery(store, a);
    expect(await store.completeDelivery(id, "w", outcome(200))).toBe(false);
    await store.claimDeliveries("w", NOW, 1);
    expect(
      await store.completeDelivery(
        id,
        "w",
        outcome(502, { url: null, duration: 1.5, status: "Bad Gateway", responseBody: "" }),
      ),
    ).toBe(true);
    expect(await store.findDelivery(a.id, id)).toMatchObject({
      id,
      url: null,
      deliveredAt: NOW + 1,
      duration: 1.5,
      status: "Bad Gateway",
      statusCode: 502,
      requestHeaders: { "x-github-event": "installation" },
      responseHeaders: { "content-type": "text/plain" },
      responseBody: "",
    });
    // Done is never claimed again.
    expect(await store.claimDeliveries("w", NOW, 1)).toEqual([]);
  });

  it("lists an app's attempted deliveries newest first, before a cursor, by outcome", async () => {
    const { store } = t;
    const { a, b } = await twoApps();
    const codes = [200, 404, 201, 0, 299, 300, 199];
    const ids: number[] = [];
    for (const _ of codes) ids.push(await addDelivery(store, a));
    await addDelivery(store, b);
    const pending = await addDelivery(store, a);
    const claimed = await store.claimDeliveries("w", NOW, 100, [b.id]);
    expect(idsOf(claimed)).toEqual([...ids, pending]);
    for (const [i, code] of codes.entries()) await store.completeDelivery(ids[i]!, "w", outcome(code));
    // Pending again: not listed, as b's never claimed delivery is not.
    await store.releaseDeliveries("w", [pending]);

    const newestFirst = [...ids].reverse();
    expect((await store.listDeliveries(a.id, { limit: 100 })).map((d) => d.id)).toEqual(newestFirst);
    expect((await store.listDeliveries(a.id, { limit: 3 })).map((d) => d.id)).toEqual(
      newestFirst.slice(0, 3),
    );
    expect((await store.listDeliveries(a.id, { limit: 3, beforeId: ids[4] })).map((d) => d.id)).toEqual([
      ids[3],
      ids[2],
      ids[1],
    ]);
    expect(
      (await store.listDeliveries(a.id, { limit: 100, status: "success" })).map((d) => d.statusCode),
    ).toEqual([299, 201, 200]);
    expect(
      (await store.listDeliveries(a.id, { limit: 100, status: "failure" })).map((d) => d.statusCode),
    ).toEqual([199, 300, 0, 404]);
    expect(
      (await store.listDeliveries(a.id, { limit: 1, beforeId: ids[4], status: "failure" })).map((d) => d.id),
    ).toEqual([ids[3]]);
    expect(await store.listDeliveries(a.id, { limit: 10, beforeId: ids[0] })).toEqual([]);
    expect(await store.listDeliveries(b.id, { limit: 10 })).toEqual([]);
  });
});
