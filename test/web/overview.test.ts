import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { launchBrowser, newPage, screenshot, signIn } from "../helpers/browser.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import { startReceiver } from "../helpers/receiver.js";
import { PASSWORDS, WEB_WORLD } from "./world.js";

let hubcap: TestHubcap;
let browser: Browser;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  hubcap = await hubcapForTest({ world: WEB_WORLD });
  receiver = await startReceiver();
  // An app with a webhook: its ping and the installation's `created` are delivered to the receiver.
  await hubcap.apply({
    apps: [
      {
        slug: "hooked",
        name: "Hooked",
        owner: "octo-org",
        public: true,
        webhook: { url: receiver.url, secret: "hooked-secret" },
      },
    ],
    installations: [{ app: "hooked", account: "octo-org", repositories: ["hello-world"] }],
  });
  await receiver.waitFor(2);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await receiver?.close();
  await hubcap?.close();
});

/** Deliveries are listed once attempted; the receiver has them a moment before hubcap records the outcome. */
async function deliveriesRecorded(slug: string, count: number) {
  const app = (await hubcap.hub.store.findAppBySlug(slug))!;
  for (let i = 0; i < 100; i++) {
    const list = await hubcap.hub.deliveries.list(app.id, { limit: 10 });
    if (list.length >= count) return list;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${slug} has fewer than ${count} deliveries`);
}

describe("the overview", () => {
  it("shows a signed-in user the world's accounts, repositories, apps and installations", async () => {
    const { context, page, problems } = await newPage(browser);
    await signIn(page, hubcap.url, "octocat", PASSWORDS.octocat);
    expect(new URL(page.url()).pathname).toBe("/hubcap");
    await screenshot(page, "overview");
    const text = (await page.textContent("main"))!;
    for (const login of ["octocat", "hubot", "octo-org"]) expect(text).toContain(login);
    for (const repo of ["octo-org/hello-world", "octo-org/secret-plans", "octocat/spoon-knife"]) {
      expect(text).toContain(repo);
    }
    expect(await page.locator("#apps + table tbody tr").allTextContents()).toEqual([
      expect.stringContaining("Octo App"),
      expect.stringContaining("Hooked"),
    ]);
    // octocat manages octo-org's apps: their deliveries are a link away.
    expect(await page.locator("a", { hasText: "Recent deliveries" }).count()).toBe(2);
    const installations = await page.locator("#installations + table tbody tr").allTextContents();
    // Grouped by account, in the order accounts were made.
    expect(installations.map((row) => row.replace(/\s+/g, " ").trim())).toEqual([
      "2 octoapp octocat all repositories active",
      "1 octoapp octo-org selected repositories active",
      "4 hooked octo-org selected repositories active",
    ]);
    // octocat administers both accounts: each installation links to its settings.
    expect(
      await page
        .locator("#installations + table a")
        .evaluateAll((links) => links.map((a) => a.getAttribute("href"))),
    ).toEqual([
      "/settings/installations/2",
      "/organizations/octo-org/settings/installations/1",
      "/organizations/octo-org/settings/installations/4",
    ]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("shows each user only what GitHub would: hubot sees neither octocat's private repository nor others' installations", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, hubcap.url, "hubot", PASSWORDS.hubot);
    const text = (await page.textContent("main"))!;
    expect(text).toContain("octo-org/hello-world");
    expect(text).not.toContain("octocat/spoon-knife");
    // hubot owns private-app; octo-org's apps are public but not hubot's to manage.
    expect(await page.locator("a", { hasText: "Recent deliveries" }).count()).toBe(1);
    const installations = await page.locator("#installations + table tbody tr").allTextContents();
    expect(installations.map((row) => row.replace(/\s+/g, " ").trim())).toEqual([
      "3 private-app hubot all repositories active",
    ]);
    const response = await page.goto(`${hubcap.url}/hubcap/apps/hooked`);
    expect(response!.status()).toBe(404);
    expect(await page.textContent("h1")).toBe("Page not found");
    await context.close();
  });
});

describe("webhook deliveries", () => {
  it("lists an app's recent deliveries, and shows one with its headers, payload and response", async () => {
    const [installed, ping] = await deliveriesRecorded("hooked", 2);
    const { context, page, problems } = await newPage(browser);
    await signIn(page, hubcap.url, "octocat", PASSWORDS.octocat);
    await page.click("a[href='/hubcap/apps/hooked']");
    const rows = await page.locator("table tbody tr").allTextContents();
    expect(rows.map((row) => row.replace(/\s+/g, " ").trim())).toEqual([
      expect.stringMatching(new RegExp(`^${installed!.guid} installation\\.created 200 \\d{4}-`)),
      expect.stringMatching(new RegExp(`^${ping!.guid} ping 200 \\d{4}-`)),
    ]);
    await screenshot(page, "deliveries");

    await page.click(`text=${installed!.guid}`);
    expect(await page.textContent("h1")).toBe("installation.created");
    // The payload as sent, pretty-printed.
    const payload = (await page.textContent("#payload"))!;
    expect(JSON.parse(payload)).toEqual(JSON.parse(installed!.payload));
    expect(payload).toContain('\n  "action": "created"');
    const sent = JSON.parse(receiver.received[1]!.body);
    expect(JSON.parse(payload)).toEqual(sent);
    const main = (await page.textContent("main"))!;
    expect(main).toContain("x-github-event: installation");
    expect(main).toContain(`x-github-delivery: ${installed!.guid}`);
    expect(await page.textContent("#response-body")).toBe("thanks");
    await screenshot(page, "delivery");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("answers an unknown or malformed delivery with a 404 page, never a 500", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, hubcap.url, "octocat", PASSWORDS.octocat);
    for (const path of [
      "/hubcap/apps/hooked/deliveries/999999",
      "/hubcap/apps/hooked/deliveries/abc",
      "/hubcap/apps/hooked/deliveries/1e400",
      "/hubcap/apps/octoapp/deliveries/1",
      "/hubcap/apps/no-such-app",
    ]) {
      const response = await page.goto(`${hubcap.url}${path}`);
      expect([path, response!.status()]).toEqual([path, 404]);
      expect(response!.headers()["content-type"]).toBe("text/html; charset=utf-8");
    }
    await context.close();
  });
});

describe("escaping", () => {
  it("shows markup in names and descriptions as text", async () => {
    const evil = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
    await hubcap.apply({
      repos: [{ full_name: "octocat/evil", description: evil }],
      apps: [{ slug: "evil-app", name: `<b>bold</b>"'&`, description: evil, owner: "octocat", public: true }],
    });
    const { context, page, problems } = await newPage(browser);
    await signIn(page, hubcap.url, "octocat", PASSWORDS.octocat);
    const repoRow = page.locator("#repositories + table tbody tr", { hasText: "octocat/evil" });
    expect(await repoRow.locator("td").nth(2).textContent()).toBe(evil);
    const appRow = page.locator("#apps + table tbody tr", { hasText: "evil-app" });
    expect(await appRow.locator("td a").first().textContent()).toBe(`<b>bold</b>"'&`);
    expect(await appRow.locator("td").nth(3).textContent()).toBe(evil);
    expect(await page.locator("main script, main img, main b").count()).toBe(0);
    await page.goto(`${hubcap.url}/hubcap/apps/evil-app`);
    expect(await page.textContent("h1")).toBe(`<b>bold</b>"'&`);
    expect(await page.title()).toBe(`<b>bold</b>"'&: recent deliveries · hubcap`);
    await screenshot(page, "escaping");
    expect(problems).toEqual([]);
    await context.close();
  });
});
