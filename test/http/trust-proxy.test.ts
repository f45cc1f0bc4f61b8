import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, resolveConfig, trustedProxies } from "../../src/config.js";
import type { TestHubcap } from "../../src/testing/index.js";
import { hubcapForTest } from "../helpers/hubcap.js";

/** An anonymous, rate-limited read. */
const READ = "/repos/octo-org/hello-world";

async function exhaust(hubcap: TestHubcap, headers: (i: number) => Record<string, string>) {
  let response: Response | undefined;
  for (let i = 0; i < 10; i++) {
    response = await fetch(`${hubcap.url}${READ}`, { headers: headers(i) });
    if (response.status !== 200) break;
  }
  return response!;
}

const message = async (response: Response) => ((await response.json()) as { message: string }).message;

/** The rate-limit rows of anonymous callers, by address. */
async function addressRows(hubcap: TestHubcap): Promise<string[]> {
  const { rate_limits } = await hubcap.hub.store.dumpTables();
  return (rate_limits as { key: string }[]).map((row) => row.key).filter((key) => key.startsWith("ip:"));
}

describe("forwarded headers from a client that is no trusted proxy", () => {
  let hubcap: TestHubcap;
  beforeAll(async () => {
    hubcap = await hubcapForTest({ rateLimits: { unauthenticated: 3 } });
  });
  afterAll(() => hubcap?.close());

  it("do not reset the anonymous rate limit, nor add a rate-limit row per value", async () => {
    const response = await exhaust(hubcap, (i) => ({
      "x-forwarded-for": `203.0.113.${i}`,
      forwarded: `for=198.51.100.${i}`,
    }));
    expect(response.status).toBe(403);
    expect(await message(response)).toMatch(/^API rate limit exceeded for 127\.0\.0\.1\./);
    await hubcap.hub.rateLimiter.flush();
    expect(await addressRows(hubcap)).toEqual(["ip:127.0.0.1"]);
  });

  it("do not choose the scheme or host of the URLs hubcap writes", async () => {
    const response = await fetch(`${hubcap.url}/api/v3/user`, {
      headers: {
        authorization: "token ghp_octocatPersonalToken0000000000000000",
        "x-forwarded-host": "evil.example",
        "x-forwarded-proto": "https",
      },
    });
    const body = (await response.json()) as { url: string };
    expect(body.url).toBe(`${hubcap.url}/api/v3/users/octocat`);
  });
});

describe("forwarded headers from a trusted proxy", () => {
  let hubcap: TestHubcap;
  beforeAll(async () => {
    hubcap = await hubcapForTest({ rateLimits: { unauthenticated: 2 }, trustProxy: ["127.0.0.1"] });
  });
  afterAll(() => hubcap?.close());

  it("name the client, whose own rate limit counts", async () => {
    const first = await exhaust(hubcap, () => ({ "x-forwarded-for": "203.0.113.7" }));
    expect(first.status).toBe(403);
    expect(await message(first)).toMatch(/^API rate limit exceeded for 203\.0\.113\.7\./);
    // Another client behind the same proxy has its own limit.
    const other = await fetch(`${hubcap.url}${READ}`, { headers: { "x-forwarded-for": "203.0.113.8" } });
    expect(other.status).toBe(200);
  });

  it("give the scheme and host of the URLs hubcap writes", async () => {
    const response = await fetch(`${hubcap.url}/api/v3/user`, {
      headers: {
        authorization: "token ghp_octocatPersonalToken0000000000000000",
        "x-forwarded-host": "hubcap.example",
        "x-forwarded-proto": "https",
      },
    });
    expect(((await response.json()) as { url: string }).url).toBe(
      "https://hubcap.example/api/v3/users/octocat",
    );
  });
});

describe("a trusted proxy elsewhere", () => {
  let hubcap: TestHubcap;
  beforeAll(async () => {
    hubcap = await hubcapForTest({ rateLimits: { unauthenticated: 2 }, trustProxy: ["10.0.0.0/8"] });
  });
  afterAll(() => hubcap?.close());

  it("leaves the headers of clients that are not it unbelieved", async () => {
    const response = await exhaust(hubcap, (i) => ({ "x-forwarded-for": `203.0.113.${i}` }));
    expect(response.status).toBe(403);
    expect(await message(response)).toMatch(/^API rate limit exceeded for 127\.0\.0\.1\./);
  });
});

describe("--trust-proxy", () => {
  it("takes addresses, CIDR ranges and proxy-addr's names, and nothing else", () => {
    expect(trustedProxies("10.0.0.1, 10.1.0.0/16,loopback,::1,fd00::/8")).toEqual([
      "10.0.0.1",
      "10.1.0.0/16",
      "loopback",
      "::1",
      "fd00::/8",
    ]);
    expect(trustedProxies(undefined)).toEqual([]);
    for (const bad of ["true", "*", "10.0.0.0/33", "example.com", "10.0.0.1/8/8"]) {
      expect(() => trustedProxies(bad)).toThrow(ConfigError);
    }
  });

  it("is read from HUBCAP_TRUST_PROXY, and trusts no one by default", () => {
    expect(resolveConfig({ db: ":memory:" }, {}).trustProxy).toEqual([]);
    expect(resolveConfig({ db: ":memory:" }, { HUBCAP_TRUST_PROXY: "127.0.0.1" }).trustProxy).toEqual([
      "127.0.0.1",
    ]);
  });
});
