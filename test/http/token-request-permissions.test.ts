import { afterAll, beforeAll, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import { nowSeconds, signJwt } from "../helpers/jwt.js";
import { codeFor, OAUTH_WORLD, SECRET } from "../oauth/world.js";

/**
 * A token request naming a permission the installation does not hold, or one that does not exist, gets
 * GitHub's one answer, which names none (issue 14, "Credentials"); names that are keys of every plain
 * object (`constructor`, `__proto__`…) are names like any other, never a 500 (issue 13, item 9).
 */
const NOT_GRANTED = "The permissions requested are not granted to this installation.";
let hubcap: TestHubcap;

beforeAll(async () => {
  hubcap = await hubcapForTest({ world: OAUTH_WORLD });
});
afterAll(() => hubcap?.close());

/** Raw JSON, the body exactly as written. */
async function post(path: string, authorization: string, json: string) {
  const response = await fetch(`${hubcap.url}/api/v3${path}`, {
    method: "POST",
    headers: { authorization, "content-type": "application/json" },
    body: json,
  });
  return { status: response.status, body: (await response.json()) as { message: string } };
}

// `__proto__` never reaches a handler: Fastify's JSON parser refuses the body (400 Problems parsing JSON).
const NAMES = ["teleport", "constructor", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf"];

it("answers an installation token request naming an unknown permission with GitHub's message", async () => {
  const jwt = signJwt(
    { iat: nowSeconds() - 30, exp: nowSeconds() + 500, iss: 1 },
    hubcap.apps.octoapp!.privateKey,
  );
  for (const name of NAMES) {
    for (const level of ["read", "write"]) {
      const answer = await post(
        "/app/installations/1/access_tokens",
        `Bearer ${jwt}`,
        `{"permissions":{"${name}":"${level}"}}`,
      );
      expect({ name, ...answer }).toEqual({
        name,
        status: 422,
        body: expect.objectContaining({ message: NOT_GRANTED }),
      });
    }
  }
  // A level the permission cannot take, or the installation does not grant, alike.
  for (const permissions of ['{"issues":"admin"}', '{"administration":"read"}', '{"issues":"constructor"}']) {
    const answer = await post(
      "/app/installations/1/access_tokens",
      `Bearer ${jwt}`,
      `{"permissions":${permissions}}`,
    );
    expect(answer).toEqual({ status: 422, body: expect.objectContaining({ message: NOT_GRANTED }) });
  }
});

it("answers a scoped token request naming an unknown permission with the same message", async () => {
  const code = await codeFor(hubcap, "octocat", "Iv1.octoapp0client");
  const response = await fetch(`${hubcap.url}/login/oauth/access_token`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ client_id: "Iv1.octoapp0client", client_secret: SECRET, code }),
  });
  const { access_token } = (await response.json()) as { access_token: string };
  const basic = `Basic ${Buffer.from(`Iv1.octoapp0client:${SECRET}`).toString("base64")}`;
  for (const name of NAMES) {
    const answer = await post(
      "/applications/Iv1.octoapp0client/token/scoped",
      basic,
      `{"access_token":"${access_token}","target":"octo-org","permissions":{"${name}":"read"}}`,
    );
    expect({ name, ...answer }).toEqual({
      name,
      status: 422,
      body: expect.objectContaining({ message: NOT_GRANTED }),
    });
  }
});

it("refuses prototype keys as an app's permissions with a 422", async () => {
  for (const name of ["constructor", "toString", "hasOwnProperty"]) {
    const response = await fetch(`${hubcap.url}/_hubcap/apps/octoapp`, {
      method: "PATCH",
      headers: { authorization: `token ${hubcap.adminToken}`, "content-type": "application/json" },
      body: `{"default_permissions":{"${name}":"read"}}`,
    });
    expect({ name, status: response.status }).toEqual({ name, status: 422 });
  }
});
