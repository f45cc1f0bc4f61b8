import { Octokit } from "@octokit/rest";
import { request as undiciRequest } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mediaType } from "../../src/http/api-headers.js";
import type { TestHubcap } from "../../src/testing/index.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import { nowSeconds, signJwt } from "../helpers/jwt.js";
import { OAUTH_WORLD, SECRET } from "../oauth/world.js";

/**
 * The headers of hubcap's answers against those recorded from api.github.com and github.com:
 * PyGithub `tests/ReplayData/Installation.testGetRepos.txt` (JWT POST public, installation token GET
 * private, strong ETags on uncompressed answers, `X-GitHub-Media-Type` echoing `machine-man-preview`),
 * `RateLimiting.testGetRateLimit.txt` (`no-cache`, rate-limit headers, five-group request ids),
 * `ApplicationOAuth.testGetAccessTokenBadCode.txt` (github.com's page headers and `error_uri`),
 * `Artifact.testGetArtifactsFromRepoWithName.txt` (`per_page` before `page` in `Link`);
 * octokit.rb `spec/cassettes/Octokit_Client_OauthApplications/_check_token/checks_the_token_is_valid.json`
 * (client credentials: public, rate-limited at 5000); octokit/fixtures
 * `scenarios/api.github.com/errors/raw-fixture.json` (errors and 204s without Cache-Control or ETag);
 * https://docs.github.com/rest/using-the-rest-api/using-cors-and-jsonp-to-make-cross-origin-requests (preflight).
 */
let hubcap: TestHubcap;
let token: string;
const CLIENT = "Iv1.octoapp0client";
const PERSONAL = "ghp_octocatPersonalToken0000000000000000";
beforeAll(async () => {
  // The TLS case comes through a proxy on loopback, which says so in X-Forwarded-Proto.
  hubcap = await hubcapForTest({
    world: OAUTH_WORLD,
    rateLimits: { unauthenticated: 50 },
    trustProxy: ["127.0.0.1"],
  });
  const minted = await fetch(`${hubcap.url}/app/installations/1/access_tokens`, {
    method: "POST",
    headers: { authorization: `Bearer ${jwt()}` },
  });
  token = ((await minted.json()) as { token: string }).token;
});
afterAll(() => hubcap.close());

const jwt = () =>
  signJwt({ iat: nowSeconds() - 30, exp: nowSeconds() + 500, iss: 1 }, hubcap.apps.octoapp!.privateKey);
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

const EXPOSED =
  "ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, " +
  "X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, " +
  "X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset";

