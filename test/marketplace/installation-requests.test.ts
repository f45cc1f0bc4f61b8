import { createAppAuth } from "@octokit/auth-app";
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { hubcapForTest } from "../helpers/hubcap.js";

/**
 * Installation requests: organization members who may not install ask for an app; the app lists the
 * requests (@octokit/rest's listInstallationRequestsForAuthenticatedApp); an admin installing clears them.
 */
let hubcap: TestHubcap;
let admin: Octokit;
let app: Octokit;

beforeAll(async () => {
  hubcap = await hubcapForTest({
    world: {
      users: [{ login: "octocat" }, { login: "hubot" }, { login: "mona" }, { login: "lisa" }],
      orgs: [
        { login: "octo-org", members: ["hubot", "mona"], admins: ["octocat"] },
        { login: "other-org", members: ["lisa"], admins: ["octocat"] },
      ],
      apps: [
        { slug: "wanted", id: 20, owner: "octocat", public: true },
        { slug: "elsewhere", id: 21, owner: "octocat", public: true },
      ],
    },
  });
  admin = new Octokit({ auth: hubcap.adminToken, baseUrl: hubcap.url });
  app = new Octokit({
    authStrategy: createAppAuth,
    auth: { appId: 20, privateKey: hubcap.apps.wanted!.privateKey },
    baseUrl: `${hubcap.url}/api/v3`,
  });
});
afterAll(() => hubcap?.close());

/** The account's login: an installation request's account is a user or organization (or an enterprise, by slug). */
const login = (account: { login: string } | { slug: string }) =>
  "login" in account ? account.login : account.slug;

const request = (account: string, requester: string, slug = "wanted") =>
  admin.request("POST /_hubcap/apps/{app_slug}/installation_requests", {
    app_slug: slug,
    account,
    requester,
  });

describe("installation requests", () => {
  it("lists members' requests with account and requester, paginated", async () => {
    const { status, data } = await request("octo-org", "hubot");
    expect(status).toBe(201);
    expect(data).toMatchObject({ account: { login: "octo-org" }, requester: { login: "hubot" } });
    await request("octo-org", "mona");
    await request("other-org", "lisa");
    await request("octo-org", "mona", "elsewhere");

    const { data: listed } = await app.apps.listInstallationRequestsForAuthenticatedApp();
    expect(listed.map((r) => [login(r.account), r.requester.login])).toEqual([
      ["octo-org", "hubot"],
      ["octo-org", "mona"],
      ["other-org", "lisa"],
    ]);
    expect(listed[0]!.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const page = await app.apps.listInstallationRequestsForAuthenticatedApp({ per_page: 2 });
    expect(page.headers.link).toContain('rel="next"');
    const all = await app.paginate(app.apps.listInstallationRequestsForAuthenticatedApp, { per_page: 1 });
    expect(all).toHaveLength(3);
  });

  it("refuses requests from admins, outsiders, twice, and for people's own accounts", async () => {
    await expect(request("octo-org", "octocat")).rejects.toMatchObject({ status: 422 });
    await expect(request("octo-org", "lisa")).rejects.toMatchObject({ status: 422 });
    await expect(request("octo-org", "hubot")).rejects.toMatchObject({ status: 422 });
    await expect(request("hubot", "hubot")).rejects.toMatchObject({ status: 422 });
    await expect(request("no-such-org", "hubot")).rejects.toMatchObject({ status: 404 });
    await expect(request("octo-org", "hubot", "no-such-app")).rejects.toMatchObject({ status: 404 });
    await expect(
      admin.request("POST /_hubcap/apps/{app_slug}/installation_requests", {
        app_slug: "wanted",
        account: "octo-org",
      }),
    ).rejects.toMatchObject({ status: 422 });
  });

  it("clears an organization's requests when an admin installs the app there", async () => {
    await admin.request("POST /_hubcap/apps/{app_slug}/installations", {
      app_slug: "wanted",
      account: "octo-org",
    });
    const { data } = await app.apps.listInstallationRequestsForAuthenticatedApp();
    expect(data.map((r) => login(r.account))).toEqual(["other-org"]);
    // Another app's request for the same organization stays.
    expect((await hubcap.hub.store.listInstallationRequests(21, { limit: 10, offset: 0 })).total).toBe(1);
    // Installed: nothing left to request.
    await expect(request("octo-org", "hubot")).rejects.toMatchObject({ status: 422 });
    await hubcap.install("wanted", "other-org");
    expect((await app.apps.listInstallationRequestsForAuthenticatedApp()).data).toEqual([]);
  });

  it("takes the app's JWT only", async () => {
    const person = new Octokit({ auth: hubcap.adminToken, baseUrl: hubcap.url });
    await expect(person.apps.listInstallationRequestsForAuthenticatedApp()).rejects.toMatchObject({
      status: 401,
    });
  });
});
