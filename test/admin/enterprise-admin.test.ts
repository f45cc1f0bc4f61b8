import { App } from "@octokit/app";
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { receiveWebhooks, type TestHubcap, type WebhookReceiver } from "../../src/testing/index.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import { webhookProblems } from "../helpers/webhook-schemas.js";

/**
 * GitHub Enterprise Server's site-admin API and the people-facing repository and organization
 * endpoints, driven with @octokit/rest; each change reaches the apps installed where it happens.
 */
const ADMIN_TOKEN = "ghp_octocatPersonalToken0000000000000000"; // octocat is a site admin in WORLD
const HUBOT_TOKEN = "ghp_hubotPersonalToken00000000000000000";
const SECRET = "enterprise-secret";

let hubcap: TestHubcap;
let hooks: WebhookReceiver;
let admin: Octokit;
const rest = (auth: string) => new Octokit({ auth, baseUrl: `${hubcap.url}/api/v3` });

beforeAll(async () => {
  hooks = await receiveWebhooks({ secret: SECRET });
  hubcap = await hubcapForTest();
  await hubcap.apply({
    apps: [{ slug: "watcher", owner: "octo-org", webhook: { url: hooks.url, secret: SECRET } }],
    installations: [
      { app: "watcher", account: "octo-org", repositories: ["hello-world", "docs"] },
      { app: "watcher", account: "octocat" },
    ],
  });
  admin = rest(ADMIN_TOKEN);
});
afterAll(async () => {
  // Every webhook these changes sent is valid against GitHub's webhook descriptions.
  const problems = hooks.received.flatMap((w) => webhookProblems(w.event, w.action ?? undefined, w.payload));
  expect(problems).toEqual([]);
  await hubcap?.close();
  await hooks?.close();
});

describe("users and impersonation tokens", () => {
  it("creates a user, whose impersonation token acts as them, and revokes it", async () => {
    const created = await admin.request("POST /admin/users", { login: "mona", email: "mona@example.com" });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ login: "mona", type: "User", site_admin: false });

    const { data: authorization } = await admin.request("POST /admin/users/{username}/authorizations", {
      username: "mona",
      scopes: ["repo"],
    });
    expect(authorization.token).toMatch(/^gho_/);
    expect(authorization.scopes).toEqual(["repo"]);
    const mona = rest(authorization.token!);
    const repo = await mona.rest.repos.createForAuthenticatedUser({ name: "first repo!", private: true });
    // GitHub turns what a name may not hold into hyphens.
    expect(repo.data).toMatchObject({ full_name: "mona/first-repo-", private: true });
    expect(repo.data.permissions).toMatchObject({ admin: true });

    await admin.request("DELETE /admin/users/{username}/authorizations", { username: "mona" });
    await expect(mona.rest.repos.get({ owner: "mona", repo: "first-repo-" })).rejects.toMatchObject({
      status: 401,
    });
  });

  it("refuses a duplicate or malformed login with GitHub's 422", async () => {
    await expect(admin.request("POST /admin/users", { login: "octocat" })).rejects.toMatchObject({
      status: 422,
    });
    await expect(admin.request("POST /admin/users", { login: "-bad-" })).rejects.toMatchObject({
      status: 422,
    });
  });

  it("renames a user: the installation on the account follows, and its app hears installation_target.renamed", async () => {
    const answer = await admin.request("PATCH /admin/users/{username}", {
      username: "octocat",
      login: "octocat-renamed",
    });
    expect(answer.status).toBe(202);
    const heard = await hooks.waitFor("installation_target", "renamed");
    expect(heard.payload).toMatchObject({
      account: { login: "octocat-renamed" },
      changes: { login: { from: "octocat" } },
      target_type: "User",
    });
    const app = new App({
      appId: hubcap.apps.watcher!.id,
      privateKey: hubcap.apps.watcher!.privateKey,
      Octokit: Octokit.defaults({ baseUrl: `${hubcap.url}/api/v3` }),
    });
    const found = await app.octokit.request("GET /users/{username}/installation", {
      username: "octocat-renamed",
    });
    expect(found.data.account).toMatchObject({ login: "octocat-renamed" });
    await admin.request("PATCH /admin/users/{username}", { username: "octocat-renamed", login: "octocat" });
  });

  it("deletes a user with their repositories and the installations on them", async () => {
    await admin.request("POST /admin/users", { login: "leaving" });
    const { data: authorization } = await admin.request("POST /admin/users/{username}/authorizations", {
      username: "leaving",
      scopes: ["public_repo"],
    });
    await rest(authorization.token!).rest.repos.createForAuthenticatedUser({ name: "stuff" });
    const id = await hubcap.install("watcher", "leaving");
    await admin.request("DELETE /admin/users/{username}", { username: "leaving" });
    const heard = await hooks.waitFor("installation", "deleted", {
      match: (w) => (w.payload.installation as { id: number }).id === id,
    });
    expect(heard.payload.sender).toMatchObject({ login: "octocat" });
    await expect(admin.rest.repos.get({ owner: "leaving", repo: "stuff" })).rejects.toMatchObject({
      status: 404,
    });
  });
});

