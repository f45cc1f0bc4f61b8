import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routes } from "../../src/http/routes.js";
import type { Route } from "../../src/http/route.js";
import { startHubcap, type TestHubcap } from "../../src/testing/index.js";
import { pageRoutes } from "../../src/web/routes.js";
import { WORLD } from "../helpers/hubcap.js";
import { signInByForm, stillSignedIn } from "../helpers/form-session.js";
import { nowSeconds, signJwt } from "../helpers/jwt.js";
import { freshStore } from "../helpers/store.js";

/**
 * Every route of the table, and every page, fed hostile input (NUL bytes, huge and negative ids,
 * prototype keys, deep nesting, wrong types, over-long strings), with and without credentials: no
 * answer is a 5xx, and every API answer is GitHub's error body. Runs on both stores (PostgreSQL refuses
 * NUL in text and integers beyond 64 bits where SQLite does not).
 */

const SECRET = "sweep-client-secret-0001";
const PAT = "ghp_octocatPersonalToken0000000000000000";
const PASSWORD = "sweep-password-0001";

let hubcap: TestHubcap;
let installationToken: string;
let clientId: string;
let session: { cookie: string; csrfToken: string };
const failures: string[] = [];

beforeAll(async () => {
  hubcap = await startHubcap({
    world: {
      ...WORLD,
      // A password, so that the sweep also reaches the pages as a signed-in person.
      users: WORLD.users!.map((user) => (user.login === "octocat" ? { ...user, password: PASSWORD } : user)),
      apps: WORLD.apps!.map((app) => (app.slug === "octoapp" ? { ...app, client_secret: SECRET } : app)),
    },
    db: await freshStore(),
  });
  clientId = hubcap.apps.octoapp!.clientId;
  const minted = await send("POST", "/app/installations/1/access_tokens", { auth: jwtAuth(), body: "{}" });
  installationToken = (JSON.parse(minted.text) as { token: string }).token;
  session = await signInByForm(hubcap.url, "octocat", PASSWORD);
}, 60_000);
afterAll(() => hubcap?.close());

let jwt: string | undefined;
/** One JWT for the whole sweep (it lives 500 s): signing one per request would be most of its time. */
const jwtAuth = () =>
  `Bearer ${(jwt ??= signJwt({ iat: nowSeconds() - 30, exp: nowSeconds() + 500, iss: 1 }, hubcap.apps.octoapp!.privateKey))}`;
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

/** The credential a route's guard takes, as a well-behaved caller would send it. */
function credentialFor(route: Route): string {
  switch (route.guard) {
    case "app":
    case "app-or-client":
      return jwtAuth();
    case "client":
      return basic(clientId, SECRET);
    case "installation":
    case "token":
      return `token ${installationToken}`;
    case "admin":
      return `token ${hubcap.adminToken}`;
    default:
      return `token ${PAT}`;
  }
}

/** Values that name things in the world, so that only the hostile part of a request is wrong. */
function goodParam(name: string): string {
  const values: Record<string, string> = {
    owner: "octo-org",
    repo: "hello-world",
    org: "octo-org",
    username: "octocat",
    app_slug: "octoapp",
    client_id: clientId,
    access_token: PAT,
    code: "abc",
  };
  return Object.hasOwn(values, name) ? values[name]! : "1";
}

const BAD_PARAMS = [
  "a%00b",
  "-1",
  "1e300",
  "9223372036854775808",
  "constructor",
  "__proto__",
  "x".repeat(90),
  "%E0%A4%A",
];

const deep = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
const BAD_VALUES: unknown[] = [
  "a\u0000b",
  1e300,
  2 ** 63,
  -1,
  {},
  ["a\u0000b"],
  [1e300],
  { constructor: "read", toString: "write", hasOwnProperty: "read", __proto__: "read", valueOf: "x" },
  "x".repeat(20_000),
  "javascript:alert(1)",
];
const BAD_BODIES = [
  "[1]",
  '"text"',
  "1",
  "null",
  "{",
  '{"constructor":"x","__proto__":{"x":1},"toString":1}',
  '{"a":"\\u0000"}',
];

