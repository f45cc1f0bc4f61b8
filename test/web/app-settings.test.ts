import { App } from "@octokit/app";
import { Octokit } from "@octokit/core";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { launchBrowser, newPage, screenshot, signIn } from "../helpers/browser.js";
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

async function submit(page: Page, button: string, to: RegExp): Promise<void> {
  await Promise.all([page.waitForURL(to), page.click(button)]);
}

const accountId = async (login: string) => (await hubcap.hub.store.findAccountByLogin(login))!.id;

const octoapp = () =>
  new App({
    appId: hubcap.apps.octoapp!.id,
    privateKey: hubcap.apps.octoapp!.privateKey,
    Octokit: Octokit.defaults({ baseUrl: `${hubcap.url}/api/v3` }),
  });

describe("app settings", () => {
  it("edits an app's general settings; a refused change comes back with what was typed", async () => {
    const { context, page, problems } = await newPage(browser);
    await signIn(page, hubcap.url, "octocat", PASSWORDS.octocat);
    await page.goto(`${hubcap.url}/organizations/octo-org/settings/apps/octoapp`);
    await page.fill("#description", "Now with a description");
    await page.fill("#url", "https://octoapp.example");
    await submit(page, "button:has-text('Save changes')", /notice=updated$/);
    const { data } = await octoapp().octokit.request("GET /app");
    expect(data).toMatchObject({
      description: "Now with a description",
      external_url: "https://octoapp.example",
    });

    await page.fill("#name", "Renamed Octo App");
    await page.fill("#webhook_url", "ftp://not-a-webhook");
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.click("button:has-text('Save changes')"),
    ]);
    expect(response.status()).toBe(422);
    expect(await page.textContent("[role=alert]")).toBe("Validation Failed");
    expect(await page.inputValue("#name")).toBe("Renamed Octo App");
    expect(await page.inputValue("#webhook_url")).toBe("ftp://not-a-webhook");
    expect((await octoapp().octokit.request("GET /app")).data!.name).toBe("Octo App");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("shows a new client secret once, lists it by its last eight characters, and deletes it", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, hubcap.url, "octocat", PASSWORDS.octocat);
    await page.goto(`${hubcap.url}/organizations/octo-org/settings/apps/octoapp`);
    await page.click("button:has-text('Generate a new client secret')");
    const secret = (await page.textContent("#new-client-secret"))!;
    expect(secret).toMatch(/^[0-9a-f]{40}$/);
    await screenshot(page, "client-secret");
    await page.goto(`${hubcap.url}/organizations/octo-org/settings/apps/octoapp`);
    expect(await page.locator("#new-client-secret").count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
    expect(await page.textContent("#client-secrets + table")).toContain(secret.slice(-8));
    // Only its hash is stored.
    expect(JSON.stringify(await hubcap.hub.store.dumpTables())).not.toContain(secret);

    await submit(page, "#client-secrets + table button:has-text('Delete')", /notice=secret-deleted/);
    expect(await page.locator("#client-secrets + table").count()).toBe(0);
    await context.close();
  });

  it("deletes a private key: the app can no longer sign in with it", async () => {
    await hubcap.apply({ apps: [{ slug: "keyed", owner: "octocat", public: true }] });
    const keyed = new App({
      appId: hubcap.apps.keyed!.id,
      privateKey: hubcap.apps.keyed!.privateKey,
      Octokit: Octokit.defaults({ baseUrl: `${hubcap.url}/api/v3` }),
    });
    expect((await keyed.octokit.request("GET /app")).status).toBe(200);
    const { context, page } = await newPage(browser);
    await signIn(page, hubcap.url, "octocat", PASSWORDS.octocat);
    // A user's own app lives under /settings/apps.
    await page.goto(`${hubcap.url}/settings/apps`);
    await submit(page, "a:has-text('keyed')", /\/settings\/apps\/keyed$/);
    await submit(page, "#private-keys + p + table button:has-text('Delete')", /notice=key-deleted/);
    await expect(keyed.octokit.request("GET /app")).rejects.toMatchObject({ status: 401 });
    await context.close();
  });

  it("requests changed permissions of installations; an account admin accepts them on the installation's page", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, hubcap.url, "octocat", PASSWORDS.octocat);
    await page.goto(`${hubcap.url}/organizations/octo-org/settings/apps/octoapp`);
    await page.selectOption("#perm-pull_requests", "write");
    await submit(page, "button:has-text('Save permissions')", /notice=updated/);
    const app = octoapp();
    const outdated = await app.octokit.request("GET /app/installations", { outdated: "true" } as never);
    expect((outdated.data as Array<{ id: number }>).map((i) => i.id).sort()).toEqual([1, 2]);

    await page.goto(`${hubcap.url}/organizations/octo-org/settings/installations/1`);
    expect(await page.textContent("#pending-permissions")).toContain(
      "Read and write access to pull requests",
    );
    await screenshot(page, "pending-permissions");
    await submit(page, "button:has-text('Accept new permissions')", /notice=permissions-accepted/);
    expect(await page.locator("#pending-permissions").count()).toBe(0);
    const { data } = await app.octokit.request("GET /app/installations/{installation_id}", {
      installation_id: 1,
    });
    expect(data.permissions).toMatchObject({ pull_requests: "write" });
    await context.close();
  });

  it("suspends and unsuspends an installation: its tokens are refused meanwhile", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, hubcap.url, "octocat", PASSWORDS.octocat);
    await page.goto(`${hubcap.url}/settings/installations/2`);
    await submit(page, "button:has-text('Suspend')", /notice=suspended/);
    expect(await page.textContent("#suspended")).toContain("by octocat");
    const app = octoapp();
    const suspended = await app.getInstallationOctokit(2);
    await expect(suspended.request("GET /installation/repositories")).rejects.toMatchObject({ status: 403 });
    await submit(page, "button:has-text('Unsuspend')", /notice=unsuspended/);
    const octokit = await app.getInstallationOctokit(2);
    expect((await octokit.request("GET /installation/repositories")).status).toBe(200);
    await context.close();
  });
});

