import { createOAuthDeviceAuth } from "@octokit/auth-oauth-device";
import { Octokit } from "@octokit/core";
import { request } from "@octokit/request";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import { OAUTH_WORLD } from "./world.js";

let hubcap: TestHubcap;
beforeAll(async () => {
  hubcap = await hubcapForTest({ world: OAUTH_WORLD });
});
afterAll(() => hubcap.close());

interface Verification {
  device_code: string;
  user_code: string;
  verification_uri: string;
  expires_in: number;
  interval: number;
}

/** The device flow as a CLI runs it, with `person` playing whoever reads the code and answers on /login/device. */
function deviceAuth(clientId: string, person: (verification: Verification) => Promise<void> | void) {
  return createOAuthDeviceAuth({
    clientType: "github-app",
    clientId,
    request: request.defaults({ baseUrl: `${hubcap.url}/api/v3` }),
    onVerification: person,
  });
}

/** The person's answer on the device page, through the testing library. */
function approve(userCode: string, login: string) {
  return hubcap.enterDeviceCode(login, userCode);
}

it("signs in with the device flow: the code shown, entered by the person, polled until approved", async () => {
  let shown: Verification | undefined;
  const auth = deviceAuth("Iv1.octoapp0client", (verification) => {
    shown = verification;
    // The person takes a moment: the first poll is still pending, the one after interval succeeds.
    setTimeout(() => void approve(verification.user_code.toLowerCase().replace("-", ""), "hubot"), 200);
  });
  const authentication = await auth({ type: "oauth" });
  expect(shown).toMatchObject({
    verification_uri: `${hubcap.url}/login/device`,
    expires_in: 900,
    interval: 5,
  });
  expect(shown!.user_code).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
  expect(authentication).toMatchObject({ clientType: "github-app", tokenType: "oauth" });
  expect((authentication as { token: string }).token).toMatch(/^ghu_/);
  expect((authentication as { refreshToken: string }).refreshToken).toMatch(/^ghr_/);

  const octokit = new Octokit({ baseUrl: `${hubcap.url}/api/v3`, auth: authentication.token });
  await expect(octokit.request("GET /user")).resolves.toMatchObject({ data: { login: "hubot" } });
}, 30_000);

it("stops with access_denied when the person refuses", async () => {
  const auth = deviceAuth("Iv1.octoapp0client", async (verification) => {
    await hubcap.enterDeviceCode("hubot", verification.user_code, "deny");
  });
  await expect(auth({ type: "oauth" })).rejects.toMatchObject({
    response: { data: { error: "access_denied" } },
  });
});

it("refuses the device flow to an app that has not enabled it", async () => {
  const auth = deviceAuth("Iv1.privateapp0client", () => {
    throw new Error("no code should be shown");
  });
  await expect(auth({ type: "oauth" })).rejects.toMatchObject({
    status: 400,
    response: { data: { error: "device_flow_disabled" } },
  });
});

it("takes each code once: a second approval, or an approval after it was used, is refused", async () => {
  const auth = deviceAuth("Iv1.octoapp0client", async (verification) => {
    await approve(verification.user_code, "mona");
    await expect(approve(verification.user_code, "hubot")).rejects.toMatchObject({ message: /not valid/ });
  });
  const authentication = await auth({ type: "oauth" });
  const octokit = new Octokit({ baseUrl: `${hubcap.url}/api/v3`, auth: authentication.token });
  await expect(octokit.request("GET /user")).resolves.toMatchObject({ data: { login: "mona" } });
});
