import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { hubcapForTest } from "../helpers/hubcap.js";
import { nowSeconds, signJwt } from "../helpers/jwt.js";

/**
 * The hostile input of issue 13 (items 8–12), one example each, on the store under test: PostgreSQL
 * refuses NUL and integers beyond `bigint` where SQLite does not, so both must answer as GitHub does.
 */

const PAT = "ghp_octocatPersonalToken0000000000000000";
let hubcap: TestHubcap;
beforeAll(async () => {
  hubcap = await hubcapForTest();
});
afterAll(() => hubcap?.close());

const jwt = () =>
  signJwt({ iat: nowSeconds() - 30, exp: nowSeconds() + 500, iss: 1 }, hubcap.apps.octoapp!.privateKey);

async function call(
  method: string,
  path: string,
  options: { auth?: string; body?: unknown; raw?: string; accept?: string } = {},
) {
  const headers: Record<string, string> = { accept: options.accept ?? "application/vnd.github+json" };
  if (options.auth) headers.authorization = options.auth;
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(hubcap.url + path, { method, headers, body });
  const text = await response.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { status: response.status, body: json };
}

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

describe("NUL bytes and ids out of range (item 8)", () => {
  it.each([
    ["/repos/a%00b/c", undefined],
    ["/repos/octo-org/hello%00world", `token ${PAT}`],
    ["/apps/a%00b", undefined],
    ["/users/octo%00cat/installation", "jwt"],
  ])("a path holding NUL names nothing: GET %s is 404", async (path, auth) => {
    const { status, body } = await call("GET", path, { auth: auth === "jwt" ? `Bearer ${jwt()}` : auth });
    expect({ status, message: body?.message }).toEqual({ status: 404, message: "Not Found" });
  });

  it.each([[[1e300]], [[2 ** 63]], [[-(2 ** 63) - 4096]]])(
    "repository_ids %j is GitHub's 422",
    async (ids) => {
      const { status, body } = await call("POST", "/app/installations/1/access_tokens", {
        auth: `Bearer ${jwt()}`,
        body: { repository_ids: ids },
      });
      expect(status).toBe(422);
      expect(body).toMatchObject({ status: "422", message: expect.stringContaining("Invalid request.") });
    },
  );

  it("a body string holding NUL is GitHub's 422", async () => {
    const { status, body } = await call("POST", "/app/installations/1/access_tokens", {
      auth: `Bearer ${jwt()}`,
      body: { repositories: ["hello\u0000world"] },
    });
    expect(status).toBe(422);
    expect(body!.message).toContain("For 'properties/repositories/items'");
  });

  it("Basic credentials holding NUL are Bad credentials", async () => {
    const clientId = hubcap.apps.octoapp!.clientId;
    for (const auth of [basic(`${clientId}\u0000`, "secret"), basic(clientId, "se\u0000cret")]) {
      const { status, body } = await call("POST", `/applications/${clientId}/token`, {
        auth,
        body: { access_token: "ghu_x" },
      });
      expect({ status, message: body?.message }).toEqual({ status: 401, message: "Bad credentials" });
    }
  });

  it("an OAuth client_id holding NUL is an unknown client, not a 500", async () => {
    const { status, body } = await call("POST", "/login/oauth/access_token", {
      accept: "application/json",
      body: { client_id: "Iv1.\u0000", client_secret: "x", code: "y" },
    });
    expect({ status, error: body?.error }).toEqual({ status: 200, error: "incorrect_client_credentials" });
  });

  it("a login holding NUL in the admin API names no one", async () => {
    const { status, body } = await call("POST", "/admin/users/octo%00cat/authorizations", {
      auth: `token ${hubcap.adminToken}`,
      body: { scopes: ["repo"] },
    });
    expect({ status, message: body?.message }).toEqual({ status: 404, message: "Not Found" });
  });
});

describe("prototype names as permissions (item 9)", () => {
  it.each(["constructor", "toString", "hasOwnProperty", "valueOf"])(
    "permission %s does not exist",
    async (name) => {
      const { status, body } = await call("POST", "/app/installations/1/access_tokens", {
        auth: `Bearer ${jwt()}`,
        body: { permissions: { [name]: "read" } },
      });
      // GitHub's one answer for a permission it does not know ("Recorded from GitHub").
      expect({ status, message: body?.message }).toEqual({
        status: 422,
        message: "The permissions requested are not granted to this installation.",
      });
    },
  );
});

