import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import { webhookProblems } from "../helpers/webhook-schemas.js";
import { receiveWebhooks, type WebhookReceiver } from "../../src/testing/index.js";
import { codeFor, OAUTH_WORLD, SECRET } from "./world.js";

let hubcap: TestHubcap;
let receiver: WebhookReceiver;
beforeAll(async () => {
  hubcap = await hubcapForTest({ world: OAUTH_WORLD });
});
afterAll(() => hubcap.close());

/** A user access token of octoapp for `login`, from the web flow. */
async function userToken(login: string): Promise<string> {
  const code = await codeFor(hubcap, login, "Iv1.octoapp0client");
  const response = await fetch(`${hubcap.url}/login/oauth/access_token`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ client_id: "Iv1.octoapp0client", client_secret: SECRET, code }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

const rest = (auth: string, prefix = "/api/v3") => new Octokit({ baseUrl: hubcap.url + prefix, auth });

describe.each(["/api/v3", ""])("@octokit/rest with baseUrl %s", (prefix) => {
  it("lists the installations of the token's app that the user reaches", async () => {
    const octocat = rest(await userToken("octocat"), prefix);
    const all = await octocat.paginate(octocat.rest.apps.listInstallationsForAuthenticatedUser, {
      per_page: 1,
    });
    expect(all.map((i) => (i.account as { login: string }).login).sort()).toEqual(["octo-org", "octocat"]);
    // mona is no member of octo-org, but collaborates on one of the installation's repositories.
    const mona = rest(await userToken("mona"), prefix);
    const { data } = await mona.rest.apps.listInstallationsForAuthenticatedUser();
    expect(data.total_count).toBe(1);
    expect(data.installations.map((i) => i.id)).toEqual([1]);
  });

  it("lists the repositories both the user and the installation reach, with the user's permissions", async () => {
    const hubot = rest(await userToken("hubot"), prefix);
    const repos = await hubot.paginate(hubot.rest.apps.listInstallationReposForAuthenticatedUser, {
      installation_id: 1,
      per_page: 1,
    });
    expect(repos.map((r) => [r.full_name, r.permissions?.push, r.permissions?.pull])).toEqual([
      ["octo-org/hello-world", false, true],
      ["octo-org/secret-plans", false, true],
    ]);
    // mona reaches docs and secret-plans; the installation only secret-plans.
    const mona = rest(await userToken("mona"), prefix);
    const { data } = await mona.rest.apps.listInstallationReposForAuthenticatedUser({ installation_id: 1 });
    expect(data.repositories.map((r) => [r.full_name, r.permissions])).toEqual([
      ["octo-org/secret-plans", { admin: false, maintain: false, push: true, triage: true, pull: true }],
    ]);
    // An installation the user does not reach, or another app's, is not found.
    await expect(
      mona.rest.apps.listInstallationReposForAuthenticatedUser({ installation_id: 2 }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      hubot.rest.apps.listInstallationReposForAuthenticatedUser({ installation_id: 3 }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it("sees a repository with the intersection of the user's access and the app's", async () => {
    const mona = rest(await userToken("mona"), prefix);
    await expect(mona.rest.repos.get({ owner: "octo-org", repo: "secret-plans" })).resolves.toMatchObject({
      data: { private: true, permissions: { push: true } },
    });
    // mona may push to docs with her own token, but octoapp's installation does not reach it.
    const personal = rest("ghp_monaPersonalToken000000000000000000", prefix);
    await expect(personal.rest.repos.get({ owner: "octo-org", repo: "docs" })).resolves.toBeDefined();
    await expect(mona.rest.repos.get({ owner: "octo-org", repo: "docs" })).resolves.toMatchObject({
      data: { permissions: { push: false, pull: true } },
    });
    // octocat's own private repository is reached by octoapp's installation on octocat; hubot reaches nothing there.
    const hubot = rest(await userToken("hubot"), prefix);
    await expect(hubot.rest.repos.get({ owner: "octocat", repo: "spoon-knife" })).rejects.toMatchObject({
      status: 404,
    });
  });

  it("answers GET /user and X-OAuth-Scopes for personal tokens", async () => {
    const personal = rest("ghp_monaPersonalToken000000000000000000", prefix);
    const { data, headers } = await personal.rest.users.getAuthenticated();
    expect(data).toMatchObject({ login: "mona", type: "User" });
    // A world's token has a classic token's scopes for all of hubcap's API unless the world names them.
    expect(headers["x-oauth-scopes"]).toBe("repo, delete_repo, admin:org, user");
    expect(headers["x-accepted-oauth-scopes"]).toBe("");
  });

  it("refuses /user/installations to personal tokens, and /user to installation tokens", async () => {
    const personal = rest("ghp_monaPersonalToken000000000000000000", prefix);
    await expect(personal.rest.apps.listInstallationsForAuthenticatedUser()).rejects.toMatchObject({
      status: 403,
      response: { data: { message: /authorized to a GitHub App/ } },
    });
  });
});

describe("adding and removing a repository of an installation", () => {
  beforeAll(async () => {
    receiver = await receiveWebhooks({ secret: "shh" });
    await hubcap.apply({
      apps: [{ ...OAUTH_WORLD.apps![0]!, webhook: { url: receiver.url, secret: "shh" } }],
    });
  });
  afterAll(() => receiver.close());

  it("lets a repository admin add and remove it; the app hears installation_repositories", async () => {
    const octocat = rest(await userToken("octocat"));
    const { data: docs } = await octocat.rest.repos.get({ owner: "octo-org", repo: "docs" });
    await octocat.rest.apps.addRepoToInstallationForAuthenticatedUser({
      installation_id: 1,
      repository_id: docs.id,
    });
    const added = await receiver.waitFor("installation_repositories", "added");
    expect(webhookProblems("installation_repositories", "added", added.payload)).toEqual([]);
    expect(added.payload).toMatchObject({
      action: "added",
      repositories_added: [{ full_name: "octo-org/docs" }],
    });
    expect(added.payload).toMatchObject({ sender: { login: "octocat" } });

    const repos = await octocat.paginate(octocat.rest.apps.listInstallationReposForAuthenticatedUser, {
      installation_id: 1,
    });
    expect(repos.map((r) => r.name)).toContain("docs");

    // With a personal token too.
    const personal = rest("ghp_octocatPersonalToken0000000000000000");
    await personal.rest.apps.removeRepoFromInstallationForAuthenticatedUser({
      installation_id: 1,
      repository_id: docs.id,
    });
    const removed = await receiver.waitFor("installation_repositories", "removed");
    expect(removed.payload).toMatchObject({
      action: "removed",
      repositories_removed: [{ full_name: "octo-org/docs" }],
    });
  });

  it("refuses people who do not administer the repository, and installations on all repositories", async () => {
    const mona = rest(await userToken("mona"));
    const { data: plans } = await mona.rest.repos.get({ owner: "octo-org", repo: "secret-plans" });
    await expect(
      mona.rest.apps.removeRepoFromInstallationForAuthenticatedUser({
        installation_id: 1,
        repository_id: plans.id,
      }),
    ).rejects.toMatchObject({
      status: 403,
      response: { data: { message: "Must have admin rights to Repository." } },
    });
    const octocat = rest("ghp_octocatPersonalToken0000000000000000");
    const { data: spoon } = await octocat.rest.repos.get({ owner: "octocat", repo: "spoon-knife" });
    await expect(
      octocat.rest.apps.removeRepoFromInstallationForAuthenticatedUser({
        installation_id: 2,
        repository_id: spoon.id,
      }),
    ).rejects.toMatchObject({ status: 422 });
  });
});

it("lists an organization's installations for its admins only", async () => {
  const octocat = rest("ghp_octocatPersonalToken0000000000000000");
  const { data } = await octocat.rest.orgs.listAppInstallations({ org: "octo-org" });
  expect(data.installations.map((i) => i.app_slug).sort()).toEqual(["forever-app", "octoapp"]);
  const hubot = rest("ghp_hubotPersonalToken00000000000000000");
  await expect(hubot.rest.orgs.listAppInstallations({ org: "octo-org" })).rejects.toMatchObject({
    status: 404,
  });
});
