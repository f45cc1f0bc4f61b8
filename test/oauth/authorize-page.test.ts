import { Octokit } from "@octokit/core";
import { OAuthApp } from "@octokit/oauth-app";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { launchBrowser, newPage, screenshot, signIn } from "../helpers/browser.js";
import { signInByForm } from "../helpers/form-session.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import { PAGES_WORLD, PASSWORDS } from "./pages-world.js";
import { CALLBACK, SECRET } from "./world.js";

let hubcap: TestHubcap;
let browser: Browser;
beforeAll(async () => {
  hubcap = await hubcapForTest({ world: PAGES_WORLD });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await hubcap?.close();
});

const oauthApp = () =>
  new OAuthApp({
    clientType: "github-app",
    clientId: "Iv1.octoapp0client",
    clientSecret: SECRET,
    Octokit: Octokit.defaults({ baseUrl: `${hubcap.url}/api/v3` }),
  });

/** The app's server: a loopback callback (any port matches octoapp's `http://127.0.0.1/callback`). */
let server: Server;
let callbackUrl: string;
const callbacks: URL[] = [];
beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url!, callbackUrl);
    // The browser asks for /favicon.ico too.
    if (url.pathname === "/callback") callbacks.push(url);
    response.writeHead(200, { "content-type": "text/plain" }).end("the app got the callback");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  callbackUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the web flow's consent page, in a browser", () => {
  it("signs in, names the app and the account, and sends the person back with a code the app exchanges", async () => {
    const app = oauthApp();
    const { url, state } = app.getWebFlowAuthorizationUrl({ state: "xyzzy-42", redirectUrl: callbackUrl });
    const { page, problems } = await newPage(browser);

    // The app suggests the account to sign in with (`login`); the sign-in form comes filled in.
    await page.goto(`${url}&login=hubot`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await expect(page.inputValue("#login_field")).resolves.toBe("hubot");
    await page.fill("#password", PASSWORDS.hubot);
    await Promise.all([
      page.waitForURL((u) => u.pathname === "/login/oauth/authorize"),
      page.click("button[type=submit]"),
    ]);

    await expect(page.locator("h1").textContent()).resolves.toBe("Authorize Octo App");
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).toContain("Octo App by octo-org");
    expect(text).toContain("(hubot)");
    expect(text).toContain("issues");
    expect(text).toContain(new URL(callbackUrl).origin);
    await screenshot(page, "oauth-consent");

    await Promise.all([page.waitForURL(`${callbackUrl}?**`), page.click("button[name=authorize]")]);
    const back = callbacks.at(-1)!;
    expect(back.searchParams.get("state")).toBe(state);
    const { authentication } = await app.createToken({
      code: back.searchParams.get("code")!,
      redirectUrl: callbackUrl,
    });
    const octokit = new Octokit({ baseUrl: `${hubcap.url}/api/v3`, auth: authentication.token });
    await expect(octokit.request("GET /user")).resolves.toMatchObject({ data: { login: "hubot" } });

    // Authorized once, the person is sent straight back the next time, with a new code.
    await page.goto(app.getWebFlowAuthorizationUrl({ state: "again", redirectUrl: callbackUrl }).url);
    await page.waitForURL(`${callbackUrl}?**`);
    expect(callbacks.at(-1)!.searchParams.get("state")).toBe("again");
    expect(callbacks.at(-1)!.searchParams.get("code")).not.toBe(back.searchParams.get("code"));
    expect(problems).toEqual([]);
  });

  it("sends a person who cancels back with error=access_denied, and no code", async () => {
    const app = oauthApp();
    const { page, problems } = await newPage(browser);
    await signIn(page, hubcap.url, "mona", PASSWORDS.mona);
    await page.goto(app.getWebFlowAuthorizationUrl({ state: "s-1", redirectUrl: callbackUrl }).url);
    await Promise.all([page.waitForURL(`${callbackUrl}?**`), page.click("button[name=cancel]")]);
    const back = callbacks.at(-1)!;
    expect(back.searchParams.get("error")).toBe("access_denied");
    expect(back.searchParams.get("state")).toBe("s-1");
    expect(back.searchParams.has("code")).toBe(false);
    expect(await hubcap.hub.store.findGrant((await hubcap.hub.accounts.get("mona")).id, 1)).toBeUndefined();
    expect(problems).toEqual([]);
  });

  it("shows why, and redirects nowhere, for an unregistered redirect_uri or an unknown client", async () => {
    const { page } = await newPage(browser);
    const before = callbacks.length;
    await signIn(page, hubcap.url, "octocat", PASSWORDS.octocat);
    const evil = await page.goto(
      `${hubcap.url}/login/oauth/authorize?client_id=Iv1.octoapp0client&redirect_uri=${encodeURIComponent("https://evil.example/steal")}`,
    );
    expect(evil!.status()).toBe(400);
    expect(await page.locator("main").textContent()).toContain(
      "redirect_uri is not associated with this application",
    );
    const unknown = await page.goto(`${hubcap.url}/login/oauth/authorize?client_id=Iv1.nosuchapp`);
    expect(unknown!.status()).toBe(404);
    expect(callbacks.length).toBe(before);
  });
});

describe("CSRF on the consent form", () => {
  it("refuses an answer without the session's token or from another site, and makes no code", async () => {
    const { cookie, csrfToken } = await signInByForm(hubcap.url, "octocat", PASSWORDS.octocat);
    const fields = { client_id: "Iv1.foreverapp0client", answer: "authorize", redirect_uri: CALLBACK };
    const octocat = await hubcap.hub.accounts.get("octocat");
    const forever = (await hubcap.hub.oauth.findApp(fields.client_id))!;
    for (const [what, headers, extra] of [
      ["no token", { origin: hubcap.url }, {}],
      ["a wrong token", { origin: hubcap.url }, { authenticity_token: "x".repeat(43) }],
      ["another site", { origin: "http://evil.example" }, { authenticity_token: csrfToken }],
      ["a cross-site fetch", { "sec-fetch-site": "cross-site" }, { authenticity_token: csrfToken }],
    ] as const) {
      const response = await fetch(`${hubcap.url}/login/oauth/authorize`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded", ...headers },
        body: new URLSearchParams({ ...fields, ...extra }),
      });
      expect([what, response.status]).toEqual([what, 403]);
      expect(response.headers.get("location")).toBeNull();
    }
    expect(await hubcap.hub.store.findGrant(octocat.id, forever.id)).toBeUndefined();

    // The same answer with the token, from hubcap's own page, does authorize: the refusals were the checks.
    const response = await fetch(`${hubcap.url}/login/oauth/authorize`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded", origin: hubcap.url },
      body: new URLSearchParams({ ...fields, authenticity_token: csrfToken }),
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toMatch(/^https:\/\/app\.example\.com\/auth\/callback\?code=/);
    expect(await hubcap.hub.store.findGrant(octocat.id, forever.id)).toBeDefined();
  });
});
