import { createAppAuth } from "@octokit/auth-app";
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { hubcapForTest, WORLD } from "../helpers/hubcap.js";

// The read routes marked `cached` answer from kept JSON while nothing stored changes (response-cache.ts,
// on SQLite). Whatever the store, every change must show on the very next request.
let hubcap: TestHubcap;
beforeAll(async () => {
  hubcap = await hubcapForTest({ world: WORLD });
});
afterAll(() => hubcap.close());

const OCTOCAT = "ghp_octocatPersonalToken0000000000000000";

async function get(path: string, token: string, headers: Record<string, string> = {}, base = hubcap.url) {
  const response = await fetch(`${base}${path}`, {
    headers: { authorization: `token ${token}`, ...headers },
  });
  const body = (await response.json()) as {
    repositories: Array<{ full_name: string; url: string }>;
  };
  return { status: response.status, etag: response.headers.get("etag"), body };
}

async function installationToken(installationId: number, body: object = {}) {
  const app = new Octokit({
    authStrategy: createAppAuth,
    auth: { appId: 1, privateKey: hubcap.apps.octoapp!.privateKey },
    baseUrl: hubcap.url,
  });
  const { data } = await app.request("POST /app/installations/{installation_id}/access_tokens", {
    installation_id: installationId,
    ...body,
  });
  return { app, token: data.token };
}

const names = (body: { repositories: Array<{ full_name: string }> }) =>
  body.repositories.map((r) => r.full_name);

describe("answers kept between changes", () => {
  it("are the same answer, ETag and 304 included, until a repository is created or renamed", async () => {
    const { token } = await installationToken(2);
    const first = await get("/installation/repositories", token);
    const again = await get("/installation/repositories", token);
    expect(again).toEqual(first);
    expect(names(first.body)).toEqual(["octocat/spoon-knife"]);
    const unchanged = await fetch(`${hubcap.url}/installation/repositories`, {
      headers: { authorization: `token ${token}`, "if-none-match": first.etag! },
    });
    expect(unchanged.status).toBe(304);

    const octocat = new Octokit({ auth: OCTOCAT, baseUrl: hubcap.url });
    await octocat.request("POST /user/repos", { name: "kept-new" });
    const created = await get("/installation/repositories", token);
    expect(names(created.body)).toEqual(["octocat/spoon-knife", "octocat/kept-new"]);
    expect(created.etag).not.toBe(first.etag);

    await octocat.request("PATCH /repos/{owner}/{repo}", {
      owner: "octocat",
      repo: "kept-new",
      name: "kept-renamed",
    });
    expect(names((await get("/installation/repositories", token)).body)).toEqual([
      "octocat/spoon-knife",
      "octocat/kept-renamed",
    ]);
    await octocat.request("DELETE /repos/{owner}/{repo}", { owner: "octocat", repo: "kept-renamed" });
    expect(names((await get("/installation/repositories", token)).body)).toEqual(["octocat/spoon-knife"]);
  });

  it("belong to one token: a token scoped to fewer repositories gets its own", async () => {
    const { token: whole } = await installationToken(1);
    const { token: scoped } = await installationToken(1, { repositories: ["hello-world"] });
    expect(names((await get("/installation/repositories", whole)).body)).toEqual([
      "octo-org/hello-world",
      "octo-org/secret-plans",
    ]);
    expect(names((await get("/installation/repositories", scoped)).body)).toEqual(["octo-org/hello-world"]);
    expect(names((await get("/installation/repositories", whole)).body)).toHaveLength(2);
  });

  it("name the host and prefix the client used", async () => {
    const { token } = await installationToken(2);
    const local = hubcap.url.replace("127.0.0.1", "localhost");
    const byIp = await get("/installation/repositories", token);
    const byName = await get("/installation/repositories", token, {}, local);
    const prefixed = await get("/api/v3/installation/repositories", token);
    expect(byIp.body.repositories[0]!.url).toBe(`${hubcap.url}/repos/octocat/spoon-knife`);
    expect(byName.body.repositories[0]!.url).toBe(`${local}/repos/octocat/spoon-knife`);
    expect(prefixed.body.repositories[0]!.url).toBe(`${hubcap.url}/api/v3/repos/octocat/spoon-knife`);
  });

  it("never outlive a revoked token or a suspension", async () => {
    const { app, token } = await installationToken(2);
    expect((await get("/installation/repositories", token)).status).toBe(200);
    await app.request("PUT /app/installations/{installation_id}/suspended", { installation_id: 2 });
    expect((await get("/installation/repositories", token)).status).toBe(403);
    const { data: suspended } = await app.request("GET /app/installations/{installation_id}", {
      installation_id: 2,
    });
    expect(suspended.suspended_at).not.toBeNull();
    await app.request("DELETE /app/installations/{installation_id}/suspended", { installation_id: 2 });
    const { data: unsuspended } = await app.request("GET /app/installations/{installation_id}", {
      installation_id: 2,
    });
    expect(unsuspended.suspended_at).toBeNull();
    expect((await get("/installation/repositories", token)).status).toBe(200);
    const revoke = await fetch(`${hubcap.url}/installation/token`, {
      method: "DELETE",
      headers: { authorization: `token ${token}` },
    });
    expect(revoke.status).toBe(204);
    expect((await get("/installation/repositories", token)).status).toBe(401);
  });
});
