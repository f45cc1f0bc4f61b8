import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHubcap, type TestHubcap } from "../../src/testing/index.js";
import { startCluster, type Cluster } from "../helpers/postgres-cluster.js";

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
