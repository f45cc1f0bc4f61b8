import { createOAuthUserAuth } from "@octokit/auth-oauth-user";
import { Octokit } from "@octokit/core";
import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import { codeFor, OAUTH_WORLD, SECRET } from "./world.js";

let hubcap: TestHubcap;
beforeAll(async () => {
  hubcap = await hubcapForTest({ world: OAUTH_WORLD });
});
afterAll(() => hubcap.close());
afterEach(async () => {
  vi.useRealTimers();
  await hubcap.setClockOffset(0);
});

const EIGHT_HOURS = 8 * 3600_000;

/** An Octokit that signs in with a web-flow code and then manages the user's token itself. */
async function userOctokit(login: string, seen: string[] = []) {
  const code = await codeFor(hubcap, login, "Iv1.octoapp0client");
  const octokit = new Octokit({
    baseUrl: `${hubcap.url}/api/v3`,
    authStrategy: createOAuthUserAuth,
    auth: { clientType: "github-app", clientId: "Iv1.octoapp0client", clientSecret: SECRET, code },
    // Records the credential each API request carries.
    request: {
      fetch: (url: string, init: RequestInit) => {
        seen.push(String((init.headers as Record<string, string>).authorization ?? ""));
        return fetch(url, init);
      },
    },
  });
  // auth-oauth-user keeps what `octokit.auth()` obtains; what its request hook obtains (a code
  // exchange, an automatic refresh) lives only for that request. So sign in through auth() first.
  await octokit.auth();
  return octokit;
}

const tokenOf = async (octokit: Octokit) => ((await octokit.auth()) as { token: string }).token;

it("refreshes the token by itself once the clock (hubcap's and the client's) passes 8 hours", async () => {
  const seen: string[] = [];
  const octokit = await userOctokit("hubot", seen);
  const first = await tokenOf(octokit);
  await expect(octokit.request("GET /user")).resolves.toMatchObject({ data: { login: "hubot" } });
  expect(seen.at(-1)).toBe(`token ${first}`);

  // hubcap runs in this process: moving Date moves hubcap's clock and the client's together.
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + EIGHT_HOURS + 60_000 });
  const { data } = await octokit.request("GET /user");
  expect(data.login).toBe("hubot");
  const refreshed = seen.at(-1)!.replace(/^token /, "");
  expect(refreshed).toMatch(/^ghu_/);
  expect(refreshed).not.toBe(first);
  const old = new Octokit({ baseUrl: `${hubcap.url}/api/v3`, auth: first });
  await expect(old.request("GET /user")).rejects.toMatchObject({ status: 401 });
});

it("is refused once hubcap's clock passes 8 hours, until it refreshes", async () => {
  const octokit = await userOctokit("mona");
  const first = await tokenOf(octokit);
  await hubcap.advanceClock(EIGHT_HOURS - 60_000);
  await expect(octokit.request("GET /user")).resolves.toMatchObject({ data: { login: "mona" } });
  await hubcap.advanceClock(120_000);
  // The client still believes its token good (its own clock has not moved); hubcap does not.
  await expect(octokit.request("GET /user")).rejects.toMatchObject({ status: 401 });
  await octokit.auth({ type: "refresh" });
  expect(await tokenOf(octokit)).not.toBe(first);
  await expect(octokit.request("GET /user")).resolves.toMatchObject({ data: { login: "mona" } });
});

it("cannot refresh once the refresh token's six months are over", async () => {
  const octokit = await userOctokit("hubot");
  await tokenOf(octokit);
  await hubcap.advanceClock(15_897_600_000 + 60_000);
  await expect(octokit.auth({ type: "refresh" })).rejects.toMatchObject({
    response: { data: { error: "bad_refresh_token" } },
  });
});
