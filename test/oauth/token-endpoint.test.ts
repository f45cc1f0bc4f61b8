import { createHash } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import {
  authorizeAs,
  CALLBACK,
  codeFor,
  FOREVER_SECRET,
  OAUTH_WORLD,
  OTHER_SECRET,
  SECRET,
} from "./world.js";

let hubcap: TestHubcap;
beforeAll(async () => {
  hubcap = await hubcapForTest({ world: OAUTH_WORLD });
});
afterAll(() => hubcap.close());
afterEach(() => hubcap.setClockOffset(0));

const CLIENT = "Iv1.octoapp0client";

/** POST /login/oauth/access_token with a JSON body, answered in JSON: status and body. */
async function exchange(body: Record<string, string>, path = "/login/oauth/access_token") {
  const response = await fetch(hubcap.url + path, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const errorOf = async (body: Record<string, string>) => {
  const answer = await exchange(body);
  expect(answer.status).toBe(200);
  return answer.body.error;
};

describe("POST /login/oauth/access_token", () => {
  it("takes form bodies and query parameters, and answers form-encoded unless JSON is asked for", async () => {
    const code = await codeFor(hubcap, "hubot", CLIENT);
    const response = await fetch(`${hubcap.url}/login/oauth/access_token?client_id=${CLIENT}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ client_secret: SECRET, code }).toString(),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/x-www-form-urlencoded/);
    const answer = new URLSearchParams(await response.text());
    expect(answer.get("access_token")).toMatch(/^ghu_/);
    expect(answer.get("expires_in")).toBe("28800");
    expect(answer.get("refresh_token")).toMatch(/^ghr_/);
    expect(answer.get("refresh_token_expires_in")).toBe("15897600");
    expect(answer.get("token_type")).toBe("bearer");
    expect(answer.get("scope")).toBe("");
  });

  it("is served at the host root only, never under /api/v3", async () => {
    const code = await codeFor(hubcap, "hubot", CLIENT);
    const answer = await exchange(
      { client_id: CLIENT, client_secret: SECRET, code },
      "/api/v3/login/oauth/access_token",
    );
    expect(answer.status).toBe(404);
  });

  it("refuses wrong client credentials with GitHub's error as a 200 body", async () => {
    const code = await codeFor(hubcap, "hubot", CLIENT);
    const answer = await exchange({ client_id: CLIENT, client_secret: OTHER_SECRET, code });
    expect(answer).toEqual({
      status: 200,
      body: {
        error: "incorrect_client_credentials",
        error_description: "The client_id and/or client_secret passed are incorrect.",
        error_uri: expect.stringMatching(/^https:\/\/docs\.github\.com\//),
      },
    });
    expect(await errorOf({ client_id: "Iv1.nosuchapp", client_secret: SECRET, code })).toBe(
      "incorrect_client_credentials",
    );
    expect(await errorOf({ client_id: CLIENT, code })).toBe("incorrect_client_credentials");
  });

  it("takes a code once, and not after 10 minutes", async () => {
    const code = await codeFor(hubcap, "hubot", CLIENT);
    expect((await exchange({ client_id: CLIENT, client_secret: SECRET, code })).body.access_token).toMatch(
      /^ghu_/,
    );
    expect(await errorOf({ client_id: CLIENT, client_secret: SECRET, code })).toBe("bad_verification_code");

    const slow = await codeFor(hubcap, "hubot", CLIENT);
    const inTime = await codeFor(hubcap, "hubot", CLIENT);
    await hubcap.advanceClock(9 * 60_000);
    expect((await exchange({ client_id: CLIENT, client_secret: SECRET, code: inTime })).body).toHaveProperty(
      "access_token",
    );
    await hubcap.advanceClock(61_000);
    expect(await errorOf({ client_id: CLIENT, client_secret: SECRET, code: slow })).toBe(
      "bad_verification_code",
    );
    expect(await errorOf({ client_id: CLIENT, client_secret: SECRET, code: "0123456789abcdef0123" })).toBe(
      "bad_verification_code",
    );
  });

  it("refuses another app's code, which is then used up", async () => {
    const code = await codeFor(hubcap, "hubot", "Iv1.privateapp0client");
    expect(await errorOf({ client_id: CLIENT, client_secret: SECRET, code })).toBe("bad_verification_code");
    expect(await errorOf({ client_id: "Iv1.privateapp0client", client_secret: OTHER_SECRET, code })).toBe(
      "bad_verification_code",
    );
  });

  it("checks redirect_uri against the callback URLs, and at the exchange against the authorization's", async () => {
    const user = await hubcap.hub.accounts.get("hubot", "User");
    const app = (await hubcap.hub.oauth.findApp(CLIENT))!;
    await expect(
      hubcap.hub.oauth.authorize(user, app, { redirectUri: "https://evil.example/cb" }),
    ).rejects.toMatchObject({ code: "redirect_uri_mismatch" });
    await expect(
      hubcap.hub.oauth.authorize(user, app, { redirectUri: `${CALLBACK}/more` }),
    ).rejects.toMatchObject({ code: "redirect_uri_mismatch" });
    // A loopback callback takes any port (native apps listen where they can).
    const loopback = await authorizeAs(
      hubcap,
      "hubot",
      `${hubcap.url}/login/oauth/authorize?client_id=${CLIENT}&redirect_uri=${encodeURIComponent("http://127.0.0.1:49152/callback")}&state=s`,
    );
    expect(loopback.origin).toBe("http://127.0.0.1:49152");
    expect(loopback.searchParams.get("state")).toBe("s");

    const code = await codeFor(hubcap, "hubot", CLIENT, { redirect_uri: CALLBACK });
    expect(
      await errorOf({
        client_id: CLIENT,
        client_secret: SECRET,
        code,
        redirect_uri: "http://127.0.0.1/callback",
      }),
    ).toBe("redirect_uri_mismatch");
    // The default callback URL is the first one.
    const back = await authorizeAs(
      hubcap,
      "hubot",
      `${hubcap.url}/login/oauth/authorize?client_id=${CLIENT}`,
    );
    expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
  });

  it("checks the PKCE verifier against the challenge (S256 only)", async () => {
    const verifier = "a-verifier-of-at-least-forty-three-characters-0123456789";
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    const pkce = { code_challenge: challenge, code_challenge_method: "S256" };
    const good = await codeFor(hubcap, "hubot", CLIENT, pkce);
    expect(
      (await exchange({ client_id: CLIENT, client_secret: SECRET, code: good, code_verifier: verifier }))
        .body,
    ).toHaveProperty("access_token");
    const wrong = await codeFor(hubcap, "hubot", CLIENT, pkce);
    expect(
      await errorOf({ client_id: CLIENT, client_secret: SECRET, code: wrong, code_verifier: `${verifier}x` }),
    ).toBe("bad_verification_code");
    // A wrong verifier used the code up: the right one comes too late.
    expect(
      await errorOf({ client_id: CLIENT, client_secret: SECRET, code: wrong, code_verifier: verifier }),
    ).toBe("bad_verification_code");
    const missing = await codeFor(hubcap, "hubot", CLIENT, pkce);
    expect(await errorOf({ client_id: CLIENT, client_secret: SECRET, code: missing })).toBe(
      "bad_verification_code",
    );
    await expect(
      codeFor(hubcap, "hubot", CLIENT, { code_challenge: verifier, code_challenge_method: "plain" }),
    ).rejects.toMatchObject({ message: /S256/ });
  });

  it("refuses an unknown grant type, and refresh tokens that are wrong, used, or another app's", async () => {
    expect(await errorOf({ client_id: CLIENT, client_secret: SECRET, grant_type: "password" })).toBe(
      "unsupported_grant_type",
    );
    const code = await codeFor(hubcap, "hubot", CLIENT);
    const first = (await exchange({ client_id: CLIENT, client_secret: SECRET, code })).body;
    const refresh = (refresh_token: string, client_id = CLIENT, client_secret = SECRET) =>
      exchange({ client_id, client_secret, grant_type: "refresh_token", refresh_token });
    expect((await refresh("ghr_nothing")).body.error).toBe("bad_refresh_token");
    expect((await refresh(first.access_token as string)).body.error).toBe("bad_refresh_token");
    expect(
      (await refresh(first.refresh_token as string, "Iv1.foreverapp0client", FOREVER_SECRET)).body.error,
    ).toBe("bad_refresh_token");
    expect((await refresh(first.refresh_token as string, CLIENT, OTHER_SECRET)).body.error).toBe(
      "incorrect_client_credentials",
    );
    const second = (await refresh(first.refresh_token as string)).body;
    expect(second.access_token).toMatch(/^ghu_/);
    expect(second.expires_in).toBe(28800);
    expect((await refresh(first.refresh_token as string)).body.error).toBe("bad_refresh_token");
  });

  it("lets only one of two racing refreshes with the same refresh token win", async () => {
    const code = await codeFor(hubcap, "hubot", CLIENT);
    const { refresh_token } = (await exchange({ client_id: CLIENT, client_secret: SECRET, code })).body;
    const race = () =>
      exchange({
        client_id: CLIENT,
        client_secret: SECRET,
        grant_type: "refresh_token",
        refresh_token: refresh_token as string,
      });
    const answers = await Promise.all([race(), race(), race()]);
    const winners = answers.filter((a) => typeof a.body.access_token === "string");
    expect(winners).toHaveLength(1);
    expect(answers.filter((a) => a.body.error === "bad_refresh_token")).toHaveLength(2);
  });

  it("never answers 500 to malformed bodies", async () => {
    for (const body of ["{not json", "client_id[]=x&code=1"]) {
      for (const type of ["application/json", "application/x-www-form-urlencoded"]) {
        const response = await fetch(`${hubcap.url}/login/oauth/access_token`, {
          method: "POST",
          headers: { "content-type": type, accept: "application/json" },
          body,
        });
        expect(response.status).toBeLessThan(500);
      }
    }
  });
});

describe("the device flow's polls", () => {
  async function deviceCode(client_id = CLIENT) {
    return exchange({ client_id }, "/login/device/code");
  }
  const poll = (device_code: string, client_id = CLIENT) =>
    exchange({ client_id, device_code, grant_type: "urn:ietf:params:oauth:grant-type:device_code" });

  it("answers pending, then slow_down to a poll within the interval, which grows by 5 seconds", async () => {
    const { body } = await deviceCode();
    expect(body).toMatchObject({
      interval: 5,
      expires_in: 900,
      verification_uri: `${hubcap.url}/login/device`,
    });
    const code = body.device_code as string;
    expect((await poll(code)).body.error).toBe("authorization_pending");
    expect((await poll(code)).body).toMatchObject({ error: "slow_down", interval: 10 });
    await hubcap.advanceClock(6_000);
    expect((await poll(code)).body).toMatchObject({ error: "slow_down", interval: 15 });
    await hubcap.advanceClock(15_000);
    expect((await poll(code)).body.error).toBe("authorization_pending");
    await hubcap.hub.oauth.approveDevice(
      body.user_code as string,
      await hubcap.hub.accounts.get("hubot", "User"),
    );
    await hubcap.advanceClock(15_000);
    expect((await poll(code)).body.access_token).toMatch(/^ghu_/);
    // The code is spent.
    await hubcap.advanceClock(15_000);
    expect((await poll(code)).body.error).toBe("incorrect_device_code");
  });

  it("answers expired_token after 15 minutes, and no one can enter the code any more", async () => {
    const { body } = await deviceCode();
    await hubcap.advanceClock(901_000);
    // Starting another device flow sweeps old codes; one just expired still answers expired_token.
    await deviceCode();
    expect((await poll(body.device_code as string)).body.error).toBe("expired_token");
    await expect(
      hubcap.hub.oauth.approveDevice(
        body.user_code as string,
        await hubcap.hub.accounts.get("hubot", "User"),
      ),
    ).rejects.toMatchObject({ message: /not valid or has expired/ });
  });

  it("refuses unknown device codes, another app's, unknown clients and apps without the device flow", async () => {
    const { body } = await deviceCode();
    expect((await poll("0".repeat(40))).body.error).toBe("incorrect_device_code");
    expect((await poll(body.device_code as string, "Iv1.foreverapp0client")).body.error).toBe(
      "device_flow_disabled",
    );
    expect((await poll(body.device_code as string, "Iv1.nosuchapp")).body.error).toBe(
      "incorrect_client_credentials",
    );
    expect((await deviceCode("Iv1.nosuchapp")).body.error).toBe("incorrect_client_credentials");
    expect(await deviceCode("Iv1.foreverapp0client")).toMatchObject({
      status: 400,
      body: { error: "device_flow_disabled" },
    });
  });

  it("answers access_denied after the person refuses", async () => {
    const { body } = await deviceCode();
    await hubcap.hub.oauth.denyDevice(body.user_code as string);
    expect((await poll(body.device_code as string)).body.error).toBe("access_denied");
  });

  it("answers the device code form-encoded unless JSON is asked for", async () => {
    const response = await fetch(`${hubcap.url}/login/device/code`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `client_id=${CLIENT}`,
    });
    const answer = new URLSearchParams(await response.text());
    expect(answer.get("user_code")).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(answer.get("interval")).toBe("5");
  });
});
