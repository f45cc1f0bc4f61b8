import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { createAppAuth } from "@octokit/auth-app";
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { githubRoute } from "../../src/http/github-routes.js";
import { hubcapForTest } from "../helpers/hubcap.js";

let hubcap: TestHubcap;
beforeAll(async () => {
  hubcap = await hubcapForTest();
});
afterAll(() => hubcap?.close());

const GITHUB_404 = { message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" };

describe.each(["/api/v3", ""])("a request hubcap has no route for (baseUrl %s)", (prefix) => {
  const installationOctokit = async () => {
    const app = new Octokit({
      authStrategy: createAppAuth,
      auth: { appId: 1, privateKey: hubcap.apps.octoapp!.privateKey },
      baseUrl: hubcap.url + prefix,
    });
    const { data } = await app.apps.createInstallationAccessToken({ installation_id: 1 });
    return new Octokit({ auth: data.token, baseUrl: hubcap.url + prefix });
  };

  it("is marked X-Hubcap-Unimplemented when GitHub has the route (a Probot handler's issues.createComment)", async () => {
    const octokit = await installationOctokit();
    const failure = await octokit.issues
      .createComment({ owner: "octo-org", repo: "hello-world", issue_number: 1, body: "hi" })
      .catch(
        (error: { status: number; response: { headers: Record<string, string>; data: unknown } }) => error,
      );
    expect(failure).toMatchObject({ status: 404 });
    const { response } = failure as { response: { headers: Record<string, string>; data: unknown } };
    expect(response.headers["x-hubcap-unimplemented"]).toBe("true");
    // GitHub's body, unchanged: a client reading it behaves as against GitHub.
    expect(response.data).toEqual(GITHUB_404);
  });

  it("is not marked when the route is hubcap's and only the object is missing", async () => {
    const octokit = await installationOctokit();
    const failure = await octokit.apps
      .getBySlug({ app_slug: "no-such-app" })
      .catch((error: { status: number; response: { headers: Record<string, string> } }) => error);
    expect(failure).toMatchObject({ status: 404 });
    expect(
      (failure as { response: { headers: Record<string, string> } }).response.headers,
    ).not.toHaveProperty("x-hubcap-unimplemented");
  });

  it("is not marked when GitHub has no such route either", async () => {
    for (const [method, path] of [
      ["GET", "/no/such/thing"],
      ["DELETE", "/rate_limit"],
    ] as const) {
      const response = await fetch(`${hubcap.url}${prefix}${path}`, { method });
      expect(response.status).toBe(404);
      expect(response.headers.get("x-hubcap-unimplemented")).toBeNull();
      expect(await response.json()).toEqual(GITHUB_404);
    }
  });
});

describe("GitHub's route table", () => {
  it("is the one @octokit/openapi describes (regenerated when that is updated)", () => {
    const script = join(import.meta.dirname, "../../scripts/generate-github-paths.mjs");
    const run = spawnSync(process.execPath, [script, "--check"], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  it("names the template a path matches, literal segments before parameters", () => {
    expect(githubRoute("POST", "/repos/o/r/issues/1/comments")).toBe(
      "/repos/{owner}/{repo}/issues/{issue_number}/comments",
    );
    expect(githubRoute("GET", "/repos/o/r/issues/comments")).toBe("/repos/{owner}/{repo}/issues/comments");
    expect(githubRoute("HEAD", "/repos/o/r")).toBe("/repos/{owner}/{repo}");
    expect(githubRoute("PUT", "/repos/o/r/issues/1/comments")).toBeUndefined();
    expect(githubRoute("GET", "/repos/o")).toBeUndefined();
    expect(githubRoute("GET", "/repos//r")).toBeUndefined();
  });
});
