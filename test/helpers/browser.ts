import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

/** Debian's chromium (`.ci/run` installs it); HUBCAP_CHROMIUM points elsewhere. */
export const CHROMIUM = process.env.HUBCAP_CHROMIUM ?? "/usr/bin/chromium";

const ARTIFACTS = join(process.cwd(), "test-artifacts", "web");

/**
 * A real headless Chromium. Playwright gives every launch a fresh profile (its own temporary
 * `--user-data-dir`, removed on close), so no test sees another's cookies. Nothing reaches out: no
 * QUIC, no background networking, no component or sync traffic.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * A page in a fresh context (its own cookies), optionally without JavaScript. `problems` collects what
 * the browser complains about (a blocked stylesheet, a script that ran): pages should give it nothing.
 */
export async function newPage(
  browser: Browser,
  options: { javaScriptEnabled?: boolean; acceptDownloads?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ javaScriptEnabled: true, ...options });
  // A step that cannot happen fails with what it waited for, well within the test's own timeout.
  context.setDefaultTimeout(5000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    // A failed resource load is the status code the test itself checks (401, 403, 404).
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      problems.push(message.text());
    }
  });
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("dialog", (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { context, page, problems };
}

/** A screenshot kept as a test artifact, named after what it shows. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Signs in through the login form, as a person would. */
export async function signIn(page: Page, url: string, login: string, password: string): Promise<void> {
  await page.goto(`${url}/login`);
  await page.fill("#login_field", login);
  await page.fill("#password", password);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith("/login")),
    page.click("button[type=submit]"),
  ]);
}
