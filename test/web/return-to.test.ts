import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { signInByForm } from "../helpers/form-session.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import { PASSWORDS, WEB_WORLD } from "./world.js";

let hubcap: TestHubcap;
beforeAll(async () => {
  hubcap = await hubcapForTest({ world: WEB_WORLD });
});
afterAll(() => hubcap?.close());

/**
 * Paths that start with one slash but that the URL parser normalises to `//evil.example…`, which a
 * browser reads as another host: dot segments, encoded dots, backslashes (a slash in http URLs).
 */
const ESCAPES = [
  "/.//evil.example",
  "/..//evil.example/x",
  "/%2e//evil.example",
  "/%2E%2E//evil.example/x",
  "/x/../\\evil.example",
  "/./\\evil.example",
  "/x/..//evil.example?y=1",
];

/** Where a browser goes when it follows `location` from a page of hubcap. */
const followed = (hubcap: TestHubcap, location: string | null) => new URL(location ?? "", hubcap.url);

async function loginForm() {
  const form = await fetch(`${hubcap.url}/login`);
  const cookie = form.headers.getSetCookie().map((c) => c.split(";")[0]!);
  const token = /name="authenticity_token" value="([^"]+)"/.exec(await form.text())![1]!;
  return { cookie: cookie.join("; "), token };
}

describe("return_to after signing in", () => {
  it.each(ESCAPES)("never leaves hubcap for %s after the password", async (returnTo) => {
    const { cookie, token } = await loginForm();
    const posted = await fetch(`${hubcap.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: {
        cookie,
        "content-type": "application/x-www-form-urlencoded",
        origin: hubcap.url,
        "sec-fetch-site": "same-origin",
      },
      body: new URLSearchParams({
        login: "hubot",
        password: PASSWORDS.hubot,
        authenticity_token: token,
        return_to: returnTo,
      }),
    });
    expect(posted.status).toBe(303);
    const location = posted.headers.get("location");
    expect(location).not.toMatch(/^[/\\]{2}/);
    expect(followed(hubcap, location).origin).toBe(new URL(hubcap.url).origin);
  });

  it.each(ESCAPES)("never leaves hubcap for %s when already signed in", async (returnTo) => {
    const { cookie } = await signInByForm(hubcap.url, "hubot", PASSWORDS.hubot);
    const response = await fetch(`${hubcap.url}/login?return_to=${encodeURIComponent(returnTo)}`, {
      redirect: "manual",
      headers: { cookie },
    });
    expect(response.status).toBe(303);
    expect(followed(hubcap, response.headers.get("location")).origin).toBe(new URL(hubcap.url).origin);
  });

  it.each(ESCAPES)("writes no form field that would leave hubcap for %s", async (returnTo) => {
    const page = await (await fetch(`${hubcap.url}/login?return_to=${encodeURIComponent(returnTo)}`)).text();
    const kept = /name="return_to" value="([^"]*)"/.exec(page)?.[1];
    if (kept !== undefined) expect(followed(hubcap, kept).origin).toBe(new URL(hubcap.url).origin);
  });

  it("still comes back to a local path, normalised", async () => {
    const { cookie } = await signInByForm(hubcap.url, "hubot", PASSWORDS.hubot);
    const response = await fetch(`${hubcap.url}/login?return_to=${encodeURIComponent("/x/../hubcap?a=1")}`, {
      redirect: "manual",
      headers: { cookie },
    });
    expect(response.headers.get("location")).toBe("/hubcap?a=1");
  });
});
