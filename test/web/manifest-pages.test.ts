import { createServer, type Server } from "node:http";
import escapeHtml from "escape-html";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { launchBrowser, newPage, screenshot, signIn } from "../helpers/browser.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import { freePort } from "../helpers/probot-process.js";
import { PASSWORDS, WEB_WORLD } from "./world.js";

/**
 * The manifest flow's pages in a real Chromium, without JavaScript. The app's own site is a page on
 * `localhost` (hubcap is on `127.0.0.1`: another site) with a plain form, as GitHub's docs show it.
 */
let hubcap: TestHubcap;
let browser: Browser;
let site: Server;
let siteUrl: string;
/** What the app's site serves next: a form posting this manifest to hubcap. */
let form = { manifest: "{}", action: "/settings/apps/new", state: "" };
const redirects: URL[] = [];

beforeAll(async () => {
  hubcap = await hubcapForTest({ world: WEB_WORLD });
  browser = await launchBrowser();
  const port = await freePort();
  siteUrl = `http://localhost:${port}`;
  site = createServer((req, res) => {
    if (req.url?.startsWith("/back")) {
      redirects.push(new URL(req.url, siteUrl));
      res.writeHead(200, { "content-type": "text/html" }).end("<h1>Back at the app</h1>");
      return;
    }
    res.writeHead(200, { "content-type": "text/html" }).end(
      `<form method="post" action="${hubcap.url}${form.action}">
        <input type="hidden" name="manifest" value="${escapeHtml(form.manifest)}">
        ${form.state && `<input type="hidden" name="state" value="${escapeHtml(form.state)}">`}
        <button type="submit" id="register">Register a GitHub App</button>
      </form>`,
    );
  });
  await new Promise<void>((resolve) => site.listen(port, "localhost", resolve));
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => site?.close(resolve));
  await hubcap?.close();
});

const manifest = (fields: Record<string, unknown> = {}) =>
  JSON.stringify({
    name: "Paged Manifest",
    url: "https://example.com/paged",
    redirect_url: `${siteUrl}/back`,
    default_permissions: { issues: "write" },
    default_events: ["issues"],
    ...fields,
  });

/** Opens the app's site and presses its button: hubcap answers the cross-site post. */
async function startFromSite(page: Page, next: Partial<typeof form>): Promise<void> {
  form = { manifest: manifest(), action: "/settings/apps/new", state: "", ...next };
  await page.goto(siteUrl);
  await Promise.all([page.waitForURL((u) => u.origin === hubcap.url), page.click("#register")]);
}

const appCount = async () => (await hubcap.hub.store.listApps({ limit: 1000, offset: 0 })).total;

