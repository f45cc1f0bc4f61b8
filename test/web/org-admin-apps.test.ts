import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { launchBrowser, newPage, signIn } from "../helpers/browser.js";
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

describe("Your GitHub Apps", () => {
  it("lists the apps of the organizations the person administers, with their owner, linked to their settings", async () => {
    const { context, page, problems } = await newPage(browser, { javaScriptEnabled: false });
    await signIn(page, hubcap.url, "octocat", PASSWORDS.octocat);
    await page.click("text=Your GitHub Apps");
    expect(new URL(page.url()).pathname).toBe("/settings/apps");
    const rows = await page.locator("#organization-apps + table tbody tr").allTextContents();
    expect(rows.map((row) => row.replace(/\s+/g, " ").trim())).toEqual(["Octo App octoapp octo-org public"]);
    await page.click("#organization-apps + table >> text=Octo App");
    expect(new URL(page.url()).pathname).toBe("/organizations/octo-org/settings/apps/octoapp");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("does not list an organization's apps to a member who is not its admin", async () => {
    const { context, page } = await newPage(browser, { javaScriptEnabled: false });
    await signIn(page, hubcap.url, "hubot", PASSWORDS.hubot);
    await page.goto(`${hubcap.url}/settings/apps`);
    const main = (await page.textContent("main"))!;
    expect(main).toContain("private-app");
    expect(main).not.toContain("Octo App");
    expect(await page.locator("#organization-apps").count()).toBe(0);
    await context.close();
  });
});
