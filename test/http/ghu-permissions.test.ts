import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import { codeFor, OAUTH_WORLD, SECRET } from "../oauth/world.js";

/**
 * A GitHub App's user access token (`ghu_`) reaches only what its app may (issue 13, item 4; issue 14,
 * "Credentials" and "Headers"): `GET /orgs/{org}/installations` needs the app's organization
 * Administration permission on the organization; `GET /user/marketplace_purchases` is called with
 * exactly such a token.
 */
const ADMIN_SECRET = "3333333333333333333333333333333333333333";
let hubcap: TestHubcap;

beforeAll(async () => {
  hubcap = await hubcapForTest({
    world: {
      ...OAUTH_WORLD,
      apps: [
        ...OAUTH_WORLD.apps!,
        {
          slug: "org-auditor",
          owner: "octo-org",
          client_id: "Iv1.orgauditor0client",
          client_secret: ADMIN_SECRET,
          callback_urls: ["https://app.example.com/auth/callback"],
          permissions: { metadata: "read", organization_administration: "read" },
        },
      ],
      installations: [...OAUTH_WORLD.installations!, { app: "org-auditor", account: "octo-org", id: 50 }],
    },
  });
});
afterAll(() => hubcap?.close());

/** A user access token of the app `clientId` for `login`, from the web flow. */
async function userToken(login: string, clientId: string, secret: string) {
  const code = await codeFor(hubcap, login, clientId);
  const response = await fetch(`${hubcap.url}/login/oauth/access_token`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ client_id: clientId, client_secret: secret, code }),
  });
  return (await response.json()) as { access_token: string; expires_in: number };
}

const rest = (auth: string) => new Octokit({ auth, baseUrl: `${hubcap.url}/api/v3` });

it("lists an organization's installations only to the tokens of apps with organization Administration", async () => {
  // octocat administers octo-org; octoapp may not read its administration.
  const { access_token } = await userToken("octocat", "Iv1.octoapp0client", SECRET);
  await expect(rest(access_token).rest.orgs.listAppInstallations({ org: "octo-org" })).rejects.toMatchObject({
    status: 403,
    response: {
      data: { message: "Resource not accessible by integration" },
      headers: { "x-accepted-github-permissions": "organization_administration=read" },
    },
  });
  // The token of an app that may read the organization's administration lists them.
  const auditor = await userToken("octocat", "Iv1.orgauditor0client", ADMIN_SECRET);
  const { data } = await rest(auditor.access_token).rest.orgs.listAppInstallations({ org: "octo-org" });
  expect(data.installations.map((i) => i.app_slug)).toContain("org-auditor");
  // Still only for the organization's admins.
  const hubot = await userToken("hubot", "Iv1.orgauditor0client", ADMIN_SECRET);
  await expect(
    rest(hubot.access_token).rest.orgs.listAppInstallations({ org: "octo-org" }),
  ).rejects.toMatchObject({ status: 404 });
});

it("answers /user/marketplace_purchases and its stubbed twin to a user access token", async () => {
  const { access_token } = await userToken("octocat", "Iv1.octoapp0client", SECRET);
  const octokit = rest(access_token);
  const purchases = await octokit.rest.apps.listSubscriptionsForAuthenticatedUser();
  expect(purchases.status).toBe(200);
  expect(Array.isArray(purchases.data)).toBe(true);
  const stubbed = await octokit.rest.apps.listSubscriptionsForAuthenticatedUserStubbed();
  expect(stubbed.status).toBe(200);
  expect(stubbed.data.length).toBeGreaterThan(0);
});

it("tells a user access token its app's client id, the route's needs and when it expires", async () => {
  const before = Date.now();
  const { access_token, expires_in } = await userToken("octocat", "Iv1.octoapp0client", SECRET);
  const { headers } = await rest(access_token).rest.repos.get({ owner: "octo-org", repo: "hello-world" });
  expect(headers["x-oauth-client-id"]).toBe("Iv1.octoapp0client");
  expect(headers["x-accepted-github-permissions"]).toBe("metadata=read");
  const expiration = headers["github-authentication-token-expiration"] as string;
  expect(expiration).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
  const at = Date.parse(expiration.replace(" UTC", "Z").replace(" ", "T"));
  expect(Math.abs(at - (before + expires_in * 1000))).toBeLessThan(60_000);
});
