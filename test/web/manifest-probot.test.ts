import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { App } from "@octokit/app";
import { Octokit } from "@octokit/core";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { launchBrowser, newPage, screenshot } from "../helpers/browser.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import { freePort, runProbot, type ProbotProcess } from "../helpers/probot-process.js";
import { readmeBlocks } from "../readme/readme-blocks.js";
import { PASSWORDS, WEB_WORLD } from "./world.js";

/**
 * The environment of the README's two Probot lines (setup, then every run after it), as printed but for
 * hubcap's address: the test's hubcap is not at 127.0.0.1:3000.
 */
function readmeProbotEnv(host: string): { setup: Record<string, string>; after: Record<string, string> } {
  const block = readmeBlocks("## Pointing clients at hubcap", "sh").find((b) => b.includes("probot run"))!;
  const [setup, after] = block
    .split("\n")
    .filter((line) => line.includes("probot run"))
    .map((line) =>
      Object.fromEntries(
        [...line.matchAll(/\b([A-Z_]+)=(\S+)/g)].map(([, name, value]) => [
          name!,
          value!.replace("127.0.0.1:3000", host),
        ]),
      ),
    );
  return { setup: setup!, after: after! };
}

/**
 * Probot's own setup (issue #7's proof): `probot run` with no app configured serves a page whose button
 * posts Probot's manifest to `${GHE_PROTOCOL}://${GHE_HOST}/settings/apps/new`; GitHub (here hubcap)
 * asks the person to confirm, redirects back to Probot's `/probot/setup?code=`, and Probot exchanges the
 * code (`POST /app-manifests/{code}/conversions`) and writes `.env`.
 *
 * Offline, two of Probot's defaults need a word. Probot makes a smee.io channel for the webhook URL
 * unless `NO_SMEE_SETUP=true` (set here: smee.io is out of reach); its manifest then names its own root,
 * `http://localhost:PORT/`, as the webhook URL, while Probot listens for webhooks at
 * `/api/github/webhooks` unless `WEBHOOK_PATH` says otherwise, so the restarted Probot runs with
 * `WEBHOOK_PATH=/`. The browser opens Probot at `localhost` and hubcap at `127.0.0.1`: different sites,
 * as Probot and GitHub are, so the manifest arrives as the cross-site post it is in real use.
 */
let hubcap: TestHubcap;
let browser: Browser;
let dir: string;
const running: ProbotProcess[] = [];

const APP_JS = `import { appendFileSync } from "node:fs";
export default (app) => {
  app.on("installation.created", async (context) => {
    const { data } = await context.octokit.rest.apps.listReposAccessibleToInstallation();
    const repos = data.repositories.map((r) => r.full_name);
    appendFileSync("heard.jsonl", JSON.stringify({ event: context.name, action: context.payload.action, repos }) + "\\n");
  });
};
`;

beforeAll(async () => {
  hubcap = await hubcapForTest({ world: WEB_WORLD });
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), "hubcap-probot-"));
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({
      name: "hubcap-probot-setup",
      version: "1.0.0",
      description: "A Probot app set up against hubcap",
      homepage: "https://example.com/hubcap-probot-setup",
      type: "module",
    }),
  );
  writeFileSync(join(dir, "app.js"), APP_JS);
});
afterAll(async () => {
  for (const probot of running) await probot.stop();
  await browser?.close();
  await hubcap?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("Probot's setup flow against hubcap", () => {
  it("registers the app from Probot's manifest, writes a working .env, and Probot hears its first webhook", async () => {
    const port = await freePort();
    const host = new URL(hubcap.url).host;
    const readme = readmeProbotEnv(host);
    expect(readme.setup).toEqual({ GHE_HOST: host, GHE_PROTOCOL: "http", NO_SMEE_SETUP: "true" });
    const setup = await runProbot(dir, { ...readme.setup, PORT: String(port) });
    running.push(setup);

    const { context, page, problems } = await newPage(browser);
    await page.goto(`http://localhost:${port}/probot`);
    await screenshot(page, "probot-1-setup");
    // Probot's form opens GitHub in a new tab (target="_blank").
    const [tab] = await Promise.all([context.waitForEvent("page"), page.click("#manifest")]);
    // Chromium holds a form's redirect to the page's `form-action`: had the confirmation not named
    // Probot's origin, the redirect would be blocked and reported here.
    tab.on("console", (message) => {
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
        problems.push(message.text());
      }
    });
    await tab.waitForURL(/\/login\?return_to=/);
    await tab.fill("#login_field", "octocat");
    await tab.fill("#password", PASSWORDS.octocat);
    await Promise.all([
      tab.waitForURL(/\/settings\/apps\/new\/manifests\//),
      tab.click("button[type=submit]"),
    ]);
    expect(await tab.inputValue("#name")).toBe("hubcap-probot-setup");
    expect(await tab.textContent("#manifest")).toContain(`http://localhost:${port}/probot/setup`);
    await screenshot(tab, "probot-2-confirm");

    // Create: hubcap redirects to Probot's /probot/setup?code=…, Probot converts the code, writes .env
    // and sends the browser on to the app's install page on hubcap.
    await Promise.all([
      tab.waitForURL(/\/apps\/hubcap-probot-setup\/installations\/new$/, { timeout: 15_000 }),
      tab.click("button:has-text('Create GitHub App')"),
    ]);
    await screenshot(tab, "probot-3-install");
    const written = parseEnv(readFileSync(join(dir, ".env"), "utf8"));
    expect(Object.keys(written).sort()).toEqual(
      ["APP_ID", "GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET", "PRIVATE_KEY", "WEBHOOK_SECRET"].sort(),
    );
    const app = new App({
      appId: Number(written.APP_ID),
      privateKey: written.PRIVATE_KEY!,
      Octokit: Octokit.defaults({ baseUrl: `${hubcap.url}/api/v3` }),
    });
    const { data: registered } = await app.octokit.request("GET /app");
    expect(registered).toMatchObject({
      slug: "hubcap-probot-setup",
      client_id: written.GITHUB_CLIENT_ID,
      owner: { login: "octocat" },
      external_url: "https://example.com/hubcap-probot-setup",
    });
    const { data: hook } = await app.octokit.request("GET /app/hook/config");
    expect(hook.url).toBe(`http://localhost:${port}/`);

    // Probot asks to be restarted with its new .env; it then hears the app's webhooks at its root.
    await setup.stop();
    // With only what the README says to give again: .env holds the rest.
    const probot = await runProbot(dir, { ...readme.after, PORT: String(port) });
    running.push(probot);
    await Promise.all([
      tab.waitForURL(/\/permissions\?target_id=/),
      tab.click("tr:has-text('octocat') >> text=Install"),
    ]);
    await Promise.all([
      tab.waitForURL(/\/settings\/installations\/\d+\?notice=installed$/),
      tab.click("button:has-text('Install')"),
    ]);
    await expect.poll(() => existsSync(join(dir, "heard.jsonl")), { timeout: 10_000 }).toBe(true);
    const heard = readFileSync(join(dir, "heard.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(heard).toEqual([{ event: "installation", action: "created", repos: ["octocat/spoon-knife"] }]);
    expect(problems).toEqual([]);
  }, 60_000);
});
