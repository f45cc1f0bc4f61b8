import { request as undiciRequest } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import { nowSeconds, signJwt } from "../helpers/jwt.js";

let hubcap: TestHubcap;
let token: string;
beforeAll(async () => {
  // The tests play the proxy in front of hubcap (X-Forwarded-Proto), from loopback.
  hubcap = await hubcapForTest({
    rateLimits: { installation: 8, unauthenticated: 3 },
    trustProxy: ["127.0.0.1"],
  });
  const response = await fetch(`${hubcap.url}/app/installations/1/access_tokens`, {
    method: "POST",
    headers: { authorization: `Bearer ${jwt()}`, "content-type": "application/json" },
  });
  token = ((await response.json()) as { token: string }).token;
});
afterAll(() => hubcap.close());

const jwt = () =>
  signJwt({ iat: nowSeconds() - 30, exp: nowSeconds() + 500, iss: 1 }, hubcap.apps.octoapp!.privateKey);

describe("every response", () => {
  it("carries GitHub's headers and a Date from hubcap's clock", async () => {
    const response = await fetch(`${hubcap.url}/api/v3/app`, {
      headers: { authorization: `Bearer ${jwt()}` },
    });
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("x-github-request-id")).toMatch(
      /^[0-9A-F]{4}:[0-9A-F]{4}:[0-9A-F]+:[0-9A-F]+:[0-9A-F]{8}$/,
    );
    expect(response.headers.get("x-github-media-type")).toBe("github.v3; format=json");
    expect(response.headers.get("x-github-api-version-selected")).toBe("2022-11-28");
    expect(Math.abs(Date.parse(response.headers.get("date")!) - Date.now())).toBeLessThan(2000);
    // JWT-authenticated responses carry no rate-limit headers, as on GitHub.
    expect(response.headers.get("x-ratelimit-limit")).toBeNull();

    await hubcap.advanceClock(3600_000);
    try {
      const later = await fetch(`${hubcap.url}/`);
      expect(Date.parse(later.headers.get("date")!) - Date.now()).toBeGreaterThan(3590_000);
    } finally {
      await hubcap.setClockOffset(0);
    }
  });

  it("writes timestamps without milliseconds", async () => {
    const text = await (
      await fetch(`${hubcap.url}/app/installations/1`, { headers: { authorization: `Bearer ${jwt()}` } })
    ).text();
    expect(text).toMatch(/"created_at":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"/);
    expect(text).not.toMatch(/\.\d{3}Z/);
  });

  it("answers If-None-Match with 304", async () => {
    const headers = { authorization: `Bearer ${jwt()}` };
    const first = await fetch(`${hubcap.url}/app/installations/1`, { headers });
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const second = await fetch(`${hubcap.url}/app/installations/1`, {
      headers: { ...headers, "if-none-match": etag },
    });
    expect(second.status).toBe(304);
    expect(await second.text()).toBe("");
    const changed = await fetch(`${hubcap.url}/app/installations/1`, {
      headers: { ...headers, "if-none-match": 'W/"other"' },
    });
    expect(changed.status).toBe(200);
  });

  it("selects the API version, and refuses one it does not know", async () => {
    const ok = await fetch(`${hubcap.url}/`, { headers: { "x-github-api-version": "2022-11-28" } });
    expect(ok.status).toBe(200);
    const bad = await fetch(`${hubcap.url}/app`, {
      headers: { "x-github-api-version": "2019-01-01", authorization: `Bearer ${jwt()}` },
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ message: expect.stringContaining("2019-01-01"), status: "400" });
  });

  it("takes Bearer, bearer and token schemes alike", async () => {
    for (const scheme of ["Bearer", "bearer", "token", "TOKEN"]) {
      const response = await fetch(`${hubcap.url}/installation/repositories`, {
        headers: { authorization: `${scheme} ${token}` },
      });
      expect(response.status, scheme).toBe(200);
    }
  });

  it("accepts an empty JSON body, and collapses doubled slashes", async () => {
    const response = await fetch(`${hubcap.url}/api/v3//app/installations/2/access_tokens`, {
      method: "POST",
      headers: { authorization: `Bearer ${jwt()}`, "content-type": "application/json" },
      body: "",
    });
    expect(response.status).toBe(201);
  });

  it("builds Link headers from the request's own host", async () => {
    const { headers } = await undiciRequest(`${hubcap.url}/api/v3/app/installations?per_page=1`, {
      headers: { authorization: `Bearer ${jwt()}`, host: "hubcap.test:8443", "x-forwarded-proto": "https" },
    });
    expect(headers.link).toBe(
      '<https://hubcap.test:8443/api/v3/app/installations?per_page=1&page=2>; rel="next", ' +
        '<https://hubcap.test:8443/api/v3/app/installations?per_page=1&page=2>; rel="last"',
    );
    const { body } = await undiciRequest(`${hubcap.url}/app/installations/1`, {
      headers: { authorization: `Bearer ${jwt()}`, host: "hubcap.test:8443" },
    });
    expect(((await body.json()) as { access_tokens_url: string }).access_tokens_url).toBe(
      "http://hubcap.test:8443/app/installations/1/access_tokens",
    );
  });
});

