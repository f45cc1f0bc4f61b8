import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateAppKeyPair } from "../../src/domain/keys.js";
import { openStore } from "../../src/store/open-store.js";
import { nowSeconds, signJwt } from "../helpers/jwt.js";
import { startReceiver } from "../helpers/receiver.js";
import { serveProcess } from "../helpers/serve-process.js";
import { freshStore, TEST_STORE } from "../helpers/store.js";

const INSTALLATIONS = 300;
let dir: string;
let db: string;
const key = generateAppKeyPair();
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "hubcap-outbox-"));
  db = await freshStore(dir);
  // A slow receiver: deliveries are produced far faster than they are sent.
  receiver = await startReceiver((req, res) => {
    req.on("end", () => setTimeout(() => res.writeHead(200).end("ok"), 150));
  });
  writeFileSync(
    join(dir, "world.json"),
    JSON.stringify({
      users: Array.from({ length: INSTALLATIONS }, (_, i) => ({ login: `user-${i}` })),
      apps: [
        {
          slug: "busy",
          id: 1,
          owner: "user-0",
          public_keys: [key.publicKeyPem],
          webhook: { url: receiver.url, secret: "s" },
        },
      ],
      installations: Array.from({ length: INSTALLATIONS }, (_, i) => ({ app: "busy", account: `user-${i}` })),
    }),
  );
});
afterAll(async () => {
  await receiver?.close();
  rmSync(dir, { recursive: true, force: true });
});

const serve = (args: string[]) =>
  serveProcess(["--db", db, "--data-dir", dir, ...args], {
    HUBCAP_SECRET_KEY: "outbox-test",
    HUBCAP_DELIVERY_CLAIM_TIMEOUT_MS: "2000",
  });

async function deliveryStates() {
  const store = await openStore(db);
  try {
    return (await store.dumpTables()).webhook_deliveries as Array<{
      id: number;
      guid: string;
      state: string;
    }>;
  } finally {
    await store.close();
  }
}

describe(`the webhook outbox across a SIGKILL (${TEST_STORE})`, () => {
  it("sends every pending delivery after a restart: none lost, none twice but those in flight at the kill", async () => {
    const first = await serve(["--world", join(dir, "world.json")]);
    await receiver.waitFor(40, 20_000);
    first.child.kill("SIGKILL");
    await new Promise((resolve) => first.child.on("exit", resolve));

    const atKill = await deliveryStates();
    expect(atKill).toHaveLength(INSTALLATIONS + 1); // and the ping
    const inFlight = new Set(atKill.filter((d) => d.state === "delivering").map((d) => d.guid));
    const pending = atKill.filter((d) => d.state === "pending").length;
    expect(pending, "deliveries still pending at the kill").toBeGreaterThan(50);

    const before = receiver.received.length;
    const second = await serve([]);
    try {
      // Every delivery once (those in flight at the kill may come twice).
      const guids = () => new Set(receiver.received.map((r) => String(r.headers["x-github-delivery"])));
      await expect.poll(() => guids().size, { timeout: 30_000 }).toBe(atKill.length);
      // Those in flight at the kill may have reached the receiver before it, yet their rows still say
      // "delivering": the restarted hubcap sends them once their dead worker's claim runs out.
      const resent = () =>
        new Set(receiver.received.slice(before).map((r) => String(r.headers["x-github-delivery"])));
      await expect
        .poll(() => [...inFlight].filter((guid) => !resent().has(guid)), { timeout: 30_000 })
        .toEqual([]);
    } finally {
      // A stop waits for the sends in flight to be recorded; an embedded store is one process's, so
      // its rows are read once the server has let go of it.
      second.child.kill("SIGTERM");
      await new Promise((resolve) => second.child.on("exit", resolve));
    }
    expect((await deliveryStates()).every((d) => d.state === "done")).toBe(true);
    const counts = new Map<string, number>();
    for (const r of receiver.received)
      counts.set(
        String(r.headers["x-github-delivery"]),
        (counts.get(String(r.headers["x-github-delivery"])) ?? 0) + 1,
      );
    expect(new Set(atKill.map((d) => d.guid))).toEqual(new Set(counts.keys()));
    const twice = [...counts].filter(([, n]) => n > 1).map(([guid]) => guid);
    expect(
      twice.filter((guid) => !inFlight.has(guid)),
      "sent twice without being in flight at the kill",
    ).toEqual([]);
    expect([...counts.values()].every((n) => n <= 2)).toBe(true);

    // Recorded, and redeliverable, like any other.
    const third = await serve([]);
    try {
      const jwt = signJwt({ iat: nowSeconds() - 30, exp: nowSeconds() + 500, iss: 1 }, key.privateKeyPem);
      const list = await fetch(`${third.url}/app/hook/deliveries?per_page=100`, {
        headers: { authorization: `Bearer ${jwt}` },
      });
      const items = (await list.json()) as Array<{ id: number; status_code: number }>;
      expect(items).toHaveLength(100);
      expect(items.every((d) => d.status_code === 200)).toBe(true);
      const again = await fetch(`${third.url}/app/hook/deliveries/${items[0]!.id}/attempts`, {
        method: "POST",
        headers: { authorization: `Bearer ${jwt}` },
      });
      expect(again.status).toBe(202);
    } finally {
      third.child.kill("SIGTERM");
      await new Promise((resolve) => third.child.on("exit", resolve));
    }
  }, 90_000);
});
