import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { launchBrowser, newPage, screenshot } from "../helpers/browser.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import { PASSWORDS, WEB_WORLD } from "./world.js";

let hubcap: TestHubcap;
let browser: Browser;
beforeAll(async () => {
  hubcap = await hubcapForTest({ world: WEB_WORLD });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await hubcap?.close();
});

describe("pages without JavaScript", () => {
  it("sign in, show the overview and an app's deliveries, and sign out: plain links and forms", async () => {
    const { context, page, problems } = await newPage(browser, { javaScriptEnabled: false });
    await page.goto(`${hubcap.url}/hubcap`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.fill("#login_field", "octocat");
    await page.fill("#password", PASSWORDS.octocat);
    await Promise.all([page.waitForURL(`${hubcap.url}/hubcap`), page.click("button[type=submit]")]);
    expect(await page.textContent("h1")).toBe("The world");
    await Promise.all([
      page.waitForURL(`${hubcap.url}/hubcap/apps/octoapp`),
      page.click("a[href='/hubcap/apps/octoapp']"),
    ]);
    expect(await page.textContent("h1")).toBe("Octo App");
    await screenshot(page, "no-javascript");
    await Promise.all([page.waitForURL(`${hubcap.url}/login`), page.click("text=Sign out")]);
    await page.goto(`${hubcap.url}/hubcap`);
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(problems).toEqual([]);
    await context.close();
  });
});
