import { createAppAuth } from "@octokit/auth-app";
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { receiveWebhooks, type TestHubcap, type WebhookReceiver } from "../../src/testing/index.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import { webhookProblems } from "../helpers/webhook-schemas.js";

/**
 * Content attachments (the older editions' `corsair` preview): a link to a declared domain is posted,
 * the app hears `content_reference.created` and attaches a title and body with an installation token,
 * through @octokit/rest's request with the preview media type.
 */
const SECRET = "corsair-secret";
let hubcap: TestHubcap;
let hooks: WebhookReceiver;
let admin: Octokit;

beforeAll(async () => {
  hooks = await receiveWebhooks({ secret: SECRET });
  hubcap = await hubcapForTest({
    world: {
      users: [{ login: "octocat" }, { login: "hubot" }],
      orgs: [{ login: "octo-org", members: ["hubot"], admins: ["octocat"] }],
      repos: [
        { full_name: "octo-org/hello-world" },
        { full_name: "octo-org/docs" },
        { full_name: "hubot/scripts" },
      ],
      apps: [
        {
          slug: "linker",
          id: 30,
          owner: "octo-org",
          permissions: { metadata: "read", content_references: "write" },
          events: ["content_reference"],
          content_references: ["errors.example.com", "Tracker.Example"],
          webhook: { url: hooks.url, secret: SECRET },
        },
        {
          slug: "reader",
          id: 31,
          owner: "octo-org",
          permissions: { content_references: "read" },
          events: ["content_reference"],
          content_references: ["errors.example.com"],
        },
      ],
      installations: [
        { app: "linker", account: "octo-org", id: 300, repositories: ["hello-world", "docs"] },
        { app: "linker", account: "hubot", id: 301 },
        { app: "reader", account: "octo-org", id: 310 },
      ],
    },
  });
  admin = new Octokit({ auth: hubcap.adminToken, baseUrl: `${hubcap.url}/api/v3` });
});
afterAll(async () => {
  const problems = hooks.received.flatMap((w) => webhookProblems(w.event, w.action ?? undefined, w.payload));
  expect(problems).toEqual([]);
  await hubcap?.close();
  await hooks?.close();
});

const installationOctokit = async (
  installationId: number,
  appId = 30,
  slug = "linker",
  repositories?: string[],
) => {
  const app = new Octokit({
    authStrategy: createAppAuth,
    auth: { appId, privateKey: hubcap.apps[slug]!.privateKey },
    baseUrl: `${hubcap.url}/api/v3`,
  });
  const { data } = await app.apps.createInstallationAccessToken({
    installation_id: installationId,
    repositories,
  });
  return new Octokit({ auth: data.token, baseUrl: `${hubcap.url}/api/v3` });
};

const post = (body: Record<string, unknown>) => admin.request("POST /_hubcap/content_references", body);

// Today's @octokit/endpoint applies `mediaType.previews` to GraphQL only, so the preview goes in `Accept`
// as the older editions' curl example sends it.
const CORSAIR = "application/vnd.github.corsair-preview+json";
const attach = (octokit: Octokit, id: number | string, body: Record<string, unknown>, accept = CORSAIR) =>
  octokit.request(`POST /content_references/${id}/attachments`, { ...body, headers: { accept } });