interface Answer {
  status: number;
  text: string;
  type: string;
}

async function send(
  method: string,
  path: string,
  options: { auth?: string; body?: string; accept?: string; contentType?: string; cookie?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { accept: options.accept ?? "application/vnd.github+json" };
  if (options.auth) headers.authorization = options.auth;
  if (options.cookie) {
    headers.cookie = options.cookie;
    headers.origin = hubcap.url;
  }
  if (options.body !== undefined) headers["content-type"] = options.contentType ?? "application/json";
  const response = await fetch(hubcap.url + path, {
    method,
    headers,
    body: options.body,
    redirect: "manual",
  });
  return {
    status: response.status,
    text: await response.text(),
    type: response.headers.get("content-type") ?? "",
  };
}

/** No 5xx; an API error is GitHub's body `{message, documentation_url, status}`. */
function judge(what: string, answer: Answer, api = true): void {
  if (answer.status >= 500) {
    failures.push(`${what}: ${answer.status} ${answer.text.slice(0, 200)}`);
    return;
  }
  if (!api || answer.status < 400) return;
  try {
    const body = JSON.parse(answer.text) as Record<string, unknown>;
    if (typeof body.message !== "string" || typeof body.documentation_url !== "string") throw new Error();
    if (body.status !== String(answer.status)) throw new Error();
  } catch {
    failures.push(`${what}: ${answer.status} not GitHub's body: ${answer.text.slice(0, 200)}`);
  }
}

const pathOf = (template: string, bad?: { name: string; value: string }) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) =>
    bad && bad.name === name ? bad.value : encodeURIComponent(goodParam(name)),
  );

/** The top-level property names a route's body schema declares. */
function propertiesOf(route: Route): string[] {
  const schema = route.body as { properties?: Record<string, unknown> } | undefined;
  return schema?.properties ? Object.keys(schema.properties) : [];
}

/** Runs requests a few at a time: fast, but not a flood the 2-core CI machine notices. */
async function all(jobs: Array<() => Promise<void>>): Promise<void> {
  const queue = [...jobs];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) await job();
    }),
  );
}

