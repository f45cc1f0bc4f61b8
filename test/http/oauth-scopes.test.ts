import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { hubcapForTest, WORLD } from "../helpers/hubcap.js";

/**
 * OAuth scopes of personal and impersonation tokens (issue 13, item 2): each route accepts the scopes
 * GitHub's reference names for it, says so in `X-Accepted-OAuth-Scopes`, and answers as GitHub does
 * without one: 404 (so as not to confirm what exists), or 403 "Must have admin rights to Repository."
 * for a deletion without `delete_repo`.
 */
let hubcap: TestHubcap;
let admin: Octokit;

beforeAll(async () => {
  hubcap = await hubcapForTest({ world: WORLD });
  admin = new Octokit({ auth: hubcap.adminToken, baseUrl: `${hubcap.url}/api/v3` });
});
afterAll(() => hubcap?.close());

const rest = (auth: string) => new Octokit({ auth, baseUrl: `${hubcap.url}/api/v3` });

/** An impersonation token of `username` with exactly `scopes`. */
async function tokenOf(username: string, scopes: string[]): Promise<Octokit> {
  const { data } = await admin.request("POST /admin/users/{username}/authorizations", { username, scopes });
  return rest(data.token!);
}

describe("the site-admin API needs site_admin", () => {
  it("refuses a site admin's token with read:user: it creates and deletes no one", async () => {
    const octocat = await tokenOf("octocat", ["read:user"]);
    const refused = octocat.request("POST /admin/users", { login: "intruder" });
    await expect(refused).rejects.toMatchObject({
      status: 404,
      response: {
        data: { message: "Not Found" },
        headers: { "x-accepted-oauth-scopes": "site_admin", "x-oauth-scopes": "read:user" },
      },
    });
    await expect(
      octocat.request("DELETE /admin/users/{username}", { username: "hubot" }),
    ).rejects.toMatchObject({
      status: 404,
    });
    await expect(octocat.request("GET /_hubcap/world")).rejects.toMatchObject({ status: 404 });
    // hubot is still there.
    expect((await admin.rest.repos.get({ owner: "hubot", repo: "scripts" })).status).toBe(200);
    const withScope = await tokenOf("octocat", ["site_admin"]);
    const created = await withScope.request("POST /admin/users", { login: "welcome" });
    expect(created.status).toBe(201);
    expect(created.headers["x-accepted-oauth-scopes"]).toBe("site_admin");
  });
});

describe("repositories need repo, public_repo or delete_repo", () => {
  it("refuses a token without scopes a private repository, and the deletion of any", async () => {
    const hubot = await tokenOf("hubot", []);
    await expect(
      hubot.rest.repos.createForAuthenticatedUser({ name: "hidden", private: true }),
    ).rejects.toMatchObject({
      status: 404,
      response: { headers: { "x-accepted-oauth-scopes": "public_repo, repo" } },
    });
    await expect(hubot.rest.repos.createForAuthenticatedUser({ name: "shown" })).rejects.toMatchObject({
      status: 404,
    });
    await expect(hubot.rest.repos.delete({ owner: "hubot", repo: "scripts" })).rejects.toMatchObject({
      status: 403,
      response: { data: { message: "Must have admin rights to Repository." } },
    });
    // A public repository is read without any scope; a private one is not.
    expect((await hubot.rest.repos.get({ owner: "octo-org", repo: "hello-world" })).status).toBe(200);
    await expect(hubot.rest.repos.get({ owner: "octo-org", repo: "secret-plans" })).rejects.toMatchObject({
      status: 404,
    });
    // It is still there.
    expect((await admin.rest.repos.get({ owner: "hubot", repo: "scripts" })).status).toBe(200);
  });

  it("lets public_repo create public repositories only, and repo private ones", async () => {
    const publicOnly = await tokenOf("hubot", ["public_repo"]);
    const created = await publicOnly.rest.repos.createForAuthenticatedUser({ name: "open" });
    expect(created.status).toBe(201);
    expect(created.headers["x-accepted-oauth-scopes"]).toBe("public_repo, repo");
    expect(created.headers["x-oauth-scopes"]).toBe("public_repo");
    await expect(
      publicOnly.rest.repos.createForAuthenticatedUser({ name: "closed", private: true }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      publicOnly.rest.repos.update({ owner: "hubot", repo: "open", private: true }),
    ).rejects.toMatchObject({ status: 404 });

    const full = await tokenOf("hubot", ["repo"]);
    expect((await full.rest.repos.createForAuthenticatedUser({ name: "closed", private: true })).status).toBe(
      201,
    );
    expect(
      (await full.rest.repos.get({ owner: "hubot", repo: "closed" })).headers["x-accepted-oauth-scopes"],
    ).toBe("repo");
    await expect(full.rest.repos.delete({ owner: "hubot", repo: "closed" })).rejects.toMatchObject({
      status: 403,
    });
    const deleter = await tokenOf("hubot", ["delete_repo"]);
    expect((await deleter.rest.repos.delete({ owner: "hubot", repo: "closed" })).status).toBe(204);
  });
});

describe("organizations need admin:org or read:org", () => {
  it("refuses memberships to a token with read:org, and installations to one without it", async () => {
    const reader = await tokenOf("octocat", ["read:org"]);
    await expect(
      reader.rest.orgs.setMembershipForUser({ org: "octo-org", username: "hubot", role: "admin" }),
    ).rejects.toMatchObject({
      status: 404,
      response: { headers: { "x-accepted-oauth-scopes": "admin:org" } },
    });
    const listed = await reader.rest.orgs.listAppInstallations({ org: "octo-org" });
    expect(listed.status).toBe(200);
    expect(listed.headers["x-accepted-oauth-scopes"]).toBe("read:org");
    // admin:org includes read:org.
    expect(
      (await (await tokenOf("octocat", ["admin:org"])).rest.orgs.listAppInstallations({ org: "octo-org" }))
        .status,
    ).toBe(200);
    await expect(
      (await tokenOf("octocat", ["repo"])).rest.orgs.listAppInstallations({ org: "octo-org" }),
    ).rejects.toMatchObject({
      status: 404,
    });
  });

  it("refuses a world token whose scopes the world named", async () => {
    await hubcap.apply({
      users: [
        { login: "mona", token: "ghp_monaReadOnlyToken0000000000000000000", token_scopes: ["read:user"] },
      ],
    });
    const mona = rest("ghp_monaReadOnlyToken0000000000000000000");
    const { headers } = await mona.rest.users.getAuthenticated();
    expect(headers["x-oauth-scopes"]).toBe("read:user");
    expect(headers["x-accepted-oauth-scopes"]).toBe("");
    await expect(mona.rest.repos.createForAuthenticatedUser({ name: "nope" })).rejects.toMatchObject({
      status: 404,
    });
  });
});
