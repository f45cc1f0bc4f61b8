import { createHmac } from "node:crypto";
import { createAppAuth } from "@octokit/auth-app";
import { Octokit } from "@octokit/rest";
import { Webhooks, createNodeMiddleware } from "@octokit/webhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import { startReceiver } from "../helpers/receiver.js";
import { webhookProblems } from "../helpers/webhook-schemas.js";

const SECRET = "it's a secret to everybody";
let hubcap: TestHubcap;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const heard: Array<{ name: string; action?: string; id: string; payload: Record<string, unknown> }> = [];

beforeAll(async () => {
  // A real @octokit/webhooks receiver: it emits only deliveries whose signature verifies (400 otherwise).
  const webhooks = new Webhooks({ secret: SECRET });
  webhooks.onAny(({ id, name, payload }) => {
    heard.push({
      name,
      id,
      action: (payload as { action?: string }).action,
      payload: payload as Record<string, unknown>,
    });
  });
  // Quiet: one test sends a wrong signature on purpose, which the middleware reports.
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  const middleware = createNodeMiddleware(webhooks, { path: "/hook", log: quiet });
  receiver = await startReceiver((req, res) => void middleware(req, res));
  hubcap = await hubcapForTest({
    world: {
      users: [{ login: "octocat" }],
      orgs: [{ login: "octo-org", admins: ["octocat"] }],
      repos: [{ full_name: "octo-org/hello-world" }, { full_name: "octo-org/docs" }],
      apps: [
        {
          slug: "hooked",
          id: 5,
          owner: "octo-org",
          webhook: { url: receiver.url, secret: SECRET },
          events: ["issues"],
        },
      ],
    },
  });
});
afterAll(async () => {
  await hubcap?.close();
  await receiver?.close();
});

const app = () =>
  new Octokit({
    authStrategy: createAppAuth,
    auth: { appId: 5, privateKey: hubcap.apps.hooked!.privateKey },
    baseUrl: `${hubcap.url}/api/v3`,
  });

async function heardEvents(count: number) {
  await receiver.waitFor(count);
  await expect.poll(() => heard.length).toBeGreaterThanOrEqual(count);
  return heard.slice(0, count);
}

