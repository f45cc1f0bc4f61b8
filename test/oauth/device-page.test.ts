import { createOAuthDeviceAuth } from "@octokit/auth-oauth-device";
import { Octokit } from "@octokit/core";
import { request } from "@octokit/request";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { launchBrowser, newPage, screenshot, signIn } from "../helpers/browser.js";
import { signInByForm } from "../helpers/form-session.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import { PAGES_WORLD, PASSWORDS } from "./pages-world.js";

let hubcap: TestHubcap;
let browser: Browser;
beforeAll(async () => {
  hubcap = await hubcapForTest({ world: PAGES_WORLD });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await hubcap?.close();
});

interface Verification {
  user_code: string;
  verification_uri: string;
}

/** The device flow as a CLI runs it; `person` is whoever reads the code and goes to the page. */
function deviceAuth(person: (verification: Verification) => Promise<void>) {
  return createOAuthDeviceAuth({
    clientType: "github-app",
    clientId: "Iv1.octoapp0client",
    request: request.defaults({ baseUrl: `${hubcap.url}/api/v3` }),
    onVerification: person,
  });
}

/** Goes to the verification URI, signs in there, and types the code (in lower case, without the dash). */
async function enterCode(page: Page, verification: Verification, login: keyof typeof PASSWORDS) {
  await page.goto(verification.verification_uri);
  expect(new URL(page.url()).pathname).toBe("/login");
  await page.fill("#login_field", login);
  await page.fill("#password", PASSWORDS[login]);
  await Promise.all([
    page.waitForURL((u) => u.pathname === "/login/device"),
    page.click("button[type=submit]"),
  ]);
  await page.fill("#user_code", verification.user_code.replace("-", "").toLowerCase());
  await Promise.all([page.waitForLoadState(), page.click("main button[type=submit]")]);
}

describe("the device flow's page, in a browser", () => {
  it("takes the code from a signed-in person who authorizes; the device's poll then gets a token", async () => {
    const { page, problems } = await newPage(browser);
    const auth = deviceAuth(async (verification) => {
      expect(verification.verification_uri).toBe(`${hubcap.url}/login/device`);
      await enterCode(page, verification, "hubot");
      const text = (await page.locator("main").textContent()) ?? "";
      expect(text).toContain(verification.user_code);
      expect(text).toContain("Octo App");
      expect(text).toContain("hubot");
      await screenshot(page, "oauth-device-authorize");
      await page.click("main button:has-text('Authorize Octo App')");
      await expect(page.locator("h1").textContent()).resolves.toBe("Congratulations, you're all set!");
    });
    const authentication = await auth({ type: "oauth" });
    const octokit = new Octokit({ baseUrl: `${hubcap.url}/api/v3`, auth: authentication.token });
    await expect(octokit.request("GET /user")).resolves.toMatchObject({ data: { login: "hubot" } });
    expect(problems).toEqual([]);
  });

  it("tells the device access_denied when the person cancels", async () => {
    const { page } = await newPage(browser);
    const auth = deviceAuth(async (verification) => {
      await enterCode(page, verification, "mona");
      await page.click("main button:has-text('Cancel')");
      await expect(page.locator("h1").textContent()).resolves.toBe("Access denied");
    });
    await expect(auth({ type: "oauth" })).rejects.toMatchObject({
      response: { data: { error: "access_denied" } },
    });
  });

  it("says so when the code is wrong, and lets the person try again", async () => {
    const { page } = await newPage(browser);
    await signIn(page, hubcap.url, "octocat", PASSWORDS.octocat);
    await page.goto(`${hubcap.url}/login/device`);
    await page.fill("#user_code", "BCDF-GHJK");
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.click("main button[type=submit]"),
    ]);
    expect(response.status()).toBe(404);
    expect(await page.locator("[role=alert]").textContent()).toMatch(/not valid or has expired/);
    await expect(page.locator("#user_code").inputValue()).resolves.toBe("BCDF-GHJK");
  });
});

describe("CSRF on the device forms", () => {
  it("refuses an answer without the session's token or from another site, and the request stays pending", async () => {
    const started = await fetch(`${hubcap.url}/login/device/code`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ client_id: "Iv1.octoapp0client" }),
    });
    const { user_code: userCode } = (await started.json()) as { user_code: string };
    const { cookie, csrfToken } = await signInByForm(hubcap.url, "octocat", PASSWORDS.octocat);
    for (const path of ["/login/device", "/login/device/authorize"]) {
      for (const [what, headers, extra] of [
        ["no token", { origin: hubcap.url }, {}],
        ["another site", { origin: "http://evil.example" }, { authenticity_token: csrfToken }],
        ["a cross-site fetch", { "sec-fetch-site": "cross-site" }, { authenticity_token: csrfToken }],
      ] as const) {
        const response = await fetch(hubcap.url + path, {
          method: "POST",
          headers: { cookie, "content-type": "application/x-www-form-urlencoded", ...headers },
          body: new URLSearchParams({ user_code: userCode, answer: "authorize", ...extra }),
        });
        expect([path, what, response.status]).toEqual([path, what, 403]);
      }
    }
    const { request: pending } = await hubcap.hub.oauth.findPendingDevice(userCode);
    expect(pending.state).toBe("pending");
  });
});
