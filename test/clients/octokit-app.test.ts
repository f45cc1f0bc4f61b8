import { App } from "@octokit/app";
import { Octokit } from "@octokit/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { hubcapForTest } from "../helpers/hubcap.js";

let hubcap: TestHubcap;
beforeAll(async () => {
  hubcap = await hubcapForTest();
});
afterAll(() => hubcap.close());

describe.each(["/api/v3", ""])("@octokit/app with baseUrl %s", (prefix) => {
  const app = () =>
    new App({
      appId: hubcap.apps.octoapp!.id,
      privateKey: hubcap.apps.octoapp!.privateKey,
      Octokit: Octokit.defaults({ baseUrl: hubcap.url + prefix }),
    });

  it("authenticates as the app", async () => {
    const { data } = await app().octokit.request("GET /app");
    expect(data!).toMatchObject({ id: 1, slug: "octoapp", name: "Octo App", installations_count: 2 });
    expect(data!.html_url).toBe(`${hubcap.url}/apps/octoapp`);
    expect(data!.owner).toMatchObject({ login: "octo-org", type: "Organization" });
  });

  it("walks every installation and repository", async () => {
    const seen: string[] = [];
    for await (const { installation } of app().eachInstallation.iterator())
      seen.push(installation.account!.login!);
    expect(seen.sort()).toEqual(["octo-org", "octocat"]);

    const repos: string[] = [];
    for await (const { repository } of app().eachRepository.iterator()) repos.push(repository.full_name);
    expect(repos.sort()).toEqual(["octo-org/hello-world", "octo-org/secret-plans", "octocat/spoon-knife"]);
  });

  it("acts as an installation", async () => {
    const octokit = await app().getInstallationOctokit(1);
    const { data } = await octokit.request("GET /installation/repositories");
    expect(data.total_count).toBe(2);
    expect(data.repository_selection).toBe("selected");
    expect(data.repositories.map((r) => r.full_name)).toEqual([
      "octo-org/hello-world",
      "octo-org/secret-plans",
    ]);
    const repo = await octokit.request("GET /repos/{owner}/{repo}", {
      owner: "octo-org",
      repo: "secret-plans",
    });
    expect(repo.data).toMatchObject({ full_name: "octo-org/secret-plans", private: true });
    await expect(
      octokit.request("GET /repos/{owner}/{repo}", { owner: "octo-org", repo: "docs" }),
    ).rejects.toMatchObject({
      status: 404,
    });
  });

  it("builds an install URL that points at hubcap", async () => {
    const url = await app().getInstallationUrl();
    expect(url).toBe(`${hubcap.url}/apps/octoapp/installations/new`);
  });
});
