import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
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
