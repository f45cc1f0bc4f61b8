import { createServer } from "node:http";
import { createAppAuth } from "@octokit/auth-app";
import { Octokit } from "@octokit/rest";
import { Probot, createNodeMiddleware, type ApplicationFunction } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { hubcapForTest } from "../helpers/hubcap.js";

const SECRET = "probot-secret";
let hubcap: TestHubcap;
let server: ReturnType<typeof createServer>;
const seen: string[] = [];
const reposSeenByHandler: string[][] = [];

/** A Probot app as people write them: handlers that act through `context.octokit`. */
const appFn: ApplicationFunction = (app) => {
  app.on("installation", async (context) => {
    seen.push(`installation.${context.payload.action}`);
    if (context.payload.action === "created" || context.payload.action === "unsuspend") {
      // context.octokit is authenticated as the installation, against hubcap.
      const { data } = await context.octokit.rest.apps.listReposAccessibleToInstallation();
      reposSeenByHandler.push(data.repositories.map((r) => r.full_name));
    }
  });
};

beforeAll(async () => {
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  hubcap = await hubcapForTest({
    world: {
      users: [{ login: "octocat" }],
      orgs: [{ login: "probot-org", admins: ["octocat"] }],
      repos: [{ full_name: "probot-org/app-repo" }, { full_name: "probot-org/other" }],
      apps: [
        {
          slug: "my-probot-app",
          id: 77,
          owner: "octocat",
          permissions: { metadata: "read", issues: "write" },
          webhook: { url: `http://127.0.0.1:${port}/api/github/webhooks`, secret: SECRET },
        },
      ],
    },
  });
  const probot = new Probot({
    appId: 77,
    privateKey: hubcap.apps["my-probot-app"]!.privateKey,
    secret: SECRET,
    baseUrl: `${hubcap.url}/api/v3`,
    logLevel: "fatal",
  });
  const middleware = await createNodeMiddleware(appFn, { probot });
  server.on("request", (req, res) => void middleware(req, res));
});
afterAll(async () => {
  await hubcap?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe("a Probot app", () => {
  it("receives installation events from hubcap and acts back through its API", async () => {
    await hubcap.apply({
      installations: [{ app: "my-probot-app", account: "probot-org", id: 700, repositories: ["app-repo"] }],
    });
    await expect.poll(() => reposSeenByHandler.length, { timeout: 10_000 }).toBe(1);
    expect(reposSeenByHandler[0]).toEqual(["probot-org/app-repo"]);

    const octokit = new Octokit({
      authStrategy: createAppAuth,
      auth: { appId: 77, privateKey: hubcap.apps["my-probot-app"]!.privateKey },
      baseUrl: hubcap.url,
    });
    await octokit.apps.suspendInstallation({ installation_id: 700 });
    await octokit.apps.unsuspendInstallation({ installation_id: 700 });
    await expect
      .poll(() => seen, { timeout: 10_000 })
      .toEqual(["installation.created", "installation.suspend", "installation.unsuspend"]);
    await expect.poll(() => reposSeenByHandler.length, { timeout: 10_000 }).toBe(2);

    // Every delivery was accepted by Probot (which verifies the signature and answers 400 otherwise).
    const deliveries = await octokit.apps.listWebhookDeliveries();
    expect(deliveries.data.map((d) => d.status_code)).toEqual([200, 200, 200, 200]);
  });
});