describe("organizations, memberships and repositories", () => {
  it("creates an organization whose admin adds members, who create repositories in it", async () => {
    const org = await admin.request("POST /admin/organizations", {
      login: "new-org",
      admin: "hubot",
      profile_name: "New Org",
    });
    expect(org.status).toBe(201);
    const hubot = rest(HUBOT_TOKEN);
    const membership = await hubot.rest.orgs.setMembershipForUser({
      org: "new-org",
      username: "octocat",
      role: "member",
    });
    expect(membership.data).toMatchObject({ state: "active", role: "member", user: { login: "octocat" } });
    const repo = await hubot.rest.repos.createInOrg({ org: "new-org", name: "tools", private: true });
    expect(repo.data.owner.login).toBe("new-org");
    // A member who is not an admin may not change memberships.
    await admin.request("PUT /orgs/{org}/memberships/{username}", {
      org: "new-org",
      username: "octocat",
      role: "member",
    }); // a site admin may
    const outsider = await admin.request("POST /admin/users/{username}/authorizations", {
      username: "mona",
      scopes: ["admin:org"],
    });
    await expect(
      rest(outsider.data.token!).rest.orgs.setMembershipForUser({ org: "new-org", username: "mona" }),
    ).rejects.toMatchObject({ status: 403 });
    await hubot.rest.orgs.removeMembershipForUser({ org: "new-org", username: "octocat" });
  });

  it("renames an organization: its app hears installation_target.renamed", async () => {
    const answer = await admin.request("PATCH /admin/organizations/{org}", {
      org: "octo-org",
      login: "octo-corp",
    });
    expect(answer.status).toBe(202);
    const heard = await hooks.waitFor("installation_target", "renamed", {
      match: (w) => (w.payload.changes as { login: { from: string } }).login.from === "octo-org",
    });
    expect(heard.payload).toMatchObject({ account: { login: "octo-corp" }, target_type: "Organization" });
    await admin.request("PATCH /admin/organizations/{org}", { org: "octo-corp", login: "octo-org" });
  });

  it("gives a collaborator access to a private repository, and takes it back", async () => {
    const hubot = rest(HUBOT_TOKEN);
    await expect(hubot.rest.repos.get({ owner: "octocat", repo: "spoon-knife" })).rejects.toMatchObject({
      status: 404,
    });
    await admin.rest.repos.addCollaborator({
      owner: "octocat",
      repo: "spoon-knife",
      username: "hubot",
      permission: "maintain",
    });
    const seen = await hubot.rest.repos.get({ owner: "octocat", repo: "spoon-knife" });
    expect(seen.data.permissions).toMatchObject({ maintain: true, admin: false, push: true });
    // maintain is not admin: the collaborator may not add others.
    await expect(
      hubot.rest.repos.addCollaborator({ owner: "octocat", repo: "spoon-knife", username: "mona" }),
    ).rejects.toMatchObject({ status: 403 });
    await admin.rest.repos.removeCollaborator({ owner: "octocat", repo: "spoon-knife", username: "hubot" });
    await expect(hubot.rest.repos.get({ owner: "octocat", repo: "spoon-knife" })).rejects.toMatchObject({
      status: 404,
    });
  });

  it("renames a repository, keeping its id and the installations that reach it", async () => {
    const before = await admin.rest.repos.get({ owner: "octo-org", repo: "docs" });
    const renamed = await admin.rest.repos.update({ owner: "octo-org", repo: "docs", name: "handbook" });
    expect(renamed.data).toMatchObject({ id: before.data.id, full_name: "octo-org/handbook" });
    const app = new App({
      appId: hubcap.apps.watcher!.id,
      privateKey: hubcap.apps.watcher!.privateKey,
      Octokit: Octokit.defaults({ baseUrl: `${hubcap.url}/api/v3` }),
    });
    const installation = await app.octokit.request("GET /repos/{owner}/{repo}/installation", {
      owner: "octo-org",
      repo: "handbook",
    });
    expect(installation.data.account).toMatchObject({ login: "octo-org" });
    await admin.rest.repos.update({ owner: "octo-org", repo: "handbook", name: "docs" });
  });

  it("deletes a repository: the installation selecting it hears installation_repositories.removed", async () => {
    const { data: repo } = await admin.rest.repos.createInOrg({ org: "octo-org", name: "doomed" });
    const { data: installation } = await new App({
      appId: hubcap.apps.watcher!.id,
      privateKey: hubcap.apps.watcher!.privateKey,
      Octokit: Octokit.defaults({ baseUrl: `${hubcap.url}/api/v3` }),
    }).octokit.request("GET /orgs/{org}/installation", { org: "octo-org" });
    await hubcap.hub.installing.setRepositories(
      installation.id,
      { selection: "selected", repositoryIds: [repo.id] },
      (await hubcap.hub.store.findAccountByLogin("octocat"))!,
    );
    // Only the repository's admins may delete it.
    await expect(
      rest(HUBOT_TOKEN).rest.repos.delete({ owner: "octo-org", repo: "doomed" }),
    ).rejects.toMatchObject({ status: 403 });
    await admin.rest.repos.delete({ owner: "octo-org", repo: "doomed" });
    const heard = await hooks.waitFor("installation_repositories", "removed", {
      match: (w) => (w.payload.repositories_removed as Array<{ id: number }>).some((r) => r.id === repo.id),
    });
    expect(heard.payload.installation).toMatchObject({ id: installation.id });
  });
});

