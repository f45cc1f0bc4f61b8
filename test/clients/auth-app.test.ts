import { createAppAuth } from "@octokit/auth-app";
import { Octokit } from "@octokit/core";
import { request } from "@octokit/request";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { hubcapForTest } from "../helpers/hubcap.js";

let hubcap: TestHubcap;
beforeAll(async () => {
  hubcap = await hubcapForTest();
});
afterAll(() => hubcap.close());
afterEach(() => hubcap.setClockOffset(0));

const quiet = { warn: () => {}, debug: () => {}, info: () => {}, error: () => {} };

describe("@octokit/auth-app standalone", () => {
  const auth = () =>
    createAppAuth({
      appId: hubcap.apps.octoapp!.id,
      privateKey: hubcap.apps.octoapp!.privateKey,
      request: request.defaults({ baseUrl: `${hubcap.url}/api/v3` }),
    });

  it("mints installation tokens with GitHub's shape", async () => {
    const result = await auth()({ type: "installation", installationId: 2 });
    expect(result).toMatchObject({
      type: "token",
      tokenType: "installation",
      installationId: 2,
      repositorySelection: "all",
    });
    expect(result.token).toMatch(/^ghs_[A-Za-z0-9]{36}$/);
    expect(result.permissions).toEqual({ contents: "read", issues: "write", metadata: "read" });
    const lifetime = Date.parse(result.expiresAt) - Date.now();
    expect(lifetime).toBeGreaterThan(3590_000);
    expect(lifetime).toBeLessThanOrEqual(3600_000);
  });

  it("restricts a token to repositories and permissions", async () => {
    const result = await auth()({
      type: "installation",
      installationId: 1,
      repositoryNames: ["hello-world"],
      permissions: { issues: "read" },
      refresh: true,
    });
    expect(result.permissions).toEqual({ issues: "read" });
    expect(result.repositorySelection).toBe("selected");
    expect(result.repositoryNames).toEqual(["hello-world"]);
    const octokit = new Octokit({ auth: result.token, baseUrl: `${hubcap.url}/api/v3` });
    const { data } = await octokit.request("GET /installation/repositories");
    expect(data.repositories.map((r) => r.name)).toEqual(["hello-world"]);
  });

  it("accepts the client id as the JWT issuer", async () => {
    const auth = createAppAuth({
      appId: hubcap.apps.octoapp!.clientId,
      privateKey: hubcap.apps.octoapp!.privateKey,
      request: request.defaults({ baseUrl: hubcap.url }),
    });
    const { token } = await auth({ type: "app" });
    const octokit = new Octokit({ auth: token, baseUrl: hubcap.url });
    expect((await octokit.request("GET /app")).data!.id).toBe(1);
  });
});

describe("@octokit/auth-app inside Octokit", () => {
  const octokit = (installationId?: number) =>
    new Octokit({
      authStrategy: createAppAuth,
      auth: { appId: hubcap.apps.octoapp!.id, privateKey: hubcap.apps.octoapp!.privateKey, installationId },
      baseUrl: `${hubcap.url}/api/v3`,
      log: quiet,
    });

  it("uses the JWT for app routes and a token for the rest", async () => {
    const app = octokit(1);
    expect(
      (await app.request("GET /app/installations/{installation_id}", { installation_id: 1 })).data.id,
    ).toBe(1);
    const { data } = await app.request("GET /installation/repositories");
    expect(data.total_count).toBe(2);
  });

  it.each([
    ["ahead", 20 * 60 * 1000],
    ["behind", -20 * 60 * 1000],
  ])("retries once when hubcap's clock is %s of the client's", async (_, offset) => {
    await hubcap.setClockOffset(offset);
    const warnings: string[] = [];
    const app = new Octokit({
      authStrategy: createAppAuth,
      auth: { appId: hubcap.apps.octoapp!.id, privateKey: hubcap.apps.octoapp!.privateKey },
      baseUrl: `${hubcap.url}/api/v3`,
      log: { ...quiet, warn: (message: string) => warnings.push(message) },
    });
    const { data } = await app.request("GET /app");
    expect(data!.slug).toBe("octoapp");
    expect(warnings.join("\n")).toMatch(/GitHub API time and system time are different by -?\d+ seconds/);
  });
});
