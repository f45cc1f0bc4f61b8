import { readFileSync } from "node:fs";
import { App } from "@octokit/app";
import { Octokit } from "@octokit/core";
import type { Browser, Page } from "playwright-core";
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
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await receiver?.close();
  await hubcap?.close();
});

/** Submits the form a button is in and waits for the page it leads to. */
async function submit(page: Page, button: string, to: RegExp): Promise<void> {
  await Promise.all([page.waitForURL(to), page.click(button)]);
}

async function repositoriesOf(app: App, installationId: number): Promise<string[]> {
  const octokit = await app.getInstallationOctokit(installationId);
  const { data } = await octokit.request("GET /installation/repositories");
  return data.repositories.map((r) => r.full_name);
}

describe("registering, installing and uninstalling an app by page (issue #4's proof)", () => {
  it("and the app's own @octokit/app client sees each change", async () => {
    // Without JavaScript: every step is a plain link or form.
    const { context, page, problems } = await newPage(browser, {
      javaScriptEnabled: false,
      acceptDownloads: true,
    });
    await signIn(page, hubcap.url, "octocat", PASSWORDS.octocat);

    // Register an app for octo-org.
    await page.goto(`${hubcap.url}/organizations/octo-org/settings/apps`);
    await submit(page, "text=New GitHub App", /\/organizations\/octo-org\/settings\/apps\/new$/);
    await page.fill("#name", "Page App");
    await page.fill("#description", "Registered through hubcap's pages");
    await page.fill("#url", "https://example.com/page-app");
    await page.check("#public_true");
    await page.fill("#webhook_url", receiver.url);
    await page.fill("#webhook_secret", "page-app-secret");
    await page.selectOption("#perm-issues", "write");
    await page.selectOption("#perm-contents", "read");
    await page.check("#event-issues");
    await screenshot(page, "flow-1-register");
    await submit(
      page,
      "text=Create GitHub App",
      /\/organizations\/octo-org\/settings\/apps\/page-app\?notice=registered$/,
    );
    expect(await page.textContent("[role=status]")).toContain("Registration successful");
    const appId = Number(await page.textContent("#app-id"));

    // Generate a private key: the PEM arrives once, as a download.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click("button:has-text('Generate a private key')"),
    ]);
    expect(download.suggestedFilename()).toMatch(/^page-app\.\d{4}-\d{2}-\d{2}\.private-key\.pem$/);
    const privateKey = readFileSync((await download.path())!, "utf8");
    expect(privateKey).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    await page.reload();
    expect(await page.locator("#private-keys + p + table code").count()).toBe(1);
    await screenshot(page, "flow-2-settings");

    const app = new App({
      appId,
      privateKey,
      Octokit: Octokit.defaults({ baseUrl: `${hubcap.url}/api/v3` }),
    });
    const { data: me } = await app.octokit.request("GET /app");
    expect(me).toMatchObject({
      slug: "page-app",
      name: "Page App",
      owner: { login: "octo-org" },
      permissions: { issues: "write", contents: "read", metadata: "read" },
      events: ["issues"],
    });
    expect((await app.octokit.request("GET /app/installations")).data).toEqual([]);

    // Install on two selected repositories, starting where octokit's getInstallationUrl() points.
    await page.goto(await app.getInstallationUrl({ state: "from-the-app" }));
    await submit(
      page,
      "tr:has-text('octo-org') >> text=Install",
      /\/installations\/new\/permissions\?target_id=\d+&state=from-the-app$/,
    );
    await page.check("#selection_selected");
    await page.check("label:has-text('octo-org/hello-world')");
    await page.check("label:has-text('octo-org/docs')");
    await screenshot(page, "flow-3-install");
    await submit(
      page,
      "button:has-text('Install')",
      /\/organizations\/octo-org\/settings\/installations\/\d+\?notice=installed$/,
    );
    const installationId = Number(await page.textContent("#installation-id"));

    const { data: installations } = await app.octokit.request("GET /app/installations");
    expect(installations).toMatchObject([
      { id: installationId, account: { login: "octo-org" }, repository_selection: "selected" },
    ]);
    expect(await repositoriesOf(app, installationId)).toEqual(["octo-org/hello-world", "octo-org/docs"]);

    // Change the repositories: docs out, secret-plans in.
    await page.uncheck("label:has-text('octo-org/docs')");
    await page.check("label:has-text('octo-org/secret-plans')");
    await submit(page, "button:has-text('Save')", /\?notice=updated$/);
    await screenshot(page, "flow-4-installation");
    expect(await repositoriesOf(app, installationId)).toEqual([
      "octo-org/hello-world",
      "octo-org/secret-plans",
    ]);

    // All repositories.
    await page.check("#selection_all");
    await submit(page, "button:has-text('Save')", /\?notice=updated$/);
    expect(
      (
        await app.octokit.request("GET /app/installations/{installation_id}", {
          installation_id: installationId,
        })
      ).data.repository_selection,
    ).toBe("all");
    expect(await repositoriesOf(app, installationId)).toEqual([
      "octo-org/hello-world",
      "octo-org/secret-plans",
      "octo-org/docs",
    ]);

    // Uninstall.
    await submit(
      page,
      "button:has-text('Uninstall')",
      /\/organizations\/octo-org\/settings\/installations\?notice=uninstalled$/,
    );
    expect((await app.octokit.request("GET /app/installations")).data).toEqual([]);
    await expect(
      app.octokit.request("GET /app/installations/{installation_id}", { installation_id: installationId }),
    ).rejects.toMatchObject({ status: 404 });
    expect(problems).toEqual([]);
    await context.close();

    // The app heard every step, signed with the secret typed into the form.
    const received = await receiver.waitFor(6);
    expect(received.map((r) => `${r.headers["x-github-event"]}.${JSON.parse(r.body).action ?? ""}`)).toEqual([
      "ping.",
      "installation.created",
      "installation_repositories.added",
      "installation_repositories.removed",
      "installation_repositories.added",
      "installation.deleted",
    ]);
  });
});
