import { App } from "@octokit/app";
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { receiveWebhooks, type TestHubcap, type WebhookReceiver } from "../../src/testing/index.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import { webhookProblems } from "../helpers/webhook-schemas.js";

/**
 * hubcap's own administration API (/_hubcap): what GitHub does only in its web interface, scripted.
 * After each change, the app's own @octokit/app client sees it.
 */
const SECRET = "admin-api-secret";
let hubcap: TestHubcap;
let hooks: WebhookReceiver;
let admin: Octokit;

beforeAll(async () => {
  hooks = await receiveWebhooks({ secret: SECRET });
  hubcap = await hubcapForTest();
  admin = new Octokit({ auth: hubcap.adminToken, baseUrl: `${hubcap.url}/api/v3` });
});
afterAll(async () => {
  // Every webhook these changes sent is valid against GitHub's webhook descriptions.
  const problems = hooks.received.flatMap((w) => webhookProblems(w.event, w.action ?? undefined, w.payload));
  expect(problems).toEqual([]);
  await hubcap?.close();
  await hooks?.close();
});

const appClient = (id: number, privateKey: string) =>
  new App({ appId: id, privateKey, Octokit: Octokit.defaults({ baseUrl: `${hubcap.url}/api/v3` }) });
const names = (repos: Array<{ full_name: string }>) => repos.map((r) => r.full_name).sort();