describe("credentials before bodies, and nesting (item 10)", () => {
  it("an anonymous POST /admin/users with a malformed body is 401, as on GitHub", async () => {
    const { status, body } = await call("POST", "/admin/users", { body: [1] });
    expect({ status, message: body?.message }).toEqual({ status: 401, message: "Requires authentication" });
  });

  it("a 100,000-deep body is 400 Problems parsing JSON", async () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    for (const auth of [undefined, `Bearer ${jwt()}`]) {
      const { status, body } = await call("POST", "/app/installations/1/access_tokens", { auth, raw: deep });
      expect({ status, body }).toMatchObject({
        status: 400,
        body: { message: "Problems parsing JSON", status: "400" },
      });
    }
  });
});

describe("fields within GitHub's limits, and what anonymous posts may keep (item 11)", () => {
  it("a repository description over 350 characters is GitHub's 422", async () => {
    for (const description of ["x".repeat(351), "x".repeat(300_000)]) {
      const { status, body } = await call("PATCH", "/repos/octo-org/hello-world", {
        auth: `token ${PAT}`,
        body: { description },
      });
      expect(status).toBe(422);
      expect(body!.errors).toEqual([
        {
          resource: "Repository",
          field: "description",
          code: "custom",
          message: "description is too long (maximum is 350 characters)",
        },
      ]);
    }
  });

  it("an app's description over 2048 characters is 422", async () => {
    const { status } = await call("PATCH", "/_hubcap/apps/octoapp", {
      auth: `token ${hubcap.adminToken}`,
      body: { description: "x".repeat(2049) },
    });
    expect(status).toBe(422);
  });

  it("a person's email over 255 characters is refused", async () => {
    const { status } = await call("POST", "/admin/users", {
      auth: `token ${hubcap.adminToken}`,
      body: { login: "longmail", email: `a@${"x".repeat(260)}.example` },
    });
    expect(status).toBe(422);
  });

  it("one client address keeps at most 10 pending manifests", async () => {
    const manifest = JSON.stringify({ name: "Flood", url: "https://example.com" });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const response = await fetch(`${hubcap.url}/settings/apps/new`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
        body: `manifest=${encodeURIComponent(manifest)}`,
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([...Array<number>(10).fill(303), 403]);
    await hubcap.hub.store.deleteExpiredPendingManifests(Number.MAX_SAFE_INTEGER);
  });
});

describe("only http(s) URLs (item 12)", () => {
  it.each(["javascript:alert(1)", "data:text/html,hi", "not a url"])(
    "an app's url %s is 422 and never served",
    async (url) => {
      const { status } = await call("PATCH", "/_hubcap/apps/octoapp", {
        auth: `token ${hubcap.adminToken}`,
        body: { url },
      });
      expect(status).toBe(422);
      const created = await call("POST", "/_hubcap/apps", {
        auth: `token ${hubcap.adminToken}`,
        body: { name: "Scripted", owner: "octo-org", url },
      });
      expect(created.status).toBe(422);
      const app = await call("GET", "/apps/octoapp");
      expect(app.body!.external_url).not.toBe(url);
    },
  );

  it("a world file with a javascript: URL is refused", async () => {
    await expect(
      hubcap.apply({ apps: [{ slug: "scripted", owner: "octo-org", external_url: "javascript:alert(1)" }] }),
    ).rejects.toThrow(/external_url/);
  });
});

describe("a token asked for while its installation is deleted", () => {
  // The installation is read, then the token inserted: a deletion between the two used to fail the
  // token's reference to it, a 500 on PostgreSQL. Racing them many times must only ever give 201 or 404.
  it("is minted or not found, never a 5xx", { timeout: 60_000 }, async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const id = await hubcap.install("octoapp", "hubot");
      const [minted, deleted] = await Promise.all([
        call("POST", `/app/installations/${id}/access_tokens`, { auth: `Bearer ${jwt()}` }),
        call("DELETE", `/app/installations/${id}`, { auth: `Bearer ${jwt()}` }),
      ]);
      expect(deleted.status).toBe(204);
      statuses.push(minted.status);
    }
    expect(statuses.filter((s) => s !== 201 && s !== 404)).toEqual([]);
  });
});