describe("content references", () => {
  let referenceId: number;

  it("sends content_reference.created for a link to a declared domain", async () => {
    const { status, data } = await post({
      app: "linker",
      repository: "octo-org/hello-world",
      reference: "https://errors.example.com/issues/42",
      sender: "hubot",
    });
    expect(status).toBe(201);
    referenceId = data.id;
    const heard = await hooks.waitFor("content_reference", "created");
    expect(heard.payload).toMatchObject({
      content_reference: { id: referenceId, reference: "https://errors.example.com/issues/42" },
      repository: { full_name: "octo-org/hello-world" },
      sender: { login: "hubot" },
      installation: { id: 300 },
    });
    // Subdomains of a declared domain count; declared domains are kept in lower case.
    await post({ installation: 300, repository: "octo-org/docs", reference: "http://eu.tracker.example/x" });
    const { data: app } = await admin.request("GET /_hubcap/apps/{app_slug}", { app_slug: "linker" });
    expect(app.content_references).toEqual(["errors.example.com", "tracker.example"]);
    // The administration API changes them; a link to a domain given up is refused.
    const { data: changed } = await admin.request("PATCH /_hubcap/apps/{app_slug}", {
      app_slug: "reader",
      content_references: ["docs.example.org"],
    });
    expect(changed.content_references).toEqual(["docs.example.org"]);
    await expect(
      post({ app: "reader", repository: "octo-org/docs", reference: "https://errors.example.com/1" }),
    ).rejects.toMatchObject({ status: 422 });
    await admin.request("PATCH /_hubcap/apps/{app_slug}", {
      app_slug: "reader",
      content_references: ["errors.example.com"],
    });
  });

  it("refuses links elsewhere, repositories out of reach and apps that don't take references", async () => {
    const refused = [
      {
        app: "linker",
        repository: "octo-org/hello-world",
        reference: "https://example.com/errors.example.com",
      },
      { app: "linker", repository: "octo-org/hello-world", reference: "not a url" },
      { app: "linker", repository: "octo-org/hello-world", reference: "ftp://errors.example.com/x" },
      // The installation on octo-org reaches two of its repositories.
      { installation: 301, repository: "octo-org/hello-world", reference: "https://errors.example.com/1" },
      { app: "reader", repository: "hubot/scripts", reference: "https://errors.example.com/1" },
      {
        app: "linker",
        installation: 300,
        repository: "octo-org/hello-world",
        reference: "https://errors.example.com/1",
      },
    ];
    for (const body of refused) await expect(post(body)).rejects.toMatchObject({ status: 422 });
    await expect(
      post({ app: "linker", repository: "octo-org/nope", reference: "https://errors.example.com/1" }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      post({ installation: 999, repository: "octo-org/docs", reference: "https://errors.example.com/1" }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      admin.request("PATCH /_hubcap/apps/{app_slug}", {
        app_slug: "linker",
        content_references: ["not a domain"],
      }),
    ).rejects.toMatchObject({ status: 422 });
  });
});

describe("content attachments", () => {
  const fresh = async () =>
    (
      await post({
        app: "linker",
        repository: "octo-org/hello-world",
        reference: "https://errors.example.com/e",
      })
    ).data.id as number;

  it("attaches a title and body with an installation token and the corsair preview", async () => {
    const id = await fresh();
    const octokit = await installationOctokit(300);
    const { status, data } = await attach(octokit, id, {
      title: "[A-1234] Error",
      body: "## Details\n\nIt broke.",
    });
    expect(status).toBe(200);
    expect(data).toMatchObject({ title: "[A-1234] Error", body: "## Details\n\nIt broke." });
    expect(typeof data.id).toBe("number");
  });

  it("answers 415 without the preview, 422 for a missing or too long title or body", async () => {
    const id = await fresh();
    const octokit = await installationOctokit(300);
    await expect(
      attach(octokit, id, { title: "t", body: "b" }, "application/vnd.github+json"),
    ).rejects.toMatchObject({
      status: 415,
      message: expect.stringContaining("Content Attachments API"),
    });
    await expect(attach(octokit, id, { body: "b" })).rejects.toMatchObject({ status: 422 });
    await expect(attach(octokit, id, { title: "t" })).rejects.toMatchObject({ status: 422 });
    await expect(attach(octokit, id, { title: "t".repeat(1025), body: "b" })).rejects.toMatchObject({
      status: 422,
    });
    await expect(attach(octokit, id, { title: "t", body: "b".repeat(262145) })).rejects.toMatchObject({
      status: 422,
    });
    await expect(attach(octokit, id, { title: 7, body: "b" })).rejects.toMatchObject({ status: 422 });
  });

  it("answers 404 for references outside the installation or the token, and unknown ones", async () => {
    const id = await fresh();
    // Another installation of the same app, a token restricted to another repository, another app.
    await expect(attach(await installationOctokit(301), id, { title: "t", body: "b" })).rejects.toMatchObject(
      {
        status: 404,
      },
    );
    await expect(
      attach(await installationOctokit(300, 30, "linker", ["docs"]), id, { title: "t", body: "b" }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      attach(await installationOctokit(310, 31, "reader"), id, { title: "t", body: "b" }),
    ).rejects.toMatchObject({
      status: 404,
    });
    const octokit = await installationOctokit(300);
    await expect(attach(octokit, 987654, { title: "t", body: "b" })).rejects.toMatchObject({ status: 404 });
    await expect(attach(octokit, "abc", { title: "t", body: "b" })).rejects.toMatchObject({ status: 404 });
    // People's tokens are not installations'.
    await expect(attach(admin, id, { title: "t", body: "b" })).rejects.toMatchObject({ status: 401 });
  });

  it("answers 403 to a token without content_references write", async () => {
    const { data } = await post({
      app: "reader",
      repository: "octo-org/docs",
      reference: "https://errors.example.com/r",
    });
    await expect(
      attach(await installationOctokit(310, 31, "reader"), data.id, { title: "t", body: "b" }),
    ).rejects.toMatchObject({
      status: 403,
    });
  });

  it("answers 410 six hours after the reference, by hubcap's clock", async () => {
    const id = await fresh();
    await hubcap.advanceClock(6 * 3600_000 - 60_000);
    try {
      // Tokens last an hour, so each is minted when it is used.
      const inTime = await installationOctokit(300);
      await expect(attach(inTime, id, { title: "in time", body: "b" })).resolves.toMatchObject({
        status: 200,
      });
      await hubcap.advanceClock(120_000);
      const late = await installationOctokit(300);
      await expect(attach(late, id, { title: "too late", body: "b" })).rejects.toMatchObject({
        status: 410,
      });
    } finally {
      await hubcap.setClockOffset(0);
    }
  });
});
