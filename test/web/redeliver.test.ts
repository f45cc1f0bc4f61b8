import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { launchBrowser, newPage, screenshot, signIn } from "../helpers/browser.js";
import { signInByForm } from "../helpers/form-session.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import { startReceiver } from "../helpers/receiver.js";
import { PASSWORDS, WEB_WORLD } from "./world.js";

let hubcap: TestHubcap;
let browser: Browser;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  hubcap = await hubcapForTest({ world: WEB_WORLD });
  receiver = await startReceiver();
  await hubcap.apply({
    apps: [
      { slug: "hooked", name: "Hooked", owner: "octo-org", public: true, webhook: { url: receiver.url } },
    ],
  });
  await receiver.waitFor(1);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await receiver?.close();
  await hubcap?.close();
});

/** The app's deliveries once `count` are recorded as attempted. */
async function recorded(count: number) {
  const app = (await hubcap.hub.appRegistry.findBySlug("hooked"))!;
  await expect
    .poll(async () => (await hubcap.hub.deliveries.list(app.id, { limit: 10 })).length, { timeout: 10_000 })
    .toBeGreaterThanOrEqual(count);
  return hubcap.hub.deliveries.list(app.id, { limit: 10 });
}

describe("a delivery's Redeliver button", () => {
  it("sends the same payload again with the same GUID, from a browser without JavaScript", async () => {
    const [ping] = await recorded(1);
    const { context, page, problems } = await newPage(browser, { javaScriptEnabled: false });
    await signIn(page, hubcap.url, "octocat", PASSWORDS.octocat);
    await page.goto(`${hubcap.url}/hubcap/apps/hooked/deliveries/${ping!.id}`);
    await Promise.all([
      page.waitForURL(/\/hubcap\/apps\/hooked\?notice=redelivered$/),
      page.click("text=Redeliver"),
    ]);
    expect(await page.textContent("[role=status]")).toContain("queued for redelivery");
    const [, again] = await receiver.waitFor(2);
    expect(again!.headers["x-github-delivery"]).toBe(ping!.guid);
    expect(JSON.parse(again!.body)).toEqual(JSON.parse(receiver.received[0]!.body));
    const [redelivery] = await recorded(2);
    expect(redelivery).toMatchObject({ guid: ping!.guid, redelivery: true });
    await page.reload();
    expect(await page.locator("table tbody tr").first().textContent()).toContain("(redelivery)");
    await screenshot(page, "redelivered");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("is refused without the session's form token, and to someone who does not manage the app", async () => {
    const [latest] = await recorded(1);
    const before = receiver.received.length;
    const path = `${hubcap.url}/hubcap/apps/hooked/deliveries/${latest!.id}/attempts`;
    const post = (cookie: string, token?: string) =>
      fetch(path, {
        method: "POST",
        redirect: "manual",
        headers: { cookie, origin: hubcap.url, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(token === undefined ? {} : { authenticity_token: token }),
      });
    const octocat = await signInByForm(hubcap.url, "octocat", PASSWORDS.octocat);
    expect((await post(octocat.cookie)).status).toBe(403);
    const hubot = await signInByForm(hubcap.url, "hubot", PASSWORDS.hubot);
    expect((await post(hubot.cookie, hubot.csrfToken)).status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received.length).toBe(before);
    expect((await recorded(1)).length).toBe(before);
  });
});
