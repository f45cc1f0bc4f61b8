import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import { nowSeconds, signJwt } from "../helpers/jwt.js";

let hubcap: TestHubcap;
let before: Record<string, unknown[]>;
let otherToken: string;

beforeAll(async () => {
  hubcap = await hubcapForTest();
  otherToken = (
    (await call("POST", "/app/installations/2/access_tokens", { jwt: true, body: {} })).body as {
      token: string;
    }
  ).token;
  before = await snapshot();
});
afterAll(async () => {
  // Everything below was refused: not one stored row may differ.
  expect(await snapshot()).toEqual(before);
  await hubcap.close();
});

/** Every stored row but the rate-limit counters, which refused requests rightly move. */
async function snapshot() {
  const { rate_limits: _counters, ...rest } = await hubcap.hub.store.dumpTables();
  return rest;
}

const jwt = () =>
  signJwt({ iat: nowSeconds() - 30, exp: nowSeconds() + 500, iss: 1 }, hubcap.apps.octoapp!.privateKey);

async function call(
  method: string,
  path: string,
  options: { jwt?: boolean; token?: string; body?: unknown; raw?: string } = {},
) {
  const headers: Record<string, string> = {};
  if (options.jwt) headers.authorization = `Bearer ${jwt()}`;
  if (options.token) headers.authorization = `token ${options.token}`;
  if (options.body !== undefined || options.raw !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(hubcap.url + path, {
    method,
    headers,
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

describe("POST /app/installations/{id}/access_tokens refuses bad requests", () => {
  const mint = (body: unknown, raw?: string) =>
    call("POST", "/app/installations/1/access_tokens", { jwt: true, body, raw });

  it("malformed JSON is 400 Problems parsing JSON", async () => {
    expect(await mint(undefined, "{not json")).toMatchObject({
      status: 400,
      body: { message: "Problems parsing JSON", status: "400" },
    });
  });

  it.each([
    [{ repositories: "hello-world" }, `For 'properties/repositories', "hello-world" is not an array.`],
    [{ repository_ids: ["1"] }, `For 'properties/repository_ids/items', "1" is not an integer.`],
    [{ repository_ids: [1.5] }, `For 'properties/repository_ids/items', 1.5 is not an integer.`],
    [{ permissions: "all" }, `For 'properties/permissions', "all" is not an object.`],
    [{ permissions: { issues: 3 } }, `For 'properties/permissions/properties/issues', 3 is not a string.`],
    [[1, 2], "is not an object"],
  ])("wrong types: %j", async (body, message) => {
    const { status, body: error } = await mint(body);
    expect(status).toBe(422);
    expect(error!.message).toContain("Invalid request.");
    expect(error!.message).toContain(message);
  });

  it.each([
    [
      { repositories: ["docs"] },
      "There is at least one repository that does not exist or is not accessible to the parent installation.",
    ],
    [
      { repositories: ["hello-world", "nope"] },
      "There is at least one repository that does not exist or is not accessible",
    ],
    [{ repositories: ["hubot/scripts"] }, "There is at least one repository that does not exist"],
    [{ repository_ids: [999999] }, "There is at least one repository that does not exist"],
    [{ repository_ids: Array.from({ length: 501 }, (_, i) => i + 1) }, "maximum is 500"],
    [
      { permissions: { administration: "write" } },
      "The permissions requested are not granted to this installation.",
    ],
    // GitHub names no permission, whether unknown, at a level it cannot take, or not granted.
    [{ permissions: { issues: "admin" } }, "The permissions requested are not granted to this installation."],
    [
      { permissions: { teleport: "read" } },
      "The permissions requested are not granted to this installation.",
    ],
  ])("semantic errors are 422 with GitHub's message: %j", async (body, message) => {
    const { status, body: error } = await mint(body);
    expect(status).toBe(422);
    expect(error).toMatchObject({
      status: "422",
      documentation_url: expect.stringContaining("create-an-installation-access-token"),
    });
    expect(error!.message).toContain(message);
  });

  it.each([
    "/app/installations/999/access_tokens",
    "/app/installations/abc/access_tokens",
    "/app/installations/-1/access_tokens",
    "/app/installations/3/access_tokens",
  ])("unknown and foreign installations are 404: %s", async (path) => {
    expect(await call("POST", path, { jwt: true, body: {} })).toMatchObject({
      status: 404,
      body: { message: "Not Found" },
    });
  });
});

describe("other routes refuse bad requests", () => {
  it.each([
    ["GET", "/app/installations/99999999999999999999"],
    ["GET", "/app/installations/0"],
    ["DELETE", "/app/installations/3"],
    ["PUT", "/app/installations/3/suspended"],
    ["DELETE", "/app/installations/999/suspended"],
    ["GET", "/orgs/nobody/installation"],
    ["GET", "/orgs/octocat/installation"],
    ["GET", "/users/hubot/installation"],
    ["GET", "/repos/octo-org/docs/installation"],
    ["GET", "/repos/octo-org/missing/installation"],
  ])("%s %s is 404", async (method, path) => {
    expect(await call(method, path, { jwt: true })).toMatchObject({
      status: 404,
      body: { message: "Not Found", status: "404" },
    });
  });

  it("another installation's token sees none of this installation's private repositories", async () => {
    expect(await call("GET", "/repos/octo-org/secret-plans", { token: otherToken })).toMatchObject({
      status: 404,
    });
    expect(await call("GET", "/repos/hubot/scripts", { token: otherToken })).toMatchObject({ status: 404 });
    expect(await call("GET", "/repos/octocat/spoon-knife", { token: otherToken })).toMatchObject({
      status: 200,
    });
  });

  it("unknown and malformed tokens are 401 Bad credentials", async () => {
    for (const token of [
      "ghs_000000000000000000000000000000000000",
      "ghs_with.dots",
      "x".repeat(300),
      "ghs_ünïcode",
    ]) {
      const { status, body } = await call("GET", "/installation/repositories", { token });
      expect({ status, message: body?.message }).toEqual({ status: 401, message: "Bad credentials" });
    }
    const response = await fetch(`${hubcap.url}/installation/repositories`, {
      headers: { authorization: "Basic Zm9vOmJhcg==" },
    });
    expect(response.status).toBe(401);
  });

  it("a personal token or a JWT cannot act as an installation", async () => {
    expect(
      await call("GET", "/installation/repositories", { token: "ghp_octocatPersonalToken0000000000000000" }),
    ).toMatchObject({ status: 401 });
    expect(await call("GET", "/installation/repositories", { jwt: true })).toMatchObject({ status: 401 });
    expect(await call("DELETE", "/installation/token", { jwt: true })).toMatchObject({ status: 401 });
  });

  it("huge, negative and nonsense pagination is clamped, never a 500", async () => {
    for (const query of [
      "per_page=1000",
      "per_page=-5&page=-3",
      "per_page=abc&page=1e9",
      "page=99999999999999999999",
      "per_page=0",
    ]) {
      const { status, body } = await call("GET", `/installation/repositories?${query}`, {
        token: otherToken,
      });
      expect(status, query).toBe(200);
      expect(body, query).toHaveProperty("total_count");
    }
    const far = await call("GET", "/app/installations?page=999999999&per_page=100", { jwt: true });
    expect(far).toMatchObject({ status: 200, body: [] });
  });

  it("an unknown route is GitHub's 404", async () => {
    expect(await call("GET", "/app/nonsense", { jwt: true })).toMatchObject({
      status: 404,
      body: { message: "Not Found" },
    });
  });
});
