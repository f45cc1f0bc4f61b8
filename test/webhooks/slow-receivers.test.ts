import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { startHubcap } from "../../src/testing/index.js";
import { nowSeconds, signJwt } from "../helpers/jwt.js";
import { freshStore, TEST_STORE } from "../helpers/store.js";

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

interface Arrival {
  guid: string;
  at: number;
  /** When hubcap let go of the connection (ms since the epoch), once it has. */
  closedAt?: number;
}

/**
 * A receiver that answers 200 at once and then trickles its body a byte every 200 ms, for ever: each
 * read is quick, so only a deadline on the whole exchange ends the send.
 */
async function startTrickler() {
  const arrivals: Arrival[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const arrival: Arrival = { guid: String(req.headers["x-github-delivery"]), at: Date.now() };
    arrivals.push(arrival);
    req.resume();
    res.writeHead(200, { "content-type": "text/plain" });
    const timer = setInterval(() => res.write("."), 200);
    res.on("close", () => {
      clearInterval(timer);
      arrival.closedAt = Date.now();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/hook`;
  cleanups.push(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });
  return { url, arrivals };
}

async function startQuick() {
  const arrivals: Arrival[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      arrivals.push({ guid: String(req.headers["x-github-delivery"]), at: Date.now() });
      res.writeHead(200).end("thanks");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/hook`;
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return { url, arrivals };
}

describe(`sends to slow receivers (${TEST_STORE})`, () => {
  it("end at the deadline, whole exchange included, and a live send is never taken over", async () => {
    const trickler = await startTrickler();
    const hubcap = await startHubcap({
      db: await freshStore(),
      // The claim timeout is shorter than the deadline: only renewing a live send's claim keeps another
      // pass of the deliverer from sending the same delivery again.
      deliverer: { timeoutMs: 1500, staleMs: 400 },
      world: {
        users: [{ login: "u" }],
        apps: [{ slug: "slow", id: 7, owner: "u", webhook: { url: trickler.url } }],
      },
    });
    cleanups.unshift(() => hubcap.close());
    await expect.poll(() => trickler.arrivals[0]?.closedAt, { timeout: 5000 }).toBeDefined();
    const [ping] = trickler.arrivals;
    // The deadline runs from before the connection is made, so the receiver sees a little less of it.
    expect(ping!.closedAt! - ping!.at).toBeGreaterThan(700);
    expect(ping!.closedAt! - ping!.at).toBeLessThan(2500);
    // Time enough for a second send, had the claim been released.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(trickler.arrivals.map((a) => a.guid)).toEqual([ping!.guid]);

    const jwt = signJwt(
      { iat: nowSeconds() - 30, exp: nowSeconds() + 500, iss: 7 },
      hubcap.apps.slow!.privateKey,
    );
    const listed = await fetch(`${hubcap.url}/app/hook/deliveries`, {
      headers: { authorization: `Bearer ${jwt}` },
    });
    const [recorded] = (await listed.json()) as Array<{ guid: string; status: string; duration: number }>;
    expect(recorded).toMatchObject({ guid: ping!.guid, status: "timed out" });
    expect(recorded!.duration).toBeLessThan(2.5);
  });

  it("do not delay another app's deliveries", async () => {
    const slowA = await startTrickler();
    const slowB = await startTrickler();
    const quick = await startQuick();
    const hubcap = await startHubcap({
      db: await freshStore(),
      // Two slow apps at their per-app cap would fill every slot, for the whole deadline.
      deliverer: { concurrency: 4, perAppConcurrency: 2, timeoutMs: 4000, slowMs: 300 },
      world: {
        users: Array.from({ length: 4 }, (_, i) => ({ login: `u${i}` })),
        apps: [
          { slug: "slow-a", owner: "u0", webhook: { url: slowA.url } },
          { slug: "slow-b", owner: "u0", webhook: { url: slowB.url } },
          { slug: "quick", owner: "u0", webhook: { url: quick.url } },
        ],
        installations: [
          ...Array.from({ length: 4 }, (_, i) => ({ app: "slow-a", account: `u${i}` })),
          ...Array.from({ length: 4 }, (_, i) => ({ app: "slow-b", account: `u${i}` })),
          { app: "quick", account: "u0" },
        ],
      },
    });
    cleanups.unshift(() => hubcap.close());
    // The quick app's ping and installation.created.
    await expect.poll(() => quick.arrivals.length, { timeout: 6000 }).toBe(2);
    // Within moments of the slow apps' first sends, not after their deadline.
    const firstSlow = Math.min(...[...slowA.arrivals, ...slowB.arrivals].map((a) => a.at));
    expect(Math.max(...quick.arrivals.map((a) => a.at)) - firstSlow).toBeLessThan(2000);
    // Both slow apps got their turn, but neither more than its cap at once.
    expect(slowA.arrivals.length).toBeGreaterThanOrEqual(1);
    expect(slowB.arrivals.length).toBeGreaterThanOrEqual(1);
    expect(slowA.arrivals.length).toBeLessThanOrEqual(2);
    expect(slowB.arrivals.length).toBeLessThanOrEqual(2);
  });
});
