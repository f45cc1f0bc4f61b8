import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import { codeFor, OAUTH_WORLD, SECRET } from "../oauth/world.js";

/**
 * GitHub takes HTTP Basic with a login and a token as its password wherever it takes a token (issue 14,
 * "Credentials"; the seeds name Basic for adding and removing installation repositories). Basic with a
 * client id and secret still means the app on the client-credential routes.
 */
const OCTOCAT_TOKEN = "ghp_octocatPersonalToken0000000000000000";
let hubcap: TestHubcap;
let octokit: Octokit;

beforeAll(async () => {
  hubcap = await hubcapForTest({ world: OAUTH_WORLD });
  octokit = new Octokit({ baseUrl: `${hubcap.url}/api/v3` });
});
afterAll(() => hubcap?.close());

const basic = (login: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${login}:${password}`).toString("base64")}`,
});

it("takes a login and a personal access token", async () => {
  const { data, headers } = await octokit.rest.users.getAuthenticated({
    headers: basic("octocat", OCTOCAT_TOKEN),
  });
  expect(data.login).toBe("octocat");
  expect(headers["x-oauth-scopes"]).toContain("repo");
  // Logins are matched without regard to case.
  expect(
    (await octokit.rest.users.getAuthenticated({ headers: basic("OctoCat", OCTOCAT_TOKEN) })).status,
  ).toBe(200);
  // Another person's login, a wrong token, a JWT-shaped password: Bad credentials.
  for (const headers of [
    basic("hubot", OCTOCAT_TOKEN),
    basic("octocat", "ghp_noSuchToken000000000000000000000000"),
    basic("octocat", "a.b.c"),
  ]) {
    await expect(octokit.rest.users.getAuthenticated({ headers })).rejects.toMatchObject({
      status: 401,
      response: { data: { message: "Bad credentials" } },
    });
  }
});

it("adds and removes an installation's repository with Basic, as the seeds call it", async () => {
  const headers = basic("octocat", OCTOCAT_TOKEN);
  const { data: docs } = await octokit.rest.repos.get({ owner: "octo-org", repo: "docs", headers });
  const added = await octokit.rest.apps.addRepoToInstallationForAuthenticatedUser({
    installation_id: 1,
    repository_id: docs.id,
    headers,
  });
  expect(added.status).toBe(204);
  const removed = await octokit.rest.apps.removeRepoFromInstallationForAuthenticatedUser({
    installation_id: 1,
    repository_id: docs.id,
    headers,
  });
  expect(removed.status).toBe(204);
  // Basic with a client id and secret still means the app on the client-credential routes.
  const { status } = await octokit.rest.apps
    .deleteAuthorization({
      client_id: "Iv1.octoapp0client",
      access_token: "ghu_unknownToken0000000000000000000000",
      headers: basic("Iv1.octoapp0client", SECRET),
    })
    .catch((error: { status: number }) => error);
  // An unknown token is 404 under good client credentials; bad ones would be 401.
  expect(status).toBe(404);
  const wrong = await octokit.rest.apps
    .deleteAuthorization({
      client_id: "Iv1.octoapp0client",
      access_token: "ghu_unknownToken0000000000000000000000",
      headers: basic("octocat", OCTOCAT_TOKEN),
    })
    .catch((error: { status: number }) => error);
  expect(wrong.status).toBe(401);
});

it("takes a user access token under its user's login", async () => {
  const code = await codeFor(hubcap, "octocat", "Iv1.octoapp0client");
  const response = await fetch(`${hubcap.url}/login/oauth/access_token`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ client_id: "Iv1.octoapp0client", client_secret: SECRET, code }),
  });
  const { access_token } = (await response.json()) as { access_token: string };
  const { status } = await octokit.rest.apps.listInstallationsForAuthenticatedUser({
    headers: basic("octocat", access_token),
  });
  expect(status).toBe(200);
  await expect(
    octokit.rest.apps.listInstallationsForAuthenticatedUser({ headers: basic("hubot", access_token) }),
  ).rejects.toMatchObject({ status: 401 });
});
