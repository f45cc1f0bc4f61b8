import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { receiveWebhooks, type TestHubcap, type WebhookReceiver } from "../../src/testing/index.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import { webhookProblems } from "../helpers/webhook-schemas.js";
import { codeFor, OAUTH_WORLD, OTHER_SECRET, SECOND_SECRET, SECRET } from "./world.js";

let hubcap: TestHubcap;
let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await receiveWebhooks({ secret: "shh" });
  hubcap = await hubcapForTest({
    world: {
      ...OAUTH_WORLD,
      apps: OAUTH_WORLD.apps!.map((a) =>
        a.slug === "octoapp" ? { ...a, webhook: { url: receiver.url, secret: "shh" } } : a,
      ),
    },
  });
});
afterAll(async () => {
  await hubcap.close();
  await receiver.close();
});

const CLIENT = "Iv1.octoapp0client";
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

/** A user access token for `login`, through the web flow. */
async function tokenFor(login: string, clientId = CLIENT, secret = SECRET): Promise<string> {
  const code = await codeFor(hubcap, login, clientId);
  const response = await fetch(`${hubcap.url}/login/oauth/access_token`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ client_id: clientId, client_secret: secret, code }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

async function call(
  method: string,
  path: string,
  options: { auth?: string; body?: unknown; prefix?: string } = {},
): Promise<{ status: number; body: Record<string, unknown> | undefined }> {
  const response = await fetch(`${hubcap.url}${options.prefix ?? "/api/v3"}${path}`, {
    method,
    headers: {
      ...(options.auth && { authorization: options.auth }),
      ...(options.body !== undefined && { "content-type": "application/json" }),
    },
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const check = (token: string, auth = basic(CLIENT, SECRET), client = CLIENT) =>
  call("POST", `/applications/${client}/token`, { auth, body: { access_token: token } });

describe("client credentials", () => {
  it("refuses missing, malformed and wrong credentials with 401, saying nothing of which part was wrong", async () => {
    const token = await tokenFor("hubot");
    expect(
      (await call("POST", `/applications/${CLIENT}/token`, { body: { access_token: token } })).status,
    ).toBe(401);
    for (const auth of [
      basic(CLIENT, OTHER_SECRET),
      basic("Iv1.privateapp0client", OTHER_SECRET),
      basic("Iv1.nosuchapp", SECRET),
      "Basic not-base64!",
      `Basic ${Buffer.from("no colon").toString("base64")}`,
      `Bearer ${token}`,
    ]) {
      const answer = await check(token, auth);
      expect(answer, auth).toMatchObject({ status: 401, body: { message: "Bad credentials" } });
    }
    // The credentials of one app do not open another's path.
    const other = await call("POST", "/applications/Iv1.privateapp0client/token", {
      auth: basic(CLIENT, SECRET),
      body: { access_token: token },
    });
    expect(other.status).toBe(401);
    expect((await check(token, basic(CLIENT, SECOND_SECRET))).status).toBe(200);
  });
});

describe("tokens the app may not see", () => {
  it("answers 404 for another app's token, an unknown one, a personal token and an expired one", async () => {
    const others = await tokenFor("hubot", "Iv1.privateapp0client", OTHER_SECRET);
    for (const token of [
      others,
      "ghu_000000000000000000000000000000000000",
      "ghp_hubotPersonalToken00000000000000000",
      "not a token at all",
    ]) {
      expect((await check(token)).status).toBe(404);
      expect(
        (
          await call("PATCH", `/applications/${CLIENT}/token`, {
            auth: basic(CLIENT, SECRET),
            body: { access_token: token },
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await call("DELETE", `/applications/${CLIENT}/token`, {
            auth: basic(CLIENT, SECRET),
            body: { access_token: token },
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await call("DELETE", `/applications/${CLIENT}/grant`, {
            auth: basic(CLIENT, SECRET),
            body: { access_token: token },
          })
        ).status,
      ).toBe(404);
    }
    // Another app's token still works for that app.
    expect(
      (await check(others, basic("Iv1.privateapp0client", OTHER_SECRET), "Iv1.privateapp0client")).status,
    ).toBe(200);

    const expiring = await tokenFor("hubot");
    await hubcap.advanceClock(8 * 3600_000);
    try {
      expect((await check(expiring)).status).toBe(404);
    } finally {
      await hubcap.setClockOffset(0);
    }
  });

  it("answers 422 to a body without access_token", async () => {
    const answer = await call("POST", `/applications/${CLIENT}/token`, {
      auth: basic(CLIENT, SECRET),
      body: {},
    });
    expect(answer.status).toBe(422);
    const scoped = await call("POST", `/applications/${CLIENT}/token/scoped`, {
      auth: basic(CLIENT, SECRET),
      body: { access_token: await tokenFor("hubot") },
    });
    expect(scoped.status).toBe(422);
  });
});

describe("revocation", () => {
  it("makes a deleted token fail everywhere at once", async () => {
    const token = await tokenFor("hubot");
    expect((await call("GET", "/user", { auth: `token ${token}` })).status).toBe(200);
    expect(
      (
        await call("DELETE", `/applications/${CLIENT}/token`, {
          auth: basic(CLIENT, SECRET),
          body: { access_token: token },
        })
      ).status,
    ).toBe(204);
    expect((await call("GET", "/user", { auth: `token ${token}` })).status).toBe(401);
    expect((await check(token)).status).toBe(404);
  });

  it("revokes the grant: every token of the user for the app dies, and the app hears github_app_authorization.revoked", async () => {
    const one = await tokenFor("mona");
    const two = await tokenFor("mona");
    const hubots = await tokenFor("hubot");
    const answer = await call("DELETE", `/applications/${CLIENT}/grant`, {
      auth: basic(CLIENT, SECRET),
      body: { access_token: one },
    });
    expect(answer.status).toBe(204);
    for (const token of [one, two])
      expect((await call("GET", "/user", { auth: `token ${token}` })).status).toBe(401);
    expect((await call("GET", "/user", { auth: `token ${hubots}` })).status).toBe(200);

    const revoked = await receiver.waitFor("github_app_authorization", "revoked");
    expect(revoked.payload).toMatchObject({ action: "revoked", sender: { login: "mona" } });
    expect(webhookProblems("github_app_authorization", "revoked", revoked.payload)).toEqual([]);
  });
});

describe("the legacy forms, with the token in the path", () => {
  it("checks, resets and revokes a token, and revokes a grant", async () => {
    const auth = basic(CLIENT, SECRET);
    const token = await tokenFor("hubot");
    const checked = await call("GET", `/applications/${CLIENT}/tokens/${token}`, { auth });
    expect(checked).toMatchObject({ status: 200, body: { token, user: { login: "hubot" } } });
    const reset = await call("POST", `/applications/${CLIENT}/tokens/${token}`, { auth });
    expect(reset.status).toBe(200);
    const fresh = reset.body!.token as string;
    expect(fresh).not.toBe(token);
    expect((await call("GET", `/applications/${CLIENT}/tokens/${token}`, { auth })).status).toBe(404);
    expect((await call("DELETE", `/applications/${CLIENT}/tokens/${fresh}`, { auth })).status).toBe(204);
    expect((await check(fresh)).status).toBe(404);

    const another = await tokenFor("hubot");
    expect((await call("DELETE", `/applications/${CLIENT}/grants/${another}`, { auth })).status).toBe(204);
    expect((await check(another)).status).toBe(404);
    // At the host root too.
    expect(
      (await call("GET", `/applications/${CLIENT}/tokens/${another}`, { auth, prefix: "" })).status,
    ).toBe(404);
  });
});

describe("who may call what", () => {
  it("refuses /user to installation tokens, and the site-admin API to user access tokens", async () => {
    const { token: installationToken } = await hubcap.hub.installations.createAccessToken(1, 1, {});
    const user = await call("GET", "/user", { auth: `token ${installationToken}` });
    expect(user).toMatchObject({ status: 403, body: { message: "Resource not accessible by integration" } });
    const octocats = await tokenFor("octocat");
    const admin = await call("POST", "/admin/users", {
      auth: `token ${octocats}`,
      body: { login: "newbie" },
    });
    expect(admin.status).toBe(403);
  });
});
