import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { launchBrowser, newPage, screenshot, signIn } from "../helpers/browser.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import { PASSWORDS, WEB_WORLD } from "./world.js";

let hubcap: TestHubcap;
let browser: Browser;
beforeAll(async () => {
  // One test plays the proxy in front of hubcap (X-Forwarded-Proto), from loopback.
  hubcap = await hubcapForTest({ world: WEB_WORLD, trustProxy: ["127.0.0.1"] });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await hubcap?.close();
});

describe("signing in", () => {
  it("signs in with the world's password, and comes back to the page that asked", async () => {
    const { context, page, problems } = await newPage(browser);
    await page.goto(`${hubcap.url}/hubcap/apps/octoapp`);
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(new URL(page.url()).searchParams.get("return_to")).toBe("/hubcap/apps/octoapp");
    await page.fill("#login_field", "octocat");
    await page.fill("#password", PASSWORDS.octocat);
    await Promise.all([
      page.waitForURL(`${hubcap.url}/hubcap/apps/octoapp`),
      page.click("button[type=submit]"),
    ]);
    expect(await page.textContent("header")).toContain("Signed in as octocat");
    await screenshot(page, "signed-in");
    // The stylesheet is allowed by the Content-Security-Policy (a refused one is a console error).
    expect(problems).toEqual([]);

    const [cookie] = (await context.cookies()).filter((c) => c.name === "hubcap_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/", secure: false });
    // Only a hash of the session id is stored.
    const { sessions } = await hubcap.hub.store.dumpTables();
    expect(JSON.stringify(sessions)).not.toContain(cookie!.value);
    await context.close();
  });

  it("refuses a wrong password without saying whether the login exists, and sets no session", async () => {
    const { context, page } = await newPage(browser);
    for (const [login, password] of [
      ["octocat", "not-the-password"],
      ["nobody-here", "whatever-it-is"],
      ["octo-org", "organizations-cannot-sign-in"],
    ]) {
      await page.goto(`${hubcap.url}/login`);
      await page.fill("#login_field", login!);
      await page.fill("#password", password!);
      const [response] = await Promise.all([
        page.waitForResponse(`${hubcap.url}/login`),
        page.click("button[type=submit]"),
      ]);
      expect(response.status()).toBe(401);
      expect(await page.textContent("[role=alert]")).toBe("Incorrect username or password.");
      // The login typed is kept; the password is not.
      expect(await page.inputValue("#login_field")).toBe(login);
      expect(await page.inputValue("#password")).toBe("");
    }
    await screenshot(page, "wrong-password");
    expect((await context.cookies()).some((c) => c.name === "hubcap_session")).toBe(false);
    await page.goto(`${hubcap.url}/hubcap/apps/octoapp`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await context.close();
  });

  it("never sends anyone to another site after signing in", async () => {
    const { context, page } = await newPage(browser);
    for (const returnTo of [
      "https://evil.example/",
      "//evil.example/x",
      "/\\evil.example",
      "javascript:alert(1)",
    ]) {
      await page.goto(`${hubcap.url}/login?return_to=${encodeURIComponent(returnTo)}`);
      await page.fill("#login_field", "hubot");
      await page.fill("#password", PASSWORDS.hubot);
      await Promise.all([page.waitForURL(/\/hubcap$/), page.click("button[type=submit]")]);
      expect(new URL(page.url()).host).toBe(new URL(hubcap.url).host);
      await context.clearCookies();
    }
    await context.close();
  });

  it("signs out on hubcap's side: the old session cookie no longer works", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, hubcap.url, "hubot", PASSWORDS.hubot);
    const before = (await context.cookies()).find((c) => c.name === "hubcap_session")!;
    await Promise.all([page.waitForURL(/\/login$/), page.click("text=Sign out")]);
    expect((await context.cookies()).some((c) => c.name === "hubcap_session")).toBe(false);

    // Replaying the old cookie (as a thief who copied it would) finds no session.
    await context.addCookies([before]);
    await page.goto(`${hubcap.url}/hubcap/apps/octoapp`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await context.close();
  });

  it("ends sessions when hubcap's clock passes their two weeks", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, hubcap.url, "octocat", PASSWORDS.octocat);
    await page.goto(`${hubcap.url}/hubcap/apps/octoapp`);
    expect(new URL(page.url()).pathname).toBe("/hubcap/apps/octoapp");
    await hubcap.advanceClock(14 * 24 * 3600 * 1000 + 1000);
    try {
      await page.goto(`${hubcap.url}/hubcap/apps/octoapp`);
      expect(new URL(page.url()).pathname).toBe("/login");
    } finally {
      await hubcap.setClockOffset(0);
    }
    await context.close();
  });

  it("marks its cookies Secure when the browser reached hubcap over https (here through a proxy)", async () => {
    const plain = await fetch(`${hubcap.url}/login`);
    expect(plain.headers.getSetCookie()[0]).not.toMatch(/;\s*Secure/i);
    const proxied = await fetch(`${hubcap.url}/login`, { headers: { "x-forwarded-proto": "https" } });
    expect(proxied.headers.getSetCookie()[0]).toMatch(/^hubcap_login=[\w-]+;.*\bSecure\b/);
  });
});