describe("rate limits", () => {
  it("counts token requests per installation and refuses past the limit", async () => {
    let last: Response | undefined;
    const remaining: number[] = [];
    for (let i = 0; i < 12; i++) {
      last = await fetch(`${hubcap.url}/installation/repositories`, {
        headers: { authorization: `token ${token}` },
      });
      if (last.status !== 200) break;
      remaining.push(Number(last.headers.get("x-ratelimit-remaining")));
    }
    expect(last!.status).toBe(403);
    expect(last!.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(await last!.json()).toMatchObject({
      message: "API rate limit exceeded for installation ID 1.",
      status: "403",
    });
    // One less each time, reaching 0 only with the last request the limit allows (ruby stops paginating at 0).
    expect(remaining.every((n, i) => i === 0 || n === remaining[i - 1]! - 1)).toBe(true);
    expect(remaining.at(-1)).toBe(0);
    expect(remaining.slice(0, -1).every((n) => n > 0)).toBe(true);
    // GET /rate_limit reports the exhausted limit without counting itself.
    const limits = await fetch(`${hubcap.url}/rate_limit`, { headers: { authorization: `token ${token}` } });
    expect(limits.status).toBe(200);
    expect(
      ((await limits.json()) as { resources: { core: { remaining: number } } }).resources.core.remaining,
    ).toBe(0);
  });

  it("opens a new window when the hour has passed", async () => {
    await hubcap.advanceClock(3601_000);
    try {
      // The token itself expired with the hour, so mint another.
      const minted = await fetch(`${hubcap.url}/app/installations/1/access_tokens`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${signJwt({ iat: nowSeconds() + 3571, exp: nowSeconds() + 4100, iss: 1 }, hubcap.apps.octoapp!.privateKey)}`,
        },
      });
      const fresh = ((await minted.json()) as { token: string }).token;
      const expired = await fetch(`${hubcap.url}/installation/repositories`, {
        headers: { authorization: `token ${token}` },
      });
      expect(expired.status).toBe(401);
      const response = await fetch(`${hubcap.url}/installation/repositories`, {
        headers: { authorization: `token ${fresh}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("x-ratelimit-used")).toBe("1");
    } finally {
      await hubcap.setClockOffset(0);
    }
  });

  it("limits anonymous requests per address", async () => {
    let response = await fetch(`${hubcap.url}/repos/octo-org/hello-world`);
    for (let i = 0; i < 5 && response.status === 200; i++) {
      expect(response.headers.get("x-ratelimit-limit")).toBe("3");
      response = await fetch(`${hubcap.url}/repos/octo-org/hello-world`);
    }
    expect(response.status).toBe(403);
    expect(((await response.json()) as { message: string }).message).toMatch(
      /^API rate limit exceeded for 127\.0\.0\.1\./,
    );
  });
});