describe("who may do what", () => {
  it("hides organization settings, other people's apps and installations from a non-admin (404)", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, hubcap.url, "hubot", PASSWORDS.hubot);
    for (const path of [
      "/organizations/octo-org/settings/apps",
      "/organizations/octo-org/settings/apps/new",
      "/organizations/octo-org/settings/apps/octoapp",
      "/settings/apps/octoapp",
      "/organizations/octo-org/settings/installations/1",
      "/settings/installations/1",
      "/settings/installations/2",
      "/organizations/no-such-org/settings/apps",
      "/organizations/hubot/settings/apps",
    ]) {
      const response = await page.goto(`${hubcap.url}${path}`);
      expect([path, response!.status()]).toEqual([path, 404]);
    }
    // hubot may install a public app on its own account only (in octo-org, where it is a member, it may
    // only request it, and there octoapp is installed already); a private app of another owner not at all.
    await page.goto(`${hubcap.url}/apps/octoapp/installations/new`);
    expect(await page.locator("main tr").allTextContents()).toEqual([
      expect.stringMatching(/hubot[\s\S]*Install/),
      expect.stringMatching(/octo-org[\s\S]*an owner must approve[\s\S]*Installed/),
    ]);
    expect(
      await page.locator("main tr:has-text('octo-org') a, main tr:has-text('octo-org') button").count(),
    ).toBe(0);
    const foreign = await page.goto(
      `${hubcap.url}/apps/octoapp/installations/new/permissions?target_id=${await accountId("octo-org")}`,
    );
    expect(foreign!.status()).toBe(404);
    await context.close();
  });

  it("forbids a forged install on an account the user does not administer, and changes nothing", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, hubcap.url, "hubot", PASSWORDS.hubot);
    await page.goto(
      `${hubcap.url}/apps/octoapp/installations/new/permissions?target_id=${await accountId("hubot")}`,
    );
    // Point the form at octo-org instead of hubot, as a hand-made post would.
    const orgId = String(await accountId("octo-org"));
    await page
      .locator("input[name=target_id]")
      .evaluate((input, id) => input.setAttribute("value", id), orgId);
    const before = await hubcap.hub.store.dumpTables();
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.click("button:has-text('Install')"),
    ]);
    expect(response.status()).toBe(404);
    expect((await hubcap.hub.store.dumpTables()).installations).toEqual(before.installations);
    await context.close();
  });
});

describe("the app's page", () => {
  it("is HTML for a browser, while the API still answers JSON at the same path", async () => {
    const { context, page } = await newPage(browser);
    const response = await page.goto(`${hubcap.url}/apps/octoapp`);
    expect(response!.headers()["content-type"]).toBe("text/html; charset=utf-8");
    expect(await page.textContent("h1")).toBe("Octo App");
    await submit(page, "button:has-text('Install')", /\/login\?return_to=/);
    await context.close();

    const octokit = new Octokit({ baseUrl: hubcap.url });
    const { data } = await octokit.request("GET /apps/{app_slug}", { app_slug: "octoapp" });
    expect(data).toMatchObject({ slug: "octoapp", html_url: `${hubcap.url}/apps/octoapp` });
    const curl = await fetch(`${hubcap.url}/apps/octoapp`, { headers: { accept: "*/*" } });
    expect(curl.headers.get("content-type")).toMatch(/^application\/json/);
  });

  it("is not found for a private app to someone outside its owner", async () => {
    const { context, page } = await newPage(browser);
    expect((await page.goto(`${hubcap.url}/apps/private-app`))!.status()).toBe(404);
    await signIn(page, hubcap.url, "octocat", PASSWORDS.octocat);
    expect((await page.goto(`${hubcap.url}/apps/private-app`))!.status()).toBe(404);
    await context.close();
  });
});
