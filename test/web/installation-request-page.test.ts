import { App } from "@octokit/app";
import { Octokit } from "@octokit/core";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp, TestHubcap } from "../../src/testing/index.js";
import { launchBrowser, newPage, screenshot, signIn } from "../helpers/browser.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import { PASSWORDS, WEB_WORLD } from "./world.js";

let hubcap: TestHubcap;
let browser: Browser;
let requested: TestApp;
beforeAll(async () => {
  hubcap = await hubcapForTest({ world: WEB_WORLD });
  browser = await launchBrowser();
  requested = await hubcap.createApp({ name: "Wanted App", owner: "octocat", public: true });
});
afterAll(async () => {
  await browser?.close();
  await hubcap?.close();
});

/** The app's own view of the requests: @octokit/app with its key, `GET /app/installation-requests`. */
async function requestsSeenByApp(): Promise<Array<[string, string]>> {
  const app = new App({
    appId: requested.id,
    privateKey: requested.privateKey,
    Octokit: Octokit.defaults({ baseUrl: hubcap.url }),
  });
  const { data } = await app.octokit.request("GET /app/installation-requests");
  return data.map((r) => [(r.account as { login: string }).login, r.requester.login]);
}

const row = (page: Page, login: string) => page.locator(`#install-targets tr:has(td:text-is("${login}"))`);

describe("requesting an installation by page", () => {
  it("a member asks, the app sees the request, an admin's installation clears it", async () => {
    // hubot is a member of octo-org, not an admin: it may only ask.
    const member = await newPage(browser, { javaScriptEnabled: false });
    await signIn(member.page, hubcap.url, "hubot", PASSWORDS.hubot);
    await member.page.goto(`${hubcap.url}/apps/wanted-app/installations/new`);
    expect(await row(member.page, "hubot").textContent()).toContain("Install");
    await Promise.all([
      member.page.waitForURL(/\/installations\/new\?notice=requested$/),
      row(member.page, "octo-org").locator("button:has-text('Request')").click(),
    ]);
    expect(await member.page.textContent("[role=status]")).toContain("sent to the organization's owners");
    expect(await row(member.page, "octo-org").textContent()).toContain("Requested");
    expect(await row(member.page, "octo-org").locator("button").count()).toBe(0);
    await screenshot(member.page, "installation-request");
    expect(await requestsSeenByApp()).toEqual([["octo-org", "hubot"]]);

    // octocat administers octo-org: it installs, which answers the request.
    const admin = await newPage(browser, { javaScriptEnabled: false });
    await signIn(admin.page, hubcap.url, "octocat", PASSWORDS.octocat);
    await admin.page.goto(`${hubcap.url}/apps/wanted-app/installations/new`);
    await Promise.all([
      admin.page.waitForURL(/\/permissions\?target_id=/),
      row(admin.page, "octo-org").locator("text=Install").click(),
    ]);
    await Promise.all([
      admin.page.waitForURL(/\/installations\/\d+\?notice=installed$/),
      admin.page.click("button:has-text('Install')"),
    ]);
    expect(await requestsSeenByApp()).toEqual([]);
    await member.page.reload();
    expect(await row(member.page, "octo-org").textContent()).toContain("Installed");
    expect([...member.problems, ...admin.problems]).toEqual([]);
  });

  it("refuses a request without the session's token, and for an organization the user administers", async () => {
    const { page } = await newPage(browser);
    await signIn(page, hubcap.url, "octocat", PASSWORDS.octocat);
    const other = await hubcap.createApp({ name: "Other Wanted", owner: "hubot", public: true });
    const org = await hubcap.hub.store.findAccountByLogin("octo-org");
    const token = await page.getAttribute("input[name=authenticity_token]", "value");
    const post = async (fields: Record<string, string>) =>
      (
        await page.request.post(`${hubcap.url}/apps/${other.slug}/installations/requests`, {
          form: fields,
          maxRedirects: 0,
        })
      ).status();
    expect(await post({ target_id: String(org!.id) })).toBe(403);
    // octocat administers octo-org: there it installs, it does not ask.
    expect(await post({ target_id: String(org!.id), authenticity_token: token! })).toBe(404);
    const page0 = { limit: 10, offset: 0 };
    expect((await hubcap.hub.installationRequests.list(other.id, page0)).items).toEqual([]);
  });
});