describe("app webhooks", () => {
  it("pings a newly configured webhook, then reports each installation change with a verified signature", async () => {
    await hubcap.apply({
      installations: [{ app: "hooked", account: "octo-org", id: 50, repositories: ["hello-world"] }],
    });
    await app().apps.suspendInstallation({ installation_id: 50 });
    await app().apps.unsuspendInstallation({ installation_id: 50 });
    await app().apps.deleteInstallation({ installation_id: 50 });

    const events = await heardEvents(5);
    expect(events.map((e) => `${e.name}${e.action ? `.${e.action}` : ""}`)).toEqual([
      "ping",
      "installation.created",
      "installation.suspend",
      "installation.unsuspend",
      "installation.deleted",
    ]);
    for (const e of events)
      expect(webhookProblems(e.name, e.action, e.payload), `${e.name}.${e.action}`).toEqual([]);
    expect(events[0]!.payload).toMatchObject({
      hook_id: expect.any(Number),
      hook: { type: "App", app_id: 5, config: { url: receiver.url } },
    });
    expect(events[1]!.payload).toMatchObject({
      installation: {
        id: 50,
        account: { login: "octo-org" },
        access_tokens_url: expect.stringContaining(hubcap.url),
      },
      repositories: [{ full_name: "octo-org/hello-world" }],
    });
    expect((events[2]!.payload.installation as { suspended_at: string }).suspended_at).toMatch(/Z$/);

    const headers = receiver.received[1]!.headers;
    expect(headers).toMatchObject({
      "x-github-event": "installation",
      "x-github-hook-installation-target-type": "integration",
      "x-github-hook-installation-target-id": "5",
      "content-type": "application/json",
    });
    expect(headers["user-agent"]).toMatch(/^GitHub-Hookshot\//);
    expect(headers["x-github-delivery"]).toMatch(/^[0-9a-f-]{36}$/);
    const body = receiver.received[1]!.body;
    expect(headers["x-hub-signature-256"]).toBe(
      `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`,
    );
    expect(headers["x-hub-signature"]).toBe(`sha1=${createHmac("sha1", SECRET).update(body).digest("hex")}`);
  });

  it("lists, shows and redelivers deliveries", async () => {
    const octokit = app();
    await expect.poll(async () => (await octokit.apps.listWebhookDeliveries()).data.length).toBe(5);
    const first = await octokit.apps.listWebhookDeliveries({ per_page: 2 });
    expect(first.data.map((d) => d.event)).toEqual(["installation", "installation"]);
    expect(first.headers.link).toMatch(
      /<http:\/\/127\.0\.0\.1:\d+\/api\/v3\/app\/hook\/deliveries\?per_page=2&cursor=v1_\d+>; rel="next"/,
    );
    // List items name where they were sent; a middle page links back (ruby octokit's recording,
    // spec/cassettes/Octokit_Client_Apps/_list_app_hook_deliveries/allows_auto_pagination.json).
    expect(typeof (first.data[0] as { url?: unknown }).url).toBe("string");
    const linked = (link: string | undefined, rel: string) =>
      new RegExp(`<([^>]+)>; rel="${rel}"`).exec(link ?? "")?.[1];
    const second = await octokit.request(`GET ${linked(first.headers.link, "next")!}`);
    expect(linked(second.headers.link, "next")).toMatch(/cursor=v1_\d+/);
    const back = await octokit.request(`GET ${linked(second.headers.link, "prev")!}`);
    expect((back.data as Array<{ id: number }>).map((d) => d.id)).toEqual(first.data.map((d) => d.id));
    const last = await octokit.request(`GET ${linked(second.headers.link, "next")!}`);
    expect(linked(last.headers.link, "next")).toBeUndefined();
    const all = await octokit.paginate(octokit.apps.listWebhookDeliveries, { per_page: 2 });
    expect(all.map((d) => d.action ?? d.event)).toEqual([
      "deleted",
      "unsuspend",
      "suspend",
      "created",
      "ping",
    ]);
    expect(all.every((d) => d.status === "OK" && d.status_code === 200 && !d.redelivery)).toBe(true);

    const { data: detail } = await octokit.apps.getWebhookDelivery({ delivery_id: all[0]!.id });
    expect(detail.request.headers).toMatchObject({ "x-github-event": "installation" });
    expect(detail.request.payload).toMatchObject({ action: "deleted" });
    expect(detail.response.headers).toBeTruthy();
    expect(detail.url).toBe(receiver.url);

    const before = receiver.received.length;
    const attempt = await octokit.apps.redeliverWebhookDelivery({ delivery_id: all[0]!.id });
    expect(attempt.status).toBe(202);
    const [again] = (await receiver.waitFor(before + 1)).slice(before);
    expect(again!.headers["x-github-delivery"]).toBe(
      receiver.received.find((r) => r.body.includes('"deleted"'))!.headers["x-github-delivery"],
    );
    await expect
      .poll(async () => (await octokit.apps.listWebhookDeliveries()).data[0]?.redelivery)
      .toBe(true);
    await expect(octokit.apps.getWebhookDelivery({ delivery_id: 999999 })).rejects.toMatchObject({
      status: 404,
    });
  });

  it("records a failed delivery when the signature does not verify (a wrong secret), and filters by status", async () => {
    const octokit = app();
    await octokit.apps.updateWebhookConfigForApp({ secret: "not the receiver's secret" });
    await hubcap.apply({ installations: [{ app: "hooked", account: "octocat", id: 51 }] });
    await expect
      .poll(async () => (await octokit.apps.listWebhookDeliveries({ status: "failure" })).data.length)
      .toBe(1);
    const { data } = await octokit.apps.listWebhookDeliveries({ status: "failure" });
    expect(data[0]).toMatchObject({
      event: "installation",
      action: "created",
      status_code: 400,
      status: "Invalid HTTP Response: 400",
    });
    expect(
      heard.some((e) => e.payload.installation && (e.payload.installation as { id: number }).id === 51),
    ).toBe(false);
    expect(
      (await octokit.apps.listWebhookDeliveries({ status: "success" })).data.every(
        (d) => d.status_code === 200,
      ),
    ).toBe(true);
    await octokit.apps.updateWebhookConfigForApp({ secret: SECRET });
  });
});

describe("webhook configuration", () => {
  it("shows the secret only as asterisks and validates changes", async () => {
    const octokit = app();
    const { data } = await octokit.apps.getWebhookConfigForApp();
    expect(data).toEqual({ content_type: "json", insecure_ssl: "0", secret: "********", url: receiver.url });
    // octokit takes a `url` parameter for the request's own URL: a webhook URL goes in `data`.
    for (const data of [
      { url: "ftp://example.com/hook" },
      { url: "not a url" },
      { content_type: "xml" },
      { insecure_ssl: "2" },
    ]) {
      await expect(octokit.request("PATCH /app/hook/config", { data } as never)).rejects.toMatchObject({
        status: 422,
      });
    }
    await expect(
      octokit.request("PATCH /app/hook/config", { data: { url: 42 } } as never),
    ).rejects.toMatchObject({ status: 422 });
    expect((await octokit.apps.getWebhookConfigForApp()).data).toEqual(data);
    const updated = await octokit.apps.updateWebhookConfigForApp({ insecure_ssl: 1 as never });
    expect(updated.data.insecure_ssl).toBe("1");
    await octokit.apps.updateWebhookConfigForApp({ insecure_ssl: "0" });
  });

  it("sends form-encoded payloads when asked", async () => {
    const form = await startReceiver();
    try {
      const octokit = app();
      await octokit.request("PATCH /app/hook/config", {
        data: { url: form.url, content_type: "form" },
      } as never);
      await octokit.apps.suspendInstallation({ installation_id: 51 });
      const [received] = await form.waitFor(1);
      expect(received!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
      const payload = JSON.parse(new URLSearchParams(received!.body).get("payload")!);
      expect(payload).toMatchObject({ action: "suspend", installation: { id: 51 } });
      expect(received!.headers["x-hub-signature-256"]).toBe(
        `sha256=${createHmac("sha256", SECRET).update(received!.body).digest("hex")}`,
      );
    } finally {
      await app().request("PATCH /app/hook/config", {
        data: { url: receiver.url, content_type: "json" },
      } as never);
      await form.close();
    }
  });

  it("records a receiver that is down as a failure", async () => {
    const down = await startReceiver();
    await down.close();
    const octokit = app();
    await octokit.request("PATCH /app/hook/config", { data: { url: down.url } } as never);
    await octokit.apps.unsuspendInstallation({ installation_id: 51 });
    await expect
      .poll(async () => (await octokit.apps.listWebhookDeliveries({ per_page: 1 })).data[0]?.action)
      .toBe("unsuspend");
    const { data } = await octokit.apps.listWebhookDeliveries({ per_page: 1 });
    expect(data[0]).toMatchObject({ status_code: 0, status: "failed to connect to host" });
    await octokit.request("PATCH /app/hook/config", { data: { url: receiver.url } } as never);
  });
});

describe("installation repositories", () => {
  it("reports repositories added to and removed from an installation", async () => {
    await hubcap.apply({
      installations: [{ app: "hooked", account: "octo-org", id: 52, repositories: ["hello-world"] }],
    });
    const created = (e: (typeof heard)[number]) =>
      e.action === "created" && (e.payload.installation as { id: number }).id === 52;
    await expect.poll(() => heard.some(created), { timeout: 10_000 }).toBe(true);
    const start = heard.length;
    await hubcap.apply({
      installations: [{ app: "hooked", account: "octo-org", id: 52, repositories: ["docs"] }],
    });
    await expect.poll(() => heard.length - start, { timeout: 10_000 }).toBe(2);
    const events = heard.slice(start).filter((e) => e.name === "installation_repositories");
    expect(events.map((e) => e.action)).toEqual(["added", "removed"]);
    expect(events[0]!.payload).toMatchObject({
      repository_selection: "selected",
      repositories_added: [{ full_name: "octo-org/docs" }],
      repositories_removed: [],
    });
    expect(events[1]!.payload).toMatchObject({
      repositories_added: [],
      repositories_removed: [{ full_name: "octo-org/hello-world" }],
    });
    for (const e of events) expect(webhookProblems(e.name, e.action, e.payload)).toEqual([]);
  });
});
