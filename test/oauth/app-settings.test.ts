import { afterAll, beforeAll, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import { CALLBACK, LOOPBACK, OAUTH_WORLD } from "./world.js";

let hubcap: TestHubcap;
beforeAll(async () => {
  hubcap = await hubcapForTest({ world: OAUTH_WORLD });
});
afterAll(() => hubcap.close());

async function admin(method: string, path: string, body?: unknown) {
  const response = await fetch(`${hubcap.url}/_hubcap${path}`, {
    method,
    headers: { authorization: `token ${hubcap.adminToken}`, "content-type": "application/json" },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const deviceCode = (client_id: string) =>
  fetch(`${hubcap.url}/login/device/code`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ client_id }),
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));

it("keeps an app's OAuth settings through applying the same world again, and exports them", async () => {
  const before = await hubcap.hub.store.dumpTables();
  await hubcap.apply(OAUTH_WORLD);
  const after = await hubcap.hub.store.dumpTables();
  expect(after.apps).toEqual(before.apps);
  expect(after.app_client_secrets).toEqual(before.app_client_secrets);
  expect((after.app_client_secrets as unknown[]).length).toBe(4);

  const { body: world } = await admin("GET", "/world");
  const octoapp = world.apps.find((a: { slug: string }) => a.slug === "octoapp");
  expect(octoapp).toMatchObject({
    callback_urls: [CALLBACK, LOOPBACK],
    expire_user_tokens: true,
    enable_device_flow: true,
  });
  expect(world.apps.find((a: { slug: string }) => a.slug === "forever-app")).toMatchObject({
    expire_user_tokens: false,
    enable_device_flow: false,
  });
});

it("changes the settings through the administration API; bad callback URLs are a 422", async () => {
  const app = await admin("POST", "/apps", {
    name: "Sign In Demo",
    callback_urls: ["https://demo.example/cb"],
    enable_device_flow: true,
  });
  expect(app.status).toBe(201);
  const clientId = app.body.client_id as string;
  expect((await deviceCode(clientId)).body).toHaveProperty("user_code");
  expect((await admin("PATCH", "/apps/sign-in-demo", { enable_device_flow: false })).status).toBe(200);
  expect(await deviceCode(clientId)).toMatchObject({ status: 400, body: { error: "device_flow_disabled" } });

  for (const bad of ["javascript:alert(1)", "not a url", "https://demo.example/cb#fragment"]) {
    const answer = await admin("PATCH", "/apps/sign-in-demo", { callback_urls: [bad] });
    expect(answer, bad).toMatchObject({ status: 422 });
  }
  const eleven = Array.from({ length: 11 }, (_, i) => `https://demo.example/${i}`);
  expect((await admin("PATCH", "/apps/sign-in-demo", { callback_urls: eleven })).status).toBe(422);
});

it("refuses a world with a malformed callback URL, naming where", async () => {
  await expect(
    hubcap.apply({ apps: [{ slug: "octoapp", owner: "octo-org", callback_urls: ["ftp://x"] }] }),
  ).rejects.toThrow(/apps\[0\]\.callback_urls\[0\]/);
});