/** The raw header lines, so that two `Vary` lines stay two. */
async function raw(path: string, headers: Record<string, string> = {}, method = "GET", body?: unknown) {
  const response = await undiciRequest(`${hubcap.url}${path}`, {
    method,
    headers,
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, text };
}

describe("every API answer", () => {
  it("carries CORS and GitHub's security headers, on successes and errors alike", async () => {
    for (const [path, headers] of [
      ["/installation/repositories", { authorization: `token ${token}` }],
      ["/app/installations/999", { authorization: `Bearer ${jwt()}` }],
      ["/no/such/thing", {}],
    ] as const) {
      const { headers: h } = await raw(path, headers);
      expect(h["access-control-allow-origin"], path).toBe("*");
      expect(h["access-control-expose-headers"], path).toBe(EXPOSED);
      expect(h["x-content-type-options"], path).toBe("nosniff");
      expect(h["x-frame-options"], path).toBe("deny");
      expect(h["x-xss-protection"], path).toBe("0");
      expect(h["referrer-policy"], path).toBe("origin-when-cross-origin, strict-origin-when-cross-origin");
      expect(h["content-security-policy"], path).toBe("default-src 'none'");
      // Plain HTTP: no HSTS.
      expect(h["strict-transport-security"], path).toBeUndefined();
    }
  });

  it("sends Strict-Transport-Security where the client reached hubcap over TLS", async () => {
    const { headers } = await raw("/", { "x-forwarded-proto": "https" });
    expect(headers["strict-transport-security"]).toBe("max-age=31536000; includeSubdomains; preload");
  });

  it("marks a token's answer private and an anonymous or app's answer public, each with GitHub's Vary", async () => {
    const privately = await raw("/installation/repositories", { authorization: `token ${token}` });
    expect(privately.headers["cache-control"]).toBe("private, max-age=60, s-maxage=60");
    expect(privately.headers.vary).toEqual([
      "Accept, Authorization, Cookie, X-GitHub-OTP",
      "Accept-Encoding, Accept, X-Requested-With",
    ]);
    const personal = await raw("/user", { authorization: `token ${PERSONAL}` });
    expect(personal.headers["cache-control"]).toBe("private, max-age=60, s-maxage=60");

    for (const [path, headers] of [
      ["/", {}],
      ["/app", { authorization: `Bearer ${jwt()}` }],
    ] as const) {
      const { headers: h } = await raw(path, headers);
      expect(h["cache-control"], path).toBe("public, max-age=60, s-maxage=60");
      expect(h.vary, path).toEqual(["Accept", "Accept-Encoding, Accept, X-Requested-With"]);
    }
    // A created token is tagged and cached like a read (Installation.testGetRepos.txt).
    const created = await raw(
      "/app/installations/1/access_tokens",
      { authorization: `Bearer ${jwt()}` },
      "POST",
    );
    expect(created.status).toBe(201);
    expect(created.headers["cache-control"]).toBe("public, max-age=60, s-maxage=60");
    expect(created.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
  });

  it("sends errors and empty answers without Cache-Control or ETag", async () => {
    const missing = await raw("/app/installations/999", { authorization: `Bearer ${jwt()}` });
    expect(missing.status).toBe(404);
    expect(missing.headers["cache-control"]).toBeUndefined();
    expect(missing.headers.etag).toBeUndefined();
    expect(missing.headers.vary).toBe("Accept-Encoding, Accept, X-Requested-With");
    const minted = await fetch(`${hubcap.url}/app/installations/2/access_tokens`, {
      method: "POST",
      headers: { authorization: `Bearer ${jwt()}` },
    });
    const revoke = (await minted.json()) as { token: string };
    const revoked = await raw("/installation/token", { authorization: `token ${revoke.token}` }, "DELETE");
    expect(revoked.status).toBe(204);
    expect(revoked.headers["cache-control"]).toBeUndefined();
    expect(revoked.headers.etag).toBeUndefined();
  });

  it("tags answers with strong ETags and honours If-None-Match in either form", async () => {
    const headers = { authorization: `token ${token}` };
    const first = await raw("/installation/repositories", headers);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    for (const candidate of [etag, `W/${etag}`]) {
      const again = await raw("/installation/repositories", { ...headers, "if-none-match": candidate });
      expect(again.status, candidate).toBe(304);
      expect(again.headers.etag).toBe(etag);
      expect(again.headers["cache-control"]).toBe("private, max-age=60, s-maxage=60");
    }
  });

  it("writes request ids in GitHub's five hex groups", async () => {
    const { headers } = await raw("/");
    expect(headers["x-github-request-id"]).toMatch(
      /^[0-9A-F]{4}:[0-9A-F]{4}:[0-9A-F]+:[0-9A-F]+:[0-9A-F]{8}$/,
    );
  });

  it("echoes a preview named in Accept in X-GitHub-Media-Type, read through octokit", async () => {
    const octokit = new Octokit({ baseUrl: `${hubcap.url}/api/v3`, auth: token });
    const plain = await octokit.request("GET /installation/repositories");
    expect(plain.headers["x-github-media-type"]).toBe("github.v3; format=json");
    // As PyGithub sends it; octokit 22 dropped `mediaType.previews`, so the header is given as is.
    const preview = await octokit.request("GET /installation/repositories", {
      headers: { accept: "application/vnd.github.machine-man-preview+json" },
    });
    expect(preview.headers["x-github-media-type"]).toBe("github.v3; param=machine-man-preview; format=json");
    expect(preview.headers["access-control-allow-origin"]).toBe("*");
  });
});

describe("X-GitHub-Media-Type", () => {
  it("names the first preview among the types a client accepts", () => {
    // octokit/fixtures `scenarios/api.github.com/errors/raw-fixture.json`: v3 and a preview together.
    expect(mediaType("application/vnd.github.v3+json,application/vnd.github.speedy-preview+json")).toBe(
      "github.v3; param=speedy-preview; format=json",
    );
    expect(mediaType("application/vnd.github.corsair-preview")).toBe(
      "github.v3; param=corsair-preview; format=json",
    );
    for (const accept of [undefined, "*/*", "application/json", "application/vnd.github+json"])
      expect(mediaType(accept), String(accept)).toBe("github.v3; format=json");
  });
});

describe("a browser's cross-origin call", () => {
  it("passes the preflight and can read the exposed headers", async () => {
    const preflight = await fetch(`${hubcap.url}/api/v3/installation/repositories`, {
      method: "OPTIONS",
      headers: {
        origin: "https://app.example.com",
        "access-control-request-method": "GET",
        "access-control-request-headers": "authorization,x-github-api-version",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    const allowed = preflight.headers.get("access-control-allow-headers")!.toLowerCase().split(", ");
    expect(allowed).toEqual(
      expect.arrayContaining(["authorization", "content-type", "x-github-api-version"]),
    );
    expect(preflight.headers.get("access-control-allow-methods")).toBe("GET, POST, PATCH, PUT, DELETE");
    expect(preflight.headers.get("access-control-max-age")).toBe("86400");

    const answer = await fetch(`${hubcap.url}/api/v3/installation/repositories`, {
      headers: { origin: "https://app.example.com", authorization: `token ${token}` },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("gives pages no API CORS", async () => {
    const page = await raw("/login", { accept: "text/html" });
    expect(page.headers["access-control-allow-origin"]).toBeUndefined();
    expect(page.headers["x-github-media-type"]).toBeUndefined();
  });
});

describe("rate-limit headers", () => {
  it("are on GET /rate_limit itself, which is never cached and does not count", async () => {
    const headers = { authorization: `token ${token}` };
    const first = await raw("/rate_limit", headers);
    expect(first.headers["cache-control"]).toBe("no-cache");
    expect(first.headers.etag).toBeUndefined();
    expect(first.headers.vary).toBe("Accept-Encoding, Accept, X-Requested-With");
    expect(first.headers["x-ratelimit-limit"]).toBe("5000");
    expect(first.headers["x-ratelimit-resource"]).toBe("core");
    const used = (JSON.parse(first.text) as { resources: { core: { used: number } } }).resources.core.used;
    expect(first.headers["x-ratelimit-used"]).toBe(String(used));
    const second = await raw("/rate_limit", headers);
    expect(second.headers["x-ratelimit-used"]).toBe(String(used));
  });

  it("are on client-credential answers, counted against the app", async () => {
    const check = async () =>
      raw(
        `/applications/${CLIENT}/token`,
        { authorization: basic(CLIENT, SECRET), "content-type": "application/json" },
        "POST",
        { access_token: "ghu_noSuchToken" },
      );
    const first = await check();
    expect(first.headers["x-ratelimit-limit"]).toBe("5000");
    expect(first.headers["x-ratelimit-resource"]).toBe("core");
    const second = await check();
    expect(Number(second.headers["x-ratelimit-used"])).toBe(Number(first.headers["x-ratelimit-used"]) + 1);
  });

  it("are on 401s, from the caller's unauthenticated bucket, whose body points at the REST docs", async () => {
    const refused = await raw("/installation/repositories", { authorization: "token ghs_notAToken000" });
    expect(refused.status).toBe(401);
    expect(refused.headers["x-ratelimit-limit"]).toBe("50");
    expect(refused.headers["x-ratelimit-resource"]).toBe("core");
    expect(JSON.parse(refused.text)).toEqual({
      message: "Bad credentials",
      documentation_url: "https://docs.github.com/rest",
      status: "401",
    });
  });

  it("name integration_manifest on manifest conversions", async () => {
    const conversion = await raw("/app-manifests/no-such-code/conversions", {}, "POST");
    expect(conversion.status).toBe(404);
    expect(conversion.headers["x-ratelimit-resource"]).toBe("integration_manifest");
    expect(conversion.headers["x-ratelimit-limit"]).toBe("5000");
  });
});

describe("Link", () => {
  it("puts per_page before page, after the other parameters", async () => {
    const { headers } = await raw("/app/installations?page=1&per_page=1&x=y", {
      authorization: `Bearer ${jwt()}`,
      host: "hubcap.test",
    });
    expect(headers.link).toBe(
      '<http://hubcap.test/app/installations?x=y&per_page=1&page=2>; rel="next", ' +
        '<http://hubcap.test/app/installations?x=y&per_page=1&page=2>; rel="last"',
    );
  });
});

describe("the OAuth endpoints, github.com pages", () => {
  it("answer with github.com's caching, none of the API's headers, and GitHub's error_uri", async () => {
    const { headers, text } = await raw(
      `/login/oauth/access_token?client_id=${CLIENT}&client_secret=${SECRET}&code=nope`,
      { accept: "application/json" },
      "POST",
    );
    expect(headers["cache-control"]).toBe("max-age=0, private, must-revalidate");
    for (const name of ["x-github-media-type", "x-ratelimit-limit", "access-control-allow-origin", "etag"])
      expect(headers[name], name).toBeUndefined();
    expect(JSON.parse(text)).toMatchObject({
      error: "bad_verification_code",
      error_uri:
        "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#bad-verification-code",
    });
  });

  it("point every device-flow error at the device flow's error codes", async () => {
    const started = await raw(
      `/login/device/code?client_id=${CLIENT}`,
      { accept: "application/json" },
      "POST",
    );
    expect(started.headers["cache-control"]).toBe("max-age=0, private, must-revalidate");
    expect(started.headers["x-github-media-type"]).toBeUndefined();
    const { device_code } = JSON.parse(started.text) as { device_code: string };
    const poll = await raw(
      `/login/oauth/access_token?client_id=${CLIENT}&device_code=${device_code}&grant_type=urn:ietf:params:oauth:grant-type:device_code`,
      { accept: "application/json" },
      "POST",
    );
    expect(JSON.parse(poll.text)).toMatchObject({
      error: "authorization_pending",
      error_uri:
        "https://docs.github.com/developers/apps/authorizing-oauth-apps#error-codes-for-the-device-flow",
    });
  });
});
