// The testing library's helpers, as the README shows them: create an app, install it, hear it.
import { App } from "@octokit/app";
import { Octokit } from "@octokit/core";
import { afterAll, expect, it } from "vitest";
import { receiveWebhooks, startHubcap, type TestHubcap, type WebhookReceiver } from "hubcap/testing";

let hubcap: TestHubcap | undefined;
let hooks: WebhookReceiver | undefined;
afterAll(async () => {
  await hubcap?.close();
  await hooks?.close();
});

it("creates an app with a key, installs it on chosen repositories, and hears the installation", async () => {
  hooks = await receiveWebhooks({ secret: "s3cret" });
  hubcap = await startHubcap({
    world: {
      users: [{ login: "octocat" }],
      repos: [{ full_name: "octocat/hello-world" }, { full_name: "octocat/other" }],
    },
  });
  const app = await hubcap.createApp({
    name: "My App",
    owner: "octocat",
    permissions: { issues: "write" },
    webhookUrl: hooks.url,
    webhookSecret: "s3cret",
  });
  expect(app).toMatchObject({ slug: "my-app", clientId: expect.stringMatching(/^Iv23li/) });
  const id = await hubcap.install(app.slug, "octocat", ["hello-world"]);
  const created = await hooks.waitFor("installation", "created");
  expect(created.payload.installation).toMatchObject({
    id,
    permissions: { issues: "write", metadata: "read" },
  });

  const client = new App({
    appId: app.id,
    privateKey: app.privateKey,
    Octokit: Octokit.defaults({ baseUrl: hubcap.url }),
  });
  const octokit = await client.getInstallationOctokit(id);
  const { data } = await octokit.request("GET /installation/repositories");
  expect(data.repositories.map((r) => r.full_name)).toEqual(["octocat/hello-world"]);

  // A receiver with a secret refuses what is not signed with it.
  const forged = await fetch(hooks.url, {
    method: "POST",
    headers: { "x-github-event": "ping", "x-hub-signature-256": "sha256=00" },
    body: "{}",
  });
  expect(forged.status).toBe(401);
  expect(hooks.received.map((w) => w.event)).toEqual(["ping", "installation"]);
  await expect(hooks.waitFor("installation", "deleted", { timeoutMs: 200 })).rejects.toThrow(
    /no installation.deleted/,
  );
});