describe("the manifest flow's pages", () => {
  it("sends an anonymous visitor to sign in and back to the manifest, then creates the app and redirects with code and state", async () => {
    const { page, problems } = await newPage(browser, { javaScriptEnabled: false });
    await startFromSite(page, { state: "s&t=1" });
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.fill("#login_field", "octocat");
    await page.fill("#password", PASSWORDS.octocat);
    await Promise.all([
      page.waitForURL(/\/settings\/apps\/new\/manifests\//),
      page.click("button[type=submit]"),
    ]);
    expect(await page.inputValue("#name")).toBe("Paged Manifest");
    expect(await page.textContent("#manifest")).toContain("https://example.com/paged");
    expect(await page.textContent("main")).toContain("Read and write access to issues");
    await screenshot(page, "manifest-confirm");

    await Promise.all([page.waitForURL(/\/back\?/), page.click("button:has-text('Create GitHub App')")]);
    const back = redirects.at(-1)!;
    expect(back.searchParams.get("state")).toBe("s&t=1");
    expect(back.searchParams.get("code")).toMatch(/^[0-9a-f]{40}$/);
    const app = await hubcap.hub.store.findAppBySlug("paged-manifest");
    expect(app).toMatchObject({ name: "Paged Manifest", permissions: { issues: "write", metadata: "read" } });
    // The manifest was used up: its page is gone.
    await page.goBack();
    expect(await page.textContent("h1")).toBe("Page not found");
    expect(problems).toEqual([]);
  });

  it("shows every problem of an invalid manifest, escaped, and creates nothing", async () => {
    const { page, problems } = await newPage(browser, { javaScriptEnabled: false });
    const before = await appCount();
    await startFromSite(page, {
      manifest: manifest({
        url: "javascript:alert(1)",
        "<b>bold</b>": true,
        default_permissions: { issues: "everything", spaceships: "read" },
        hook_attributes: { active: true },
      }),
    });
    expect(await page.textContent("h1")).toBe("Invalid GitHub App manifest");
    const errors = await page.locator("#manifest-errors li").allTextContents();
    expect(errors).toEqual(
      expect.arrayContaining([
        "<b>bold</b>: '<b>bold</b>' is not a manifest parameter.",
        "url: url must be a full http or https URL.",
        "hook_attributes.url: hook_attributes.url is required.",
        expect.stringContaining("The permission 'issues' cannot be 'everything'"),
        "default_permissions: The permission 'spaceships' does not exist.",
      ]),
    );
    expect(await page.locator("main b").count()).toBe(0);
    await startFromSite(page, { manifest: "{not json" });
    expect(await page.textContent("#manifest-errors")).toContain("The manifest is not valid JSON.");
    expect(await appCount()).toBe(before);
    expect(problems).toEqual([]);
  });

  it("escapes what a manifest says, and shows a refused name on the page to change", async () => {
    const { page, problems } = await newPage(browser, { javaScriptEnabled: false });
    await signIn(page, hubcap.url, "octocat", PASSWORDS.octocat);
    const name = `<img src=x onerror=alert(1)>`;
    await startFromSite(page, {
      manifest: manifest({ name, description: `<script>alert("d")</script>` }),
    });
    expect(await page.inputValue("#name")).toBe(name);
    expect(await page.textContent("#manifest")).toContain(`<script>alert("d")</script>`);
    expect(await page.locator("main img, main script").count()).toBe(0);

    // "Octoapp" is taken (the slug octoapp): the page says so and keeps the manifest.
    await page.fill("#name", "Octoapp");
    await page.click("button:has-text('Create GitHub App')");
    expect(await page.textContent("[role=alert]")).toBe("Name has already been taken");
    expect(await page.inputValue("#name")).toBe("Octoapp");
    await page.fill("#name", "Renamed Manifest");
    await Promise.all([page.waitForURL(/\/back\?/), page.click("button:has-text('Create GitHub App')")]);
    expect(await hubcap.hub.store.findAppBySlug("renamed-manifest")).toMatchObject({
      description: `<script>alert("d")</script>`,
    });
    expect(problems).toEqual([]);
  });

  it("cancels: nothing is created and the manifest is gone", async () => {
    const { page, problems } = await newPage(browser, { javaScriptEnabled: false });
    await signIn(page, hubcap.url, "octocat", PASSWORDS.octocat);
    const before = await appCount();
    await startFromSite(page, { manifest: manifest({ name: "Cancelled App" }) });
    const confirmation = page.url();
    await Promise.all([
      page.waitForURL(/\/settings\/apps\?notice=manifest-cancelled$/),
      page.click("text=Cancel"),
    ]);
    expect(await page.textContent("[role=status]")).toBe("The app was not created.");
    expect(await appCount()).toBe(before);
    await page.goto(confirmation);
    expect(await page.textContent("h1")).toBe("Page not found");
    expect(problems).toEqual([]);
  });

  it("registers for an organization only with one of its admins; the confirmation needs the session's token", async () => {
    const member = await newPage(browser, { javaScriptEnabled: false });
    await signIn(member.page, hubcap.url, "hubot", PASSWORDS.hubot);
    await startFromSite(member.page, {
      action: "/organizations/octo-org/settings/apps/new",
      manifest: manifest({ name: "Org Manifest" }),
    });
    expect(await member.page.textContent("h1")).toBe("Page not found");
    const confirmation = member.page.url();

    const admin = await newPage(browser, { javaScriptEnabled: false });
    await signIn(admin.page, hubcap.url, "octocat", PASSWORDS.octocat);
    // Without hubcap's token (a post from anywhere but the page itself) nothing is created.
    const forged = await admin.page.request.post(confirmation, { form: { name: "Forged" }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    await admin.page.goto(confirmation);
    expect(await admin.page.textContent("h1")).toBe("Create GitHub App for octo-org");
    await Promise.all([
      admin.page.waitForURL(/\/back\?/),
      admin.page.click("button:has-text('Create GitHub App')"),
    ]);
    expect((await hubcap.hub.store.findAppBySlug("org-manifest"))?.owner.login).toBe("octo-org");
    expect([...member.problems, ...admin.problems]).toEqual([]);
  });
});
