/** The manifest flow by HTTP, off the browser tests (test/web/ runs on SQLite only): it runs on both stores. */
import { createHmac } from "node:crypto";
import { App } from "@octokit/app";
import { createOAuthAppAuth } from "@octokit/auth-oauth-app";
import { Octokit as Core } from "@octokit/core";
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { signInByForm } from "../helpers/form-session.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import { startReceiver } from "../helpers/receiver.js";
import { confirmManifest } from "./manifest-http.js";
import { PASSWORDS, WEB_WORLD } from "../web/world.js";

let hubcap: TestHubcap;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let octocat: { cookie: string; csrfToken: string };
beforeAll(async () => {
  hubcap = await hubcapForTest({ world: WEB_WORLD });
  receiver = await startReceiver();
  octocat = await signInByForm(hubcap.url, "octocat", PASSWORDS.octocat);
});
afterAll(async () => {
  await receiver?.close();
  await hubcap?.close();
});

const manifest = (name: string) => ({
  name,
  url: "https://example.com/manifest-app",
  description: "Registered from a manifest",
  hook_attributes: { url: receiver.url },
  redirect_url: "http://localhost:9/setup?from=manifest",
  public: true,
  default_permissions: { issues: "write", contents: "read" },
  default_events: ["issues", "push"],
});

/** `POST /app-manifests/{code}/conversions` takes no credential: a plain @octokit/rest client. */
const anonymous = () => new Octokit({ baseUrl: `${hubcap.url}/api/v3` });

describe("POST /app-manifests/{code}/conversions (@octokit/rest apps.createFromManifest)", () => {
  it("answers 201 with the app and its credentials, shown once; each works", async () => {
    const back = await confirmManifest(hubcap.url, octocat, manifest("Manifest App"), { state: "xyz 1" });
    expect(back.origin + back.pathname).toBe("http://localhost:9/setup");
    expect(back.searchParams.get("from")).toBe("manifest");
    expect(back.searchParams.get("state")).toBe("xyz 1");
    const code = back.searchParams.get("code")!;
    expect(code).toMatch(/^[0-9a-f]{40}$/);

    const { status, data } = await anonymous().apps.createFromManifest({ code });
    expect(status).toBe(201);
    expect(data).toMatchObject({
      slug: "manifest-app",
      name: "Manifest App",
      owner: { login: "octocat" },
      description: "Registered from a manifest",
      external_url: "https://example.com/manifest-app",
      permissions: { metadata: "read", issues: "write", contents: "read" },
      events: ["issues", "push"],
    });
    expect(data.client_id).toBeTruthy();
    expect(data.client_secret).toMatch(/^[0-9a-f]{40}$/);
    expect(data.webhook_secret).toMatch(/^[0-9a-f]{40}$/);
    expect(data.pem).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);

    // The private key authenticates the app (@octokit/app, as the app's own code would).
    const app = new App({
      appId: data.id,
      privateKey: data.pem,
      Octokit: Core.defaults({ baseUrl: hubcap.url }),
    });
    expect((await app.octokit.request("GET /app")).data!.slug).toBe("manifest-app");
    // The client id and secret are the app's Basic credentials (a wrong secret is refused).
    const asClient = (clientSecret: string) =>
      new Octokit({
        authStrategy: createOAuthAppAuth,
        auth: { clientType: "oauth-app", clientId: data.client_id, clientSecret },
        baseUrl: hubcap.url,
      });
    expect((await asClient(data.client_secret).apps.listPlansStubbed()).status).toBe(200);
    await expect(asClient("0".repeat(40)).apps.listPlansStubbed()).rejects.toMatchObject({ status: 401 });
    // The webhook secret signs what the app hears (its first webhook: ping).
    const [ping] = await receiver.waitFor(1);
    expect(ping!.headers["x-github-event"]).toBe("ping");
    const signature = createHmac("sha256", data.webhook_secret!).update(ping!.body).digest("hex");
    expect(ping!.headers["x-hub-signature-256"]).toBe(`sha256=${signature}`);

    // A code is spent by its first use.
    await expect(anonymous().apps.createFromManifest({ code })).rejects.toMatchObject({
      status: 404,
      response: { data: { message: "Not Found" } },
    });
  });

  it("registers for an organization its admin confirms for", async () => {
    const back = await confirmManifest(hubcap.url, octocat, manifest("Org Manifest App"), {
      org: "octo-org",
    });
    const { data } = await anonymous().apps.createFromManifest({ code: back.searchParams.get("code")! });
    expect(data.owner).toMatchObject({ login: "octo-org", type: "Organization" });
    expect(back.searchParams.has("state")).toBe(false);
  });

  it("refuses a code after one hour of hubcap's clock, and codes it never made", async () => {
    const back = await confirmManifest(hubcap.url, octocat, manifest("Late App"));
    await hubcap.advanceClock(3600 * 1000);
    await expect(
      anonymous().apps.createFromManifest({ code: back.searchParams.get("code")! }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(anonymous().apps.createFromManifest({ code: "0".repeat(40) })).rejects.toMatchObject({
      status: 404,
    });
  });

  it("hands out a code that still works just before the hour is up", async () => {
    const back = await confirmManifest(hubcap.url, octocat, manifest("Prompt App"));
    // Ten seconds short of the hour: a slow run may tick a second or two between confirming and exchanging.
    await hubcap.advanceClock(3590 * 1000);
    const { status } = await anonymous().apps.createFromManifest({ code: back.searchParams.get("code")! });
    expect(status).toBe(201);
  });

  it("gives a code to one of two simultaneous exchanges", async () => {
    const back = await confirmManifest(hubcap.url, octocat, manifest("Raced App"));
    const code = back.searchParams.get("code")!;
    const results = await Promise.allSettled([
      anonymous().apps.createFromManifest({ code }),
      anonymous().apps.createFromManifest({ code }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
  });
});
