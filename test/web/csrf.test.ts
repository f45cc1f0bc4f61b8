import { createServer, type Server } from "node:http";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { launchBrowser, newPage, screenshot, signIn } from "../helpers/browser.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import { signInByForm, stillSignedIn } from "../helpers/form-session.js";
import { PASSWORDS, WEB_WORLD } from "./world.js";

let hubcap: TestHubcap;
beforeAll(async () => {
  hubcap = await hubcapForTest({ world: WEB_WORLD });
});
afterAll(() => hubcap?.close());

const FORM = "application/x-www-form-urlencoded";

describe("CSRF: every state-changing form post", () => {
  it("is refused (403, nothing changes) without the session's token, with a wrong one, or from another site", async () => {
    const { cookie, csrfToken } = await signInByForm(hubcap.url, "octocat", PASSWORDS.octocat);
    const sameSite = { origin: hubcap.url, "sec-fetch-site": "same-origin" };
    const attempts: Array<[string, Record<string, string>, Record<string, string>]> = [
      ["no token", sameSite, {}],
      ["an empty token", sameSite, { authenticity_token: "" }],
      [
        "a wrong token",
        sameSite,
        { authenticity_token: `${csrfToken.slice(0, -1)}${csrfToken.endsWith("A") ? "B" : "A"}` },
      ],
      ["another site's Origin", { origin: "http://evil.example" }, { authenticity_token: csrfToken }],
      ["an opaque Origin", { origin: "null" }, { authenticity_token: csrfToken }],
      ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }, { authenticity_token: csrfToken }],
      ["Sec-Fetch-Site: same-site", { "sec-fetch-site": "same-site" }, { authenticity_token: csrfToken }],
    ];
    for (const [what, headers, fields] of attempts) {
      const response = await fetch(`${hubcap.url}/logout`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie, "content-type": FORM, ...headers },
        body: new URLSearchParams(fields),
      });
      expect([what, response.status]).toEqual([what, 403]);
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect([what, await stillSignedIn(hubcap.url, cookie)]).toEqual([what, true]);
    }

    // The same post, from hubcap's own page with its token, does sign out: the refusals above were the checks.
    const response = await fetch(`${hubcap.url}/logout`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, "content-type": FORM, ...sameSite },
      body: new URLSearchParams({ authenticity_token: csrfToken }),
    });
    expect(response.status).toBe(303);
    expect(await stillSignedIn(hubcap.url, cookie)).toBe(false);
  });

  it("takes forms only: a JSON body is refused with 415", async () => {
    const { cookie, csrfToken } = await signInByForm(hubcap.url, "octocat", PASSWORDS.octocat);
    const response = await fetch(`${hubcap.url}/logout`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json", origin: hubcap.url },
      body: JSON.stringify({ authenticity_token: csrfToken }),
    });
    expect(response.status).toBe(415);
    expect(await stillSignedIn(hubcap.url, cookie)).toBe(true);
  });

  it("protects signing in too: without the form's own token, or from another site, no session is made", async () => {
    const form = await fetch(`${hubcap.url}/login`);
    const loginCookie = form.headers.getSetCookie()[0]!.split(";")[0]!;
    const token = /name="authenticity_token" value="([^"]+)"/.exec(await form.text())![1]!;
    const fields = { login: "octocat", password: PASSWORDS.octocat };
    for (const [what, headers, extra] of [
      ["no login cookie", { origin: hubcap.url }, { authenticity_token: token }],
      ["no token", { origin: hubcap.url, cookie: loginCookie }, {}],
      ["another site", { origin: "http://evil.example", cookie: loginCookie }, { authenticity_token: token }],
    ] as const) {
      const response = await fetch(`${hubcap.url}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": FORM, ...headers },
        body: new URLSearchParams({ ...fields, ...extra }),
      });
      expect([what, response.status]).toEqual([what, 403]);
      expect(response.headers.getSetCookie().some((c) => c.startsWith("hubcap_session="))).toBe(false);
    }
  });

  it("is refused when a real browser posts a form from another site, even one that knows the token", async () => {
    const browser: Browser = await launchBrowser();
    let evil: Server | undefined;
    try {
      const { context, page } = await newPage(browser);
      await signIn(page, hubcap.url, "octocat", PASSWORDS.octocat);
      const token = (await page.getAttribute("input[name=authenticity_token]", "value"))!;
      // Another origin (another port; SameSite=Lax still sends the cookie, as it is the same site).
      evil = createServer((_req, res) =>
        res
          .writeHead(200, { "content-type": "text/html" })
          .end(
            `<form method="post" action="${hubcap.url}/logout"><input type="hidden" name="authenticity_token" value="${token}"><button>Win a prize</button></form>`,
          ),
      );
      await new Promise<void>((resolve) => evil!.listen(0, "127.0.0.1", resolve));
      const port = (evil.address() as { port: number }).port;
      await page.goto(`http://127.0.0.1:${port}/`);
      const [response] = await Promise.all([
        page.waitForResponse(`${hubcap.url}/logout`),
        page.click("text=Win a prize"),
      ]);
      expect(response.status()).toBe(403);
      await screenshot(page, "csrf-refused");
      await page.goto(`${hubcap.url}/hubcap`);
      expect(new URL(page.url()).pathname).toBe("/hubcap");
      expect(await page.textContent("header")).toContain("Signed in as octocat");
      await context.close();
    } finally {
      await new Promise((resolve) => (evil ? evil.close(resolve) : resolve(undefined)));
      await browser.close();
    }
  });
});
