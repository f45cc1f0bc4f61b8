import { Octokit } from "@octokit/core";
import { OAuthApp } from "@octokit/oauth-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import { authorizeAs, CALLBACK, FOREVER_SECRET, OAUTH_WORLD, SECOND_SECRET, SECRET } from "./world.js";

let hubcap: TestHubcap;
beforeAll(async () => {
  hubcap = await hubcapForTest({ world: OAUTH_WORLD });
});
afterAll(() => hubcap.close());

/** @octokit/oauth-app, pointed at hubcap the way GITHUB-BEHAVIOUR.md says: through its Octokit. */
function oauthApp(prefix: string, clientSecret = SECRET) {
  return new OAuthApp({
    clientType: "github-app",
    clientId: "Iv1.octoapp0client",
    clientSecret,
    Octokit: Octokit.defaults({ baseUrl: hubcap.url + prefix }),
  });
}

/** The web flow as a GitHub App's server runs it: authorization URL, the person's consent, code exchange. */
async function signIn(app: OAuthApp<{ clientType: "github-app" }>, login: string) {
  const { url, state } = app.getWebFlowAuthorizationUrl({ state: "xyzzy", redirectUrl: CALLBACK });
  expect(url.startsWith(`${hubcap.url}/login/oauth/authorize?`)).toBe(true);
  const back = await authorizeAs(hubcap, login, url);
  expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
  expect(back.searchParams.get("state")).toBe(state);
  const { authentication } = await app.createToken({
    code: back.searchParams.get("code")!,
    redirectUrl: CALLBACK,
  });
  return authentication as {
    token: string;
    refreshToken: string;
    expiresAt: string;
    refreshTokenExpiresAt: string;
  };
}

/**
 * `app.scopeToken` with its options untyped: oauth-app's type `Omit`s over oauth-methods' union of
 * option shapes, which leaves `target` out of every one of them.
 */
function scopeToken(app: ReturnType<typeof oauthApp>, options: Record<string, unknown>) {
  return app.scopeToken(options as unknown as Parameters<typeof app.scopeToken>[0]);
}

