import { exchangeWebFlowCode } from "@octokit/oauth-methods";
import { request } from "@octokit/request";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHubcap, type TestHubcap, type WorldFile } from "../../src/testing/index.js";
import { signInByForm } from "../helpers/form-session.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import { freshStore, TEST_STORE } from "../helpers/store.js";
import { OAUTH_WORLD, SECRET } from "./world.js";

const PASSWORDS = { octocat: "octocat-password-1", hubot: "hubot-password-22" };
const WORLD: WorldFile = {
  ...OAUTH_WORLD,
  users: OAUTH_WORLD.users!.map((u) => ({ ...u, password: PASSWORDS[u.login as keyof typeof PASSWORDS] })),
};
const CLIENT_ID = "Iv1.octoapp0client";
const HELD_OFF =
  "There have been several failed attempts to sign in from this account or IP address. Please wait a while and try again later.";

/** Posts the sign-in form as a browser at `address` (behind the trusted proxy, which is the test) would. */
async function signIn(hubcap: TestHubcap, login: string, password: string, address = "203.0.113.1") {
  const form = await fetch(`${hubcap.url}/login`, { headers: { "x-forwarded-for": address } });
  const cookie = form.headers.getSetCookie().map((c) => c.split(";")[0]!);
  const token = /name="authenticity_token" value="([^"]+)"/.exec(await form.text())![1]!;
  const posted = await fetch(`${hubcap.url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: {
      cookie: cookie.join("; "),
      "content-type": "application/x-www-form-urlencoded",
      origin: hubcap.url,
      "sec-fetch-site": "same-origin",
      "x-forwarded-for": address,
    },
    body: new URLSearchParams({ login, password, authenticity_token: token }),
  });
  const alert = /role="alert"[^>]*>([^<]*)</.exec(await posted.text())?.[1];
  return { status: posted.status, alert, retryAfter: posted.headers.get("retry-after") };
}

/** A token request with a wrong client secret, from `address`. */
const wrongSecret = (hubcap: TestHubcap, address: string) =>
  fetch(`${hubcap.url}/login/oauth/access_token`, {
    method: "POST",
    headers: { accept: "application/json", "content-type": "application/json", "x-forwarded-for": address },
    body: JSON.stringify({ client_id: CLIENT_ID, client_secret: "not-the-secret", code: "whatever" }),
  });

describe("guessing passwords on /login", () => {
  let hubcap: TestHubcap;
  beforeAll(async () => {
    hubcap = await hubcapForTest({ world: WORLD, trustProxy: ["127.0.0.1"] });
  });
  afterAll(() => hubcap?.close());

  it("holds an account off after 10 wrong passwords, from any address, until the 15 minutes pass", async () => {
    for (let i = 0; i < 10; i++) {
      expect((await signIn(hubcap, "octocat", `wrong-${i}`, `203.0.113.${i}`)).status).toBe(401);
    }
    // The right password no longer helps, nor another address; the page says what GitHub says.
    const held = await signIn(hubcap, "octocat", PASSWORDS.octocat, "198.51.100.9");
    expect(held).toMatchObject({ status: 429, alert: HELD_OFF });
    // Others are not held off.
    expect((await signIn(hubcap, "hubot", PASSWORDS.hubot, "198.51.100.9")).status).toBe(303);

    await hubcap.advanceClock(15 * 60 * 1000);
    try {
      expect((await signIn(hubcap, "octocat", PASSWORDS.octocat)).status).toBe(303);
    } finally {
      await hubcap.setClockOffset(0);
    }
  });

  it("holds an address off after 50 wrong passwords, whatever the logins", async () => {
    const address = "192.0.2.50";
    for (let i = 0; i < 50; i++) {
      expect((await signIn(hubcap, `nobody-${i}`, "guess", address)).status).toBe(401);
    }
    expect(await signIn(hubcap, "hubot", PASSWORDS.hubot, address)).toMatchObject({
      status: 429,
      alert: HELD_OFF,
    });
    expect((await signIn(hubcap, "hubot", PASSWORDS.hubot, "192.0.2.51")).status).toBe(303);
  });

  it("counts only failures: signing in rightly, again and again, is never held off", async () => {
    for (let i = 0; i < 15; i++) {
      expect((await signIn(hubcap, "hubot", PASSWORDS.hubot, "192.0.2.77")).status).toBe(303);
    }
  });
});

describe("guessing secrets at /login/oauth/access_token", () => {
  let hubcap: TestHubcap;
  beforeAll(async () => {
    hubcap = await hubcapForTest({ world: WORLD, trustProxy: ["127.0.0.1"] });
  });
  afterAll(() => hubcap?.close());

  it("holds an address off after 100 wrong guesses, with slow_down, 429 and retry-after", async () => {
    const address = "203.0.113.100";
    for (let i = 0; i < 100; i++) {
      const response = await wrongSecret(hubcap, address);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { error: string }).error).toBe("incorrect_client_credentials");
    }
    const held = await wrongSecret(hubcap, address);
    expect(held.status).toBe(429);
    expect(Number(held.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(held.headers.get("retry-after"))).toBeLessThanOrEqual(15 * 60);
    expect(await held.json()).toMatchObject({
      error: "slow_down",
      error_description: "Too many requests have been made in the same timeframe.",
    });

    // octokit's OAuth methods see the refusal, even with the right secret.
    await expect(
      exchangeWebFlowCode({
        clientType: "github-app",
        clientId: CLIENT_ID,
        clientSecret: SECRET,
        code: "whatever",
        request: request.defaults({ baseUrl: hubcap.url, headers: { "x-forwarded-for": address } }),
      }),
    ).rejects.toMatchObject({ status: 429 });

    // Another address still gets GitHub's usual answer.
    const other = await wrongSecret(hubcap, "203.0.113.101");
    expect(((await other.json()) as { error: string }).error).toBe("incorrect_client_credentials");
  });

  it("counts wrong Basic client secrets on the REST API with them, answering GitHub's secondary rate limit", async () => {
    const address = "203.0.113.200";
    const check = (secret: string) =>
      fetch(`${hubcap.url}/applications/${CLIENT_ID}/token`, {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${secret}`).toString("base64")}`,
          "content-type": "application/json",
          "x-forwarded-for": address,
        },
        body: JSON.stringify({ access_token: "ghu_notATokenAnyoneHas000000000000000000" }),
      });
    for (let i = 0; i < 60; i++) expect((await check("wrong")).status).toBe(401);
    for (let i = 0; i < 40; i++) expect((await wrongSecret(hubcap, address)).status).toBe(200);
    const held = await check(SECRET);
    expect(held.status).toBe(429);
    expect(held.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(((await held.json()) as { message: string }).message).toMatch(
      /^You have exceeded a secondary rate limit/,
    );
  });
});

describe("guessing user codes on /login/device", () => {
  let hubcap: TestHubcap;
  beforeAll(async () => {
    hubcap = await hubcapForTest({ world: WORLD });
  });
  afterAll(() => hubcap?.close());

  it("holds a person off after 20 codes that match no request, even for a right one", async () => {
    const started = await fetch(`${hubcap.url}/login/device/code`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ client_id: CLIENT_ID }),
    });
    const { user_code: userCode } = (await started.json()) as { user_code: string };
    const { cookie, csrfToken } = await signInByForm(hubcap.url, "hubot", PASSWORDS.hubot);
    const typed = (code: string) =>
      fetch(`${hubcap.url}/login/device`, {
        method: "POST",
        headers: {
          cookie,
          "content-type": "application/x-www-form-urlencoded",
          origin: hubcap.url,
          "sec-fetch-site": "same-origin",
        },
        body: new URLSearchParams({ user_code: code, authenticity_token: csrfToken }),
      });
    for (let i = 0; i < 20; i++) expect((await typed(`ZZZZ-ZZ${10 + i}`)).status).toBe(404);
    const held = await typed(userCode);
    expect(held.status).toBe(429);
    expect(await held.text()).toContain("Please wait a while and try again later.");
    // Someone else is not held off.
    const other = await signInByForm(hubcap.url, "octocat", PASSWORDS.octocat);
    const shown = await fetch(`${hubcap.url}/login/device`, {
      method: "POST",
      headers: {
        cookie: other.cookie,
        "content-type": "application/x-www-form-urlencoded",
        origin: hubcap.url,
        "sec-fetch-site": "same-origin",
      },
      body: new URLSearchParams({ user_code: userCode, authenticity_token: other.csrfToken }),
    });
    expect(shown.status).toBe(200);
  });
});

describe.skipIf(TEST_STORE !== "postgres")("two instances on one database", () => {
  let a: TestHubcap;
  let b: TestHubcap;
  beforeAll(async () => {
    const db = await freshStore();
    a = await startHubcap({ db, world: WORLD, trustProxy: ["127.0.0.1"] });
    b = await startHubcap({ db, trustProxy: ["127.0.0.1"] });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it("share one count of an account's wrong passwords", async () => {
    for (let i = 0; i < 10; i++) {
      const instance = i % 2 === 0 ? a : b;
      expect((await signIn(instance, "octocat", `wrong-${i}`)).status).toBe(401);
    }
    expect((await signIn(a, "octocat", PASSWORDS.octocat)).status).toBe(429);
    expect((await signIn(b, "octocat", PASSWORDS.octocat)).status).toBe(429);
  });
});