describe("who may administer", () => {
  it("refuses the site-admin API to people who are not site admins, and to installations", async () => {
    const hubot = rest(HUBOT_TOKEN);
    await expect(hubot.request("POST /admin/users", { login: "sneaky" })).rejects.toMatchObject({
      status: 403,
      response: { data: { message: "You must be a site administrator to use this endpoint." } },
    });
    await expect(hubot.request("GET /_hubcap/world")).rejects.toMatchObject({ status: 403 });
    await expect(
      rest("").request("POST /admin/organizations", { login: "x", admin: "hubot" }),
    ).rejects.toMatchObject({ status: 401 });
    const app = new App({
      appId: hubcap.apps.watcher!.id,
      privateKey: hubcap.apps.watcher!.privateKey,
      Octokit: Octokit.defaults({ baseUrl: `${hubcap.url}/api/v3` }),
    });
    const { data: installation } = await app.octokit.request("GET /orgs/{org}/installation", {
      org: "octo-org",
    });
    const installationOctokit = await app.getInstallationOctokit(installation.id);
    await expect(
      installationOctokit.request("POST /admin/users", { login: "bot-made" }),
    ).rejects.toMatchObject({
      status: 403,
      response: { data: { message: "Resource not accessible by integration" } },
    });
    await expect(
      installationOctokit.request("POST /_hubcap/apps", { name: "bot app" }),
    ).rejects.toMatchObject({ status: 403 });
    // And an app's JWT is no person at all.
    const { token: jwt } = (await app.octokit.auth({ type: "app" })) as { token: string };
    await expect(rest(jwt).request("POST /admin/users", { login: "jwt-made" })).rejects.toMatchObject({
      status: 401,
    });
    expect(await hubcap.hub.store.findAccountByLogin("sneaky")).toBeUndefined();
  });
});
