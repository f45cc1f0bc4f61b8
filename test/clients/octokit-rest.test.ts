import { createAppAuth } from "@octokit/auth-app";
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { hubcapForTest } from "../helpers/hubcap.js";

let hubcap: TestHubcap;
beforeAll(async () => {
  hubcap = await hubcapForTest({
    world: {
      users: [{ login: "octocat", token: "ghp_octocatPersonalToken0000000000000000" }],
      orgs: [{ login: "big-org", admins: ["octocat"] }],
      repos: Array.from({ length: 75 }, (_, i) => ({
        full_name: `big-org/repo-${String(i).padStart(2, "0")}`,
      })),
      apps: [{ slug: "lister", id: 7, owner: "big-org", permissions: { metadata: "read", issues: "write" } }],
      installations: [
        { app: "lister", account: "big-org", id: 70 },
        { app: "lister", account: "octocat", id: 71 },
      ],
    },
  });
});
afterAll(() => hubcap.close());

describe.each(["/api/v3", ""])("@octokit/rest with baseUrl %s", (prefix) => {
  const appOctokit = () =>
    new Octokit({
      authStrategy: createAppAuth,
      auth: { appId: 7, privateKey: hubcap.apps.lister!.privateKey },
      baseUrl: hubcap.url + prefix,
    });

  it("reads the app and its installations", async () => {
    const octokit = appOctokit();
    const app = (await octokit.apps.getAuthenticated()).data!;
    expect(app).toMatchObject({ slug: "lister", installations_count: 2 });
    const all = await octokit.paginate(octokit.apps.listInstallations, { per_page: 1 });
    expect(all.map((i) => i.id)).toEqual([70, 71]);
    expect((await octokit.apps.getInstallation({ installation_id: 70 })).data.account).toMatchObject({
      login: "big-org",
    });
    expect((await octokit.apps.getOrgInstallation({ org: "big-org" })).data.id).toBe(70);
    expect((await octokit.apps.getUserInstallation({ username: "octocat" })).data.id).toBe(71);
    expect((await octokit.apps.getRepoInstallation({ owner: "big-org", repo: "repo-03" })).data.id).toBe(70);
    // A private app is visible only to its own; anonymously it does not exist.
    const anonymous = new Octokit({ baseUrl: hubcap.url + prefix });
    await expect(anonymous.apps.getBySlug({ app_slug: "lister" })).rejects.toMatchObject({ status: 404 });
    const { data: token } = await octokit.apps.createInstallationAccessToken({ installation_id: 70 });
    const installation = new Octokit({ auth: token.token, baseUrl: hubcap.url + prefix });
    expect((await installation.apps.getBySlug({ app_slug: "lister" })).data!.slug).toBe("lister");
  });

  it("paginates an installation's repositories with Link headers", async () => {
    const { data } = await appOctokit().apps.createInstallationAccessToken({ installation_id: 70 });
    const octokit = new Octokit({ auth: data.token, baseUrl: hubcap.url + prefix });
    const first = await octokit.apps.listReposAccessibleToInstallation({ per_page: 30 });
    expect(first.headers.link).toContain(
      `<${hubcap.url}${prefix}/installation/repositories?per_page=30&page=2>; rel="next"`,
    );
    expect(first.headers.link).toContain('rel="last"');
    const repos = await octokit.paginate(octokit.apps.listReposAccessibleToInstallation, { per_page: 30 });
    expect(repos).toHaveLength(75);
    expect(new Set(repos.map((r) => r.id)).size).toBe(75);
    const { data: repo } = await octokit.repos.get({ owner: "big-org", repo: "repo-42" });
    expect(repo.full_name).toBe("big-org/repo-42");
    const { data: limits } = await octokit.rateLimit.get();
    expect(limits.resources.core.limit).toBe(5000);
    expect(limits.resources.core.used).toBeGreaterThan(0);
  });

  it("suspends, unsuspends and revokes", async () => {
    const app = appOctokit();
    const { data } = await app.apps.createInstallationAccessToken({ installation_id: 71 });
    const octokit = new Octokit({ auth: data.token, baseUrl: hubcap.url + prefix });
    await app.apps.suspendInstallation({ installation_id: 71 });
    await expect(octokit.apps.listReposAccessibleToInstallation()).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining("This installation has been suspended"),
    });
    await expect(app.apps.createInstallationAccessToken({ installation_id: 71 })).rejects.toMatchObject({
      status: 403,
    });
    // With milliseconds, as GitHub writes an installation's times (PyGithub's
    // tests/ReplayData/GithubIntegration.testGetAppInstallation.txt).
    expect((await app.apps.getInstallation({ installation_id: 71 })).data.suspended_at).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/,
    );
    await app.apps.unsuspendInstallation({ installation_id: 71 });
    expect((await octokit.apps.listReposAccessibleToInstallation()).status).toBe(200);
    await octokit.apps.revokeInstallationAccessToken();
    await expect(octokit.apps.listReposAccessibleToInstallation()).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining("Bad credentials"),
    });
  });

  it("answers the API root and the rate limit", async () => {
    const octokit = new Octokit({ baseUrl: hubcap.url + prefix });
    const { data } = await octokit.request("GET /");
    expect(data.repository_url).toBe(`${hubcap.url}${prefix}/repos/{owner}/{repo}`);
    expect((await octokit.rateLimit.get()).data.resources.core.limit).toBe(60);
  });
});

describe("uninstalling", () => {
  it("deletes an installation and its tokens", async () => {
    const app = new Octokit({
      authStrategy: createAppAuth,
      auth: { appId: 7, privateKey: hubcap.apps.lister!.privateKey },
      baseUrl: hubcap.url,
    });
    const { data } = await app.apps.createInstallationAccessToken({ installation_id: 71 });
    await app.apps.deleteInstallation({ installation_id: 71 });
    await expect(app.apps.getInstallation({ installation_id: 71 })).rejects.toMatchObject({ status: 404 });
    expect((await app.apps.getAuthenticated()).data!.installations_count).toBe(1);
    const octokit = new Octokit({ auth: data.token, baseUrl: hubcap.url });
    await expect(octokit.apps.listReposAccessibleToInstallation()).rejects.toMatchObject({ status: 401 });
  });
});
