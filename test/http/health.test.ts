import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHubcap, type TestHubcap } from "../../src/testing/index.js";
import { startCluster, type Cluster } from "../helpers/postgres-cluster.js";
import { hubcapForTest } from "../helpers/hubcap.js";

describe("health endpoints", () => {
  let hubcap: TestHubcap;
  beforeAll(async () => {
    // One anonymous request an hour: a health check that counted would be refused on its second call.
    hubcap = await hubcapForTest({ rateLimits: { unauthenticated: 1 } });
  });
  afterAll(() => hubcap?.close());

  it("answers liveness and readiness, without a credential and never rate limited", async () => {
    for (let i = 0; i < 5; i++) {
      for (const [path, status] of [
        ["/_hubcap/health/live", "live"],
        ["/_hubcap/health/ready", "ready"],
      ]) {
        const response = await fetch(`${hubcap.url}${path}`);
        expect([path, response.status]).toEqual([path, 200]);
        expect(response.headers.get("x-ratelimit-limit")).toBeNull();
        expect(response.headers.get("cache-control")).toBe("no-store");
        expect(await response.json()).toEqual({ status });
      }
    }
    // The anonymous allowance is still whole: the checks above did not use it.
    const root = await fetch(`${hubcap.url}/`);
    expect(root.status).toBe(200);
    expect(root.headers.get("x-ratelimit-remaining")).toBe("0");
  });
});

describe("readiness while PostgreSQL is away", () => {
  let cluster: Cluster;
  let hubcap: TestHubcap;
  beforeAll(async () => {
    cluster = await startCluster();
    hubcap = await startHubcap({ db: cluster.url, world: { users: [{ login: "u" }] } });
  }, 60_000);
  afterAll(async () => {
    await hubcap?.close();
    cluster?.stop();
  });

  it("is 503 with a reason while the database cannot be reached, live throughout, and ready again after", async () => {
    const ready = () => fetch(`${hubcap.url}/_hubcap/health/ready`);
    expect((await ready()).status).toBe(200);
    cluster.pause();
    try {
      const response = await ready();
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("1");
      expect(await response.json()).toEqual({
        status: "unavailable",
        reason: "hubcap cannot reach its database",
      });
      expect((await fetch(`${hubcap.url}/_hubcap/health/live`)).status).toBe(200);
    } finally {
      cluster.start();
    }
    await expect.poll(async () => (await ready()).status, { timeout: 15_000, interval: 200 }).toBe(200);
  }, 60_000);
});
