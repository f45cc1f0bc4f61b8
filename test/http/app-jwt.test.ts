import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JWT_MESSAGES } from "../../src/domain/app-auth.js";
import type { TestHubcap } from "../../src/testing/index.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import { hmacJwt, nowSeconds, signJwt, unsignedJwt } from "../helpers/jwt.js";

let hubcap: TestHubcap;
let secondKey: string;
beforeAll(async () => {
  hubcap = await hubcapForTest();
  // A second registered key: GitHub lets an app hold several.
  const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
  secondKey = pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  await hubcap.apply({
    users: [{ login: "keyholder" }],
    apps: [
      {
        slug: "two-keys",
        id: 9,
        owner: "keyholder",
        public_keys: [pair.publicKey.export({ type: "spki", format: "pem" }).toString()],
      },
    ],
  });
});
afterAll(() => hubcap.close());

async function getApp(jwt: string) {
  const response = await fetch(`${hubcap.url}/app`, { headers: { authorization: `Bearer ${jwt}` } });
  return { status: response.status, body: (await response.json()) as { message?: string; id?: number } };
}

const key = () => hubcap.apps.octoapp!.privateKey;

describe("app JWTs, checked as GitHub checks them", () => {
  it.each([
    [
      "octokit: iat = now-30, exp = iat+600",
      () => ({ iat: nowSeconds() - 30, exp: nowSeconds() + 570, iss: 1 }),
    ],
    [
      "ruby: iat = now-60, exp = now+600",
      () => ({ iat: nowSeconds() - 60, exp: nowSeconds() + 600, iss: 1 }),
    ],
    [
      "PyGithub: iat = now, exp = now+600, iss as a string",
      () => ({ iat: nowSeconds(), exp: nowSeconds() + 600, iss: "1" }),
    ],
    ["iat slightly ahead of hubcap", () => ({ iat: nowSeconds() + 30, exp: nowSeconds() + 300, iss: 1 })],
  ])("accepts %s", async (_, claims) => {
    expect(await getApp(signJwt(claims(), key()))).toMatchObject({ status: 200, body: { id: 1 } });
  });

  it.each([
    [
      "exp too far ahead",
      () => ({ iat: nowSeconds(), exp: nowSeconds() + 3600, iss: 1 }),
      JWT_MESSAGES.expTooFar,
    ],
    [
      "an expired token",
      () => ({ iat: nowSeconds() - 700, exp: nowSeconds() - 100, iss: 1 }),
      JWT_MESSAGES.expInvalid,
    ],
    ["exp missing", () => ({ iat: nowSeconds(), iss: 1 }), JWT_MESSAGES.expInvalid],
    [
      "exp as a string",
      () => ({ iat: nowSeconds(), exp: String(nowSeconds() + 60), iss: 1 }),
      JWT_MESSAGES.expInvalid,
    ],
    [
      "iat in the future",
      () => ({ iat: nowSeconds() + 120, exp: nowSeconds() + 500, iss: 1 }),
      JWT_MESSAGES.iatInvalid,
    ],
    [
      "iat not an integer",
      () => ({ iat: nowSeconds() + 0.5, exp: nowSeconds() + 500, iss: 1 }),
      JWT_MESSAGES.iatInvalid,
    ],
    ["iss missing", () => ({ iat: nowSeconds(), exp: nowSeconds() + 500 }), JWT_MESSAGES.issInvalid],
    [
      "iss not an id",
      () => ({ iat: nowSeconds(), exp: nowSeconds() + 500, iss: "octoapp" }),
      JWT_MESSAGES.issInvalid,
    ],
    [
      "an unknown app",
      () => ({ iat: nowSeconds(), exp: nowSeconds() + 500, iss: 4242 }),
      JWT_MESSAGES.unknownApp,
    ],
  ])("refuses %s with GitHub's message", async (_, claims, message) => {
    expect(await getApp(signJwt(claims(), key()))).toMatchObject({ status: 401, body: { message } });
  });

  const claims = () => ({ iat: nowSeconds() - 30, exp: nowSeconds() + 500, iss: 1 });

  it("refuses a token signed by another app's key", async () => {
    expect(await getApp(signJwt(claims(), hubcap.apps["private-app"]!.privateKey))).toMatchObject({
      status: 401,
      body: { message: JWT_MESSAGES.undecodable },
    });
  });

  it("refuses alg none, HS256 and key confusion (the public key as an HMAC secret)", async () => {
    const { publicKeyPem } = (await hubcap.hub.store.listAppKeys(1))[0]!;
    for (const jwt of [unsignedJwt(claims()), hmacJwt(claims(), "secret"), hmacJwt(claims(), publicKeyPem)]) {
      expect(await getApp(jwt)).toMatchObject({ status: 401, body: { message: JWT_MESSAGES.undecodable } });
    }
  });

  it("refuses a tampered payload", async () => {
    const [header, , signature] = signJwt(claims(), key()).split(".");
    const forged = Buffer.from(JSON.stringify({ ...claims(), iss: 2 })).toString("base64url");
    expect(await getApp(`${header}.${forged}.${signature}`)).toMatchObject({ status: 401 });
  });

  it("refuses garbage, tokens and nothing at all", async () => {
    for (const value of ["a.b.c", "not-a-jwt", "ghp_octocatPersonalToken0000000000000000"]) {
      expect(await getApp(value)).toMatchObject({ status: 401, body: { message: JWT_MESSAGES.undecodable } });
    }
    const response = await fetch(`${hubcap.url}/app/installations`);
    expect(response.status).toBe(401);
  });

  it("accepts any of an app's registered keys", async () => {
    expect(await getApp(signJwt({ ...claims(), iss: 9 }, secondKey))).toMatchObject({
      status: 200,
      body: { id: 9 },
    });
  });

  it("follows hubcap's clock, not the machine's", async () => {
    await hubcap.advanceClock(15 * 60 * 1000);
    try {
      expect(await getApp(signJwt(claims(), key()))).toMatchObject({
        status: 401,
        body: { message: JWT_MESSAGES.expInvalid },
      });
    } finally {
      await hubcap.setClockOffset(0);
    }
  });

  it("keeps another app's installations out of reach", async () => {
    const jwt = signJwt({ ...claims(), iss: 2 }, hubcap.apps["private-app"]!.privateKey);
    for (const [method, path] of [
      ["GET", "/app/installations/1"],
      ["POST", "/app/installations/1/access_tokens"],
      ["PUT", "/app/installations/1/suspended"],
      ["DELETE", "/app/installations/1"],
    ] as const) {
      const response = await fetch(hubcap.url + path, {
        method,
        headers: { authorization: `Bearer ${jwt}` },
      });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(await response.json()).toMatchObject({ message: "Not Found", status: "404" });
    }
    const list = await fetch(`${hubcap.url}/app/installations`, {
      headers: { authorization: `Bearer ${jwt}` },
    });
    expect(((await list.json()) as Array<{ id: number }>).map((i) => i.id)).toEqual([3]);
  });
});
