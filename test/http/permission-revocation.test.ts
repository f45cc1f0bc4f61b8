import { createAppAuth } from "@octokit/auth-app";
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { hubcapForTest } from "../helpers/hubcap.js";

/**
 * A permission the installation loses is lost for the tokens minted before (issue 13, item 3): every
 * check of an installation token's permissions reads what the installation grants now, on either
 * store (the installation's permissions are stored; its tokens keep what they were minted with).
 */
let hubcap: TestHubcap;
let admin: Octokit;

beforeAll(async () => {
  hubcap = await hubcapForTest({
    world: {
      users: [{ login: "octocat" }],
      orgs: [{ login: "octo-org", admins: ["octocat"] }],
      repos: [{ full_name: "octo-org/hello-world" }],
      apps: [
        {
          slug: "linker",
          id: 40,
          owner: "octo-org",
          permissions: { metadata: "read", content_references: "write", issues: "write" },
          events: ["content_reference"],
          content_references: ["errors.example.com"],
        },
      ],
      installations: [{ app: "linker", account: "octo-org", id: 400 }],
    },
  });
  admin = new Octokit({ auth: hubcap.adminToken, baseUrl: `${hubcap.url}/api/v3` });
});
afterAll(() => hubcap?.close());

const CORSAIR = "application/vnd.github.corsair-preview+json";
const appOctokit = () =>
  new Octokit({
    authStrategy: createAppAuth,
    auth: { appId: 40, privateKey: hubcap.apps.linker!.privateKey },
    baseUrl: `${hubcap.url}/api/v3`,
  });

async function reference(): Promise<number> {
  const { data } = await admin.request("POST /_hubcap/content_references", {
    app: "linker",
    repository: "octo-org/hello-world",
    reference: "https://errors.example.com/1",
  });
  return data.id as number;
}

const attach = (octokit: Octokit, id: number) =>
  octokit.request("POST /content_references/{id}/attachments", {
    id,
    title: "t",
    body: "b",
    headers: { accept: CORSAIR },
  });

it("tells an installation token what the route needs, and when the token expires, in GitHub's forms", async () => {
  const { data: minted } = await appOctokit().rest.apps.createInstallationAccessToken({
    installation_id: 400,
  });
  const octokit = new Octokit({ auth: minted.token, baseUrl: `${hubcap.url}/api/v3` });
  const answer = await attach(octokit, await reference());
  expect(answer.headers["x-accepted-github-permissions"]).toBe("content_references=write");
  const expiry = new Date(minted.expires_at).toISOString().slice(0, 19).replace("T", " ");
  expect(answer.headers["github-authentication-token-expiration"]).toBe(`${expiry} UTC`);
  const listed = await octokit.rest.apps.listReposAccessibleToInstallation();
  expect(listed.headers["x-accepted-github-permissions"]).toBe("");
});

it("refuses an old token the permission its installation has since lost", async () => {
  const { data: minted } = await appOctokit().rest.apps.createInstallationAccessToken({
    installation_id: 400,
  });
  expect(minted.permissions).toMatchObject({ content_references: "write" });
  const old = new Octokit({ auth: minted.token, baseUrl: `${hubcap.url}/api/v3` });

  const [first, second] = [await reference(), await reference()];
  expect((await attach(old, first!)).status).toBe(200);

  // The app stops asking for content references, and the installation's admin accepts.
  await admin.request("PATCH /_hubcap/apps/{app_slug}", {
    app_slug: "linker",
    default_permissions: { metadata: "read", issues: "write" },
  });
  await admin.request("POST /_hubcap/installations/{installation_id}/accept_permissions", {
    installation_id: 400,
  });

  await expect(attach(old, second!)).rejects.toMatchObject({
    status: 403,
    response: { data: { message: "Resource not accessible by integration" } },
  });
  // Nor can a token be minted, or narrowed, to the permission lost.
  await expect(
    // (the older editions' permission, which today's octokit types no longer name)
    appOctokit().request("POST /app/installations/400/access_tokens", {
      permissions: { content_references: "write" },
    }),
  ).rejects.toMatchObject({
    status: 422,
    response: { data: { message: "The permissions requested are not granted to this installation." } },
  });
});
