import { Octokit } from "@octokit/core";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { launchBrowser, newPage, signIn } from "../helpers/browser.js";
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

describe("GET /", () => {
  it("sends a browser to the overview page (signing in first), not to the API root's JSON", async () => {
    const response = await fetch(`${hubcap.url}/`, {
      redirect: "manual",
      headers: { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" },
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/hubcap");

    const { context, page, problems } = await newPage(browser, { javaScriptEnabled: false });
    await page.goto(hubcap.url);
    expect(new URL(page.url()).pathname).toBe("/login");
    await signIn(page, hubcap.url, "octocat", PASSWORDS.octocat);
    await page.goto(hubcap.url);
    expect(new URL(page.url()).pathname).toBe("/hubcap");
    expect(await page.textContent("main")).toContain("octo-org/hello-world");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("still answers API clients with the root's JSON, on both roots", async () => {
    for (const baseUrl of [hubcap.url, `${hubcap.url}/api/v3`]) {
      const { status, data } = await new Octokit({ baseUrl }).request("GET /");
      expect(status).toBe(200);
      expect(data).toHaveProperty("current_user_url");
    }
    const plain = await fetch(`${hubcap.url}/`, { headers: { accept: "*/*" } });
    expect(plain.headers.get("content-type")).toMatch(/^application\/json/);
  });
});