describe("an app's life, by the administration API", () => {
  let created: { id: number; slug: string; pem: string; client_id: string; client_secret: string };
  let installationId: number;

  it("registers an app: its key authenticates at once, its webhook is pinged", async () => {
    const { status, data } = await admin.request("POST /_hubcap/apps", {
      name: "Admin Made",
      owner: "octo-org",
      default_permissions: { issues: "write", contents: "read" },
      default_events: ["issues"],
      hook_attributes: { url: hooks.url },
      webhook_secret: SECRET,
    });
    expect(status).toBe(201);
    created = data;
    expect(data).toMatchObject({ slug: "admin-made", owner: { login: "octo-org" }, webhook_secret: SECRET });
    expect(data.pem).toContain("BEGIN RSA PRIVATE KEY");
    expect(data.client_secret).toMatch(/^[0-9a-f]{40}$/);
    expect(data.permissions).toEqual({ issues: "write", contents: "read", metadata: "read" });
    const { data: self } = await appClient(data.id, data.pem).octokit.request("GET /app");
    expect(self).toMatchObject({ id: data.id, slug: "admin-made" });
    await hooks.waitFor("ping", undefined, {
      match: (w) => (w.payload.hook as { app_id: number }).app_id === data.id,
    });
    // Names are unique, as on GitHub.
    await expect(admin.request("POST /_hubcap/apps", { name: "Admin Made" })).rejects.toMatchObject({
      status: 422,
    });
  });

  it("installs it on selected repositories, then changes them", async () => {
    const { status, data } = await admin.request("POST /_hubcap/apps/{app_slug}/installations", {
      app_slug: created.slug,
      account: "octo-org",
      repositories: ["hello-world"],
    });
    expect(status).toBe(201);
    installationId = data.id;
    const heard = await hooks.waitFor("installation", "created");
    expect(heard.payload.repositories).toMatchObject([{ full_name: "octo-org/hello-world" }]);
    const app = appClient(created.id, created.pem);
    const octokit = await app.getInstallationOctokit(installationId);
    const first = await octokit.request("GET /installation/repositories");
    expect(names(first.data.repositories)).toEqual(["octo-org/hello-world"]);

    await admin.request("PATCH /_hubcap/installations/{installation_id}", {
      installation_id: installationId,
      repositories: ["docs", "secret-plans"],
    });
    const second = await octokit.request("GET /installation/repositories");
    expect(names(second.data.repositories)).toEqual(["octo-org/docs", "octo-org/secret-plans"]);
    const added = await hooks.waitFor("installation_repositories", "added");
    expect(names(added.payload.repositories_added as Array<{ full_name: string }>)).toEqual([
      "octo-org/docs",
      "octo-org/secret-plans",
    ]);
    const removed = await hooks.waitFor("installation_repositories", "removed");
    expect(names(removed.payload.repositories_removed as Array<{ full_name: string }>)).toEqual([
      "octo-org/hello-world",
    ]);

    await admin.request("PATCH /_hubcap/installations/{installation_id}", {
      installation_id: installationId,
      repository_selection: "all",
    });
    const all = await octokit.request("GET /installation/repositories");
    expect(all.data.total_count).toBe(3);
    // Another account's repository cannot be chosen.
    await expect(
      admin.request("PATCH /_hubcap/installations/{installation_id}", {
        installation_id: installationId,
        repositories: ["octocat/spoon-knife"],
      }),
    ).rejects.toMatchObject({ status: 422 });
  });

  it("requests new permissions, which the installation keeps until it accepts them", async () => {
    await admin.request("PATCH /_hubcap/apps/{app_slug}", {
      app_slug: created.slug,
      default_permissions: { issues: "write", contents: "write", pull_requests: "read" },
      default_events: ["issues", "pull_request"],
    });
    const app = appClient(created.id, created.pem);
    const outdated = await app.octokit.request("GET /app/installations", { outdated: "true" });
    expect(outdated.data.map((i) => i.id)).toEqual([installationId]);
    const before = await app.octokit.request("GET /app/installations/{installation_id}", {
      installation_id: installationId,
    });
    expect(before.data.permissions).toEqual({ issues: "write", contents: "read", metadata: "read" });
    // A token cannot have what the installation has not accepted.
    await expect(
      app.octokit.request("POST /app/installations/{installation_id}/access_tokens", {
        installation_id: installationId,
        permissions: { contents: "write" },
      }),
    ).rejects.toMatchObject({ status: 422 });

    await admin.request("POST /_hubcap/installations/{installation_id}/accept_permissions", {
      installation_id: installationId,
    });
    const heard = await hooks.waitFor("installation", "new_permissions_accepted");
    expect(heard.payload.installation).toMatchObject({
      permissions: { contents: "write", pull_requests: "read" },
      events: ["issues", "pull_request"],
    });
    expect((await app.octokit.request("GET /app/installations", { outdated: "true" })).data).toEqual([]);
  });

  it("rotates keys: a new key works, a deleted one is refused", async () => {
    const { data: key } = await admin.request("POST /_hubcap/apps/{app_slug}/keys", {
      app_slug: created.slug,
    });
    expect(key.pem).toContain("BEGIN RSA PRIVATE KEY");
    const { data: keys } = await admin.request("GET /_hubcap/apps/{app_slug}/keys", {
      app_slug: created.slug,
    });
    expect(keys).toHaveLength(2);
    expect(keys.every((k: { pem?: string }) => k.pem === undefined)).toBe(true);
    const old = keys.find((k: { id: number }) => k.id !== key.id);
    await admin.request("DELETE /_hubcap/apps/{app_slug}/keys/{key_id}", {
      app_slug: created.slug,
      key_id: old.id,
    });
    await expect(appClient(created.id, created.pem).octokit.request("GET /app")).rejects.toMatchObject({
      status: 401,
    });
    await expect(appClient(created.id, key.pem).octokit.request("GET /app")).resolves.toMatchObject({
      status: 200,
    });
    created.pem = key.pem;
  });

  it("creates and deletes client secrets, showing each only once", async () => {
    const { data: secret } = await admin.request("POST /_hubcap/apps/{app_slug}/client_secrets", {
      app_slug: created.slug,
    });
    expect(secret.client_secret).toMatch(/^[0-9a-f]{40}$/);
    const { data: listed } = await admin.request("GET /_hubcap/apps/{app_slug}/client_secrets", {
      app_slug: created.slug,
    });
    expect(listed).toHaveLength(2);
    expect(listed.map((s: { last_eight: string }) => s.last_eight)).toContain(secret.client_secret.slice(-8));
    expect(JSON.stringify(listed)).not.toContain(secret.client_secret);
    await admin.request("DELETE /_hubcap/apps/{app_slug}/client_secrets/{secret_id}", {
      app_slug: created.slug,
      secret_id: secret.id,
    });
    const { data: after } = await admin.request("GET /_hubcap/apps/{app_slug}/client_secrets", {
      app_slug: created.slug,
    });
    expect(after).toHaveLength(1);
  });

  it("suspends as a person (suspended_by), mints for the installation, and uninstalls", async () => {
    const app = appClient(created.id, created.pem);
    await admin.request("PUT /_hubcap/installations/{installation_id}/suspended", {
      installation_id: installationId,
    });
    const suspended = await app.octokit.request("GET /app/installations/{installation_id}", {
      installation_id: installationId,
    });
    expect(suspended.data.suspended_by).toMatchObject({ login: "hubcap-admin" });
    await expect(
      admin.request("POST /_hubcap/installations/{installation_id}/access_tokens", {
        installation_id: installationId,
      }),
    ).rejects.toMatchObject({ status: 403 });
    await admin.request("DELETE /_hubcap/installations/{installation_id}/suspended", {
      installation_id: installationId,
    });
    const { data: minted } = await admin.request(
      "POST /_hubcap/installations/{installation_id}/access_tokens",
      {
        installation_id: installationId,
      },
    );
    const byToken = new Octokit({ auth: minted.token, baseUrl: `${hubcap.url}/api/v3` });
    expect((await byToken.request("GET /installation/repositories")).data.total_count).toBe(3);

    await admin.request("DELETE /_hubcap/installations/{installation_id}", {
      installation_id: installationId,
    });
    const heard = await hooks.waitFor("installation", "deleted");
    expect(heard.payload.sender).toMatchObject({ login: "hubcap-admin" });
    await expect(
      app.octokit.request("GET /app/installations/{installation_id}", { installation_id: installationId }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(byToken.request("GET /installation/repositories")).rejects.toMatchObject({ status: 401 });
  });

  it("deletes the app: its JWTs are refused", async () => {
    await admin.request("DELETE /_hubcap/apps/{app_slug}", { app_slug: created.slug });
    await expect(appClient(created.id, created.pem).octokit.request("GET /app")).rejects.toMatchObject({
      status: 401,
    });
    await expect(
      admin.request("GET /_hubcap/apps/{app_slug}", { app_slug: created.slug }),
    ).rejects.toMatchObject({
      status: 404,
    });
  });
});

describe("the clock and the world", () => {
  it("advances the clock: an installation token expires after its hour", async () => {
    const { data: minted } = await admin.request(
      "POST /_hubcap/installations/{installation_id}/access_tokens",
      {
        installation_id: 1,
      },
    );
    const byToken = new Octokit({ auth: minted.token, baseUrl: `${hubcap.url}/api/v3` });
    await byToken.request("GET /installation/repositories");
    const { data: clock } = await admin.request("PATCH /_hubcap/clock", { advance_seconds: 3601 });
    expect(clock.offset_seconds).toBe(3601);
    expect(Date.parse(clock.now)).toBeGreaterThan(Date.now() + 3590_000);
    await expect(byToken.request("GET /installation/repositories")).rejects.toMatchObject({ status: 401 });
    await admin.request("PATCH /_hubcap/clock", { offset_seconds: 0 });
    await expect(admin.request("PATCH /_hubcap/clock", { now: "yesterday-ish" })).rejects.toMatchObject({
      status: 422,
    });
    await expect(admin.request("PATCH /_hubcap/clock", {})).rejects.toMatchObject({ status: 422 });
  });

  it("exports the world, resets it, and applies the export to get the same world back", async () => {
    const { data: exported } = await admin.request("GET /_hubcap/world");
    expect(exported.apps.map((a: { slug: string }) => a.slug)).toEqual(["octoapp", "private-app"]);
    await admin.request("POST /_hubcap/world/reset");
    await expect(
      admin.request("GET /repos/{owner}/{repo}", { owner: "octo-org", repo: "hello-world" }),
    ).rejects.toMatchObject({ status: 404 });
    // Site administrators survive a reset, so the world can be rebuilt.
    const { data: empty } = await admin.request("GET /_hubcap/world");
    expect(empty.users.map((u: { login: string }) => u.login)).toEqual(["hubcap-admin", "octocat"]);
    expect([empty.orgs, empty.repos, empty.apps, empty.installations]).toEqual([[], [], [], []]);
    await admin.request("PUT /_hubcap/world", exported);
    const { data: again } = await admin.request("GET /_hubcap/world");
    expect(again).toEqual(exported);
    // The app's key came back with it: its JWT works again.
    const app = appClient(hubcap.apps.octoapp!.id, hubcap.apps.octoapp!.privateKey);
    const installations = await app.octokit.request("GET /app/installations");
    expect(installations.data.map((i) => i.id)).toEqual([1, 2]);
    await expect(admin.request("PUT /_hubcap/world", { apps: [{ slug: "x" }] })).rejects.toMatchObject({
      status: 422,
    });
    // A client secret is one app's: another app declaring it is refused whole, not a database error.
    // Rate-limit counts move with every request (the refused one too) and are flushed on a timer: the
    // world is what must not change.
    const world = async () => {
      const { rate_limits: _counts, ...tables } = await hubcap.hub.store.dumpTables();
      return tables;
    };
    const before = await world();
    await expect(
      admin.request("PUT /_hubcap/world", {
        apps: [
          { slug: "first-secret", owner: "octocat", client_secret: "shared-secret-0001" },
          { slug: "second-secret", owner: "octocat", client_secret: "shared-secret-0001" },
        ],
      }),
    ).rejects.toMatchObject({
      status: 422,
      response: { data: { message: expect.stringContaining("that client secret is another app's") } },
    });
    expect(await world()).toEqual(before);
  });
});