describe.each(["/api/v3", ""])("@octokit/oauth-app with baseUrl %s", (prefix) => {
  it("signs a person in with the web flow: an expiring ghu_ token and a ghr_ refresh token", async () => {
    const app = oauthApp(prefix);
    const authentication = await signIn(app, "hubot");
    expect(authentication.token).toMatch(/^ghu_[A-Za-z0-9]{36}$/);
    expect(authentication.refreshToken).toMatch(/^ghr_[A-Za-z0-9]{36}$/);
    const now = Date.now();
    expect(Date.parse(authentication.expiresAt) - now).toBeGreaterThan(8 * 3600_000 - 60_000);
    expect(Date.parse(authentication.expiresAt) - now).toBeLessThanOrEqual(8 * 3600_000 + 1000);
    expect(Date.parse(authentication.refreshTokenExpiresAt) - now).toBeGreaterThan(183 * 86400_000);

    const octokit = await app.getUserOctokit({ token: authentication.token });
    const { data: user, headers } = await octokit.request("GET /user");
    expect(user).toMatchObject({ login: "hubot", type: "User" });
    expect(headers["x-oauth-scopes"]).toBe("");
  });

  it("checks a token, with its user and app, and refuses it with another app's secret", async () => {
    const app = oauthApp(prefix);
    const { token } = await signIn(app, "hubot");
    const { data } = await app.checkToken({ token });
    expect(data).toMatchObject({
      token,
      token_last_eight: token.slice(-8),
      scopes: [],
      app: { client_id: "Iv1.octoapp0client", name: "Octo App" },
      user: { login: "hubot" },
      installation: null,
    });
    // Either of the app's two client secrets works.
    await expect(oauthApp(prefix, SECOND_SECRET).checkToken({ token })).resolves.toBeDefined();
    await expect(oauthApp(prefix, "0".repeat(40)).checkToken({ token })).rejects.toMatchObject({
      status: 401,
    });
  });

  it("resets a token: the new one works, the old one is dead", async () => {
    const app = oauthApp(prefix);
    const { token } = await signIn(app, "hubot");
    const { data, authentication } = await app.resetToken({ token });
    expect(authentication.token).not.toBe(token);
    expect(data.token).toBe(authentication.token);
    await expect(app.checkToken({ token })).rejects.toMatchObject({ status: 404 });
    await expect(app.checkToken({ token: authentication.token })).resolves.toBeDefined();
    const fresh = new Octokit({ baseUrl: hubcap.url + prefix, auth: authentication.token });
    await expect(fresh.request("GET /user")).resolves.toMatchObject({ data: { login: "hubot" } });
    const stale = new Octokit({ baseUrl: hubcap.url + prefix, auth: token });
    await expect(stale.request("GET /user")).rejects.toMatchObject({ status: 401 });
  });

  it("refreshes a token: a new pair, and the old pair no longer works", async () => {
    const app = oauthApp(prefix);
    const first = await signIn(app, "hubot");
    const { authentication } = await app.refreshToken({ refreshToken: first.refreshToken });
    expect(authentication.token).toMatch(/^ghu_/);
    expect(authentication.refreshToken).toMatch(/^ghr_/);
    expect(authentication.refreshToken).not.toBe(first.refreshToken);
    await expect(app.checkToken({ token: first.token })).rejects.toMatchObject({ status: 404 });
    await expect(app.checkToken({ token: authentication.token })).resolves.toBeDefined();
    await expect(app.refreshToken({ refreshToken: first.refreshToken })).rejects.toMatchObject({
      response: { data: { error: "bad_refresh_token" } },
    });
  });

  it("scopes a token to one repository and fewer permissions, never wider than the installation", async () => {
    const app = oauthApp(prefix);
    const { token } = await signIn(app, "hubot");
    const { data, authentication } = await scopeToken(app, {
      token,
      target: "octo-org",
      repositories: ["hello-world"],
      permissions: { issues: "read" },
    });
    expect(authentication.token).not.toBe(token);
    expect(data.installation).toMatchObject({
      account: { login: "octo-org" },
      permissions: { issues: "read" },
      repository_selection: "selected",
    });
    const scoped = new Octokit({ baseUrl: hubcap.url + prefix, auth: authentication.token });
    const { data: repos } = await scoped.request("GET /user/installations/{installation_id}/repositories", {
      installation_id: 1,
    });
    expect(repos.repositories.map((r) => r.full_name)).toEqual(["octo-org/hello-world"]);
    await expect(
      scoped.request("GET /repos/{owner}/{repo}", { owner: "octo-org", repo: "secret-plans" }),
    ).rejects.toMatchObject({ status: 404 });
    // The token it was made from still reaches both.
    const unscoped = new Octokit({ baseUrl: hubcap.url + prefix, auth: token });
    await expect(
      unscoped.request("GET /repos/{owner}/{repo}", { owner: "octo-org", repo: "secret-plans" }),
    ).resolves.toMatchObject({ data: { private: true } });

    // Wider than the installation (it holds issues: write, not administration), or a repository it lacks.
    await expect(
      scopeToken(app, { token, target: "octo-org", permissions: { administration: "read" } }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      scopeToken(app, { token, target: "octo-org", repositories: ["docs"] }),
    ).rejects.toMatchObject({
      status: 422,
    });
    // hubot reaches no installation of octoapp on octocat's account.
    await expect(scopeToken(app, { token, target: "octocat" })).rejects.toMatchObject({ status: 404 });
  });

  it("deletes one token, leaving the grant's other tokens", async () => {
    const app = oauthApp(prefix);
    const one = await signIn(app, "hubot");
    const two = await signIn(app, "hubot");
    await app.deleteToken({ token: one.token });
    await expect(app.checkToken({ token: one.token })).rejects.toMatchObject({ status: 404 });
    await expect(app.checkToken({ token: two.token })).resolves.toBeDefined();
  });

  it("deletes the authorization: every token of the grant stops working, refresh tokens too", async () => {
    const app = oauthApp(prefix);
    const one = await signIn(app, "mona");
    const two = await signIn(app, "mona");
    await app.deleteAuthorization({ token: one.token });
    await expect(app.checkToken({ token: one.token })).rejects.toMatchObject({ status: 404 });
    await expect(app.checkToken({ token: two.token })).rejects.toMatchObject({ status: 404 });
    await expect(app.refreshToken({ refreshToken: two.refreshToken })).rejects.toMatchObject({
      response: { data: { error: "bad_refresh_token" } },
    });
    // Signing in again makes a new grant.
    const again = await signIn(app, "mona");
    await expect(app.checkToken({ token: again.token })).resolves.toBeDefined();
  });
});

it("gives an app that opted out of expiring tokens a token with no expiry and no refresh token", async () => {
  const app = new OAuthApp({
    clientType: "github-app",
    clientId: "Iv1.foreverapp0client",
    clientSecret: FOREVER_SECRET,
    Octokit: Octokit.defaults({ baseUrl: `${hubcap.url}/api/v3` }),
  });
  const { url } = app.getWebFlowAuthorizationUrl({});
  const back = await authorizeAs(hubcap, "hubot", url);
  const { authentication } = await app.createToken({ code: back.searchParams.get("code")! });
  expect(authentication).not.toHaveProperty("refreshToken");
  expect(authentication).not.toHaveProperty("expiresAt");
  await hubcap.advanceClock(30 * 86400_000);
  try {
    const { data } = await app.checkToken({ token: authentication.token });
    expect(data.expires_at).toBeNull();
  } finally {
    await hubcap.setClockOffset(0);
  }
});