describe("a sweep of hostile input", () => {
  it("every API route answers bad path parameters without a 5xx", async () => {
    const jobs: Array<() => Promise<void>> = [];
    for (const route of routes) {
      const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      for (const name of names) {
        for (const value of BAD_PARAMS) {
          const path = pathOf(route.path, { name, value });
          for (const auth of [undefined, credentialFor(route)]) {
            jobs.push(async () =>
              judge(
                `${route.method} ${path} ${auth ? "signed" : "anonymous"}`,
                await send(route.method, path, { auth }),
              ),
            );
          }
        }
      }
    }
    await all(jobs);
    expect(failures.splice(0)).toEqual([]);
  }, 60_000);

  it("every API route answers hostile queries and Basic credentials without a 5xx", async () => {
    const jobs: Array<() => Promise<void>> = [];
    const query = "?per_page=%00&page=1e300&cursor=a%00b&status=%00&since=%00&state=__proto__";
    for (const route of routes) {
      const path = pathOf(route.path);
      // Signed only where it reads: a signed DELETE with good parameters would empty the world.
      for (const auth of [
        undefined,
        ...(route.method === "GET" ? [credentialFor(route)] : []),
        basic("a\u0000b", "c\u0000d"),
        basic(clientId, "\u0000"),
        basic("octocat", `${PAT}\u0000`),
        "Basic AA==",
      ]) {
        jobs.push(async () =>
          judge(
            `${route.method} ${path}${query} ${auth ?? "anonymous"}`,
            await send(route.method, path + query, { auth }),
          ),
        );
      }
    }
    await all(jobs);
    expect(failures.splice(0)).toEqual([]);
  }, 60_000);

  it("every route that takes a body answers hostile bodies without a 5xx", async () => {
    const jobs: Array<() => Promise<void>> = [];
    for (const route of routes.filter((r) => r.method !== "GET")) {
      const path = pathOf(route.path);
      const signed = route.body ? [credentialFor(route)] : [];
      // Signed only where a schema judges the body: a signed DELETE without one would act.
      const requests: Array<[string, string | undefined]> = [
        ...BAD_BODIES.flatMap((body) =>
          [undefined, ...signed].map((auth): [string, string | undefined] => [body, auth]),
        ),
        ...propertiesOf(route).flatMap((name) =>
          BAD_VALUES.flatMap((value) =>
            signed.map((auth): [string, string] => [JSON.stringify({ [name]: value }), auth]),
          ),
        ),
      ];
      for (const [body, auth] of requests) {
        jobs.push(async () =>
          judge(
            `${route.method} ${path} ${body.slice(0, 60)} ${auth ? "signed" : "anonymous"}`,
            await send(route.method, path, { auth, body }),
          ),
        );
      }
    }
    // Deep nesting is refused by the one JSON parser every route shares: a few routes show it.
    for (const route of routes.filter((r) => r.body).slice(0, 4)) {
      for (const body of [deep(100_000), `{"a":${deep(10_000)}}`]) {
        for (const auth of [undefined, credentialFor(route)]) {
          jobs.push(async () =>
            judge(
              `${route.method} ${route.path} deep`,
              await send(route.method, pathOf(route.path), { auth, body }),
            ),
          );
        }
      }
    }
    await all(jobs);
    expect(failures.splice(0)).toEqual([]);
  }, 60_000);

  it("the OAuth endpoints and the pages answer hostile input without a 5xx", async () => {
    const jobs: Array<() => Promise<void>> = [];
    const hostile = [
      "a%00b",
      "%00",
      "-1",
      "99999999999999999999",
      "constructor",
      "__proto__",
      "x".repeat(5000),
    ];
    for (const endpoint of ["/login/oauth/access_token", "/login/device/code"]) {
      for (const value of hostile) {
        const form = `client_id=${value}&client_secret=${value}&code=${value}&device_code=${value}&grant_type=${value}&refresh_token=${value}`;
        jobs.push(async () =>
          judge(
            `POST ${endpoint} ${form.slice(0, 60)}`,
            await send("POST", endpoint, {
              body: form,
              contentType: "application/x-www-form-urlencoded",
              accept: "application/json",
            }),
            false,
          ),
        );
        const json = JSON.stringify({ client_id: decodeURIComponent(value.replace("%E0", "")), code: 1e300 });
        jobs.push(async () =>
          judge(
            `POST ${endpoint} ${json.slice(0, 60)}`,
            await send("POST", endpoint, {
              body: json,
              accept: "application/json",
            }),
            false,
          ),
        );
      }
      jobs.push(async () =>
        judge(`POST ${endpoint} deep`, await send("POST", endpoint, { body: deep(100_000) }), false),
      );
    }
    // Signed out, and signed in (signing out would end the sweep's session).
    for (const page of pageRoutes.filter((p) => p.path !== "/logout")) {
      const names = [...page.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      for (const value of hostile) {
        const path =
          names.length > 0
            ? page.path.replace(/\{(\w+)\}/g, value)
            : `${page.path}?return_to=${value}&client_id=${value}&state=${value}`;
        const form = `login=${value}&password=${value}&name=${value}&user_code=${value}&manifest=${value}&target_id=${value}`;
        for (const signedIn of [false, true]) {
          const body = signedIn
            ? `authenticity_token=${encodeURIComponent(session.csrfToken)}&${form}`
            : form;
          jobs.push(async () =>
            judge(
              `${page.method} ${path} ${signedIn ? "signed in" : "signed out"}`,
              await send(page.method, path, {
                accept: "text/html",
                ...(signedIn && { cookie: session.cookie }),
                ...(page.method === "POST" && { body, contentType: "application/x-www-form-urlencoded" }),
              }),
              false,
            ),
          );
        }
      }
    }
    await all(jobs);
    // The signed-in half really was signed in throughout.
    expect(await stillSignedIn(hubcap.url, session.cookie)).toBe(true);
    expect(failures.splice(0)).toEqual([]);
  }, 60_000);
});
