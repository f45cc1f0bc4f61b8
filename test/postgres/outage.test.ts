import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHubcap, type TestHubcap } from "../../src/testing/index.js";
import { startCluster, type Cluster } from "../helpers/postgres-cluster.js";
import { nowSeconds, signJwt } from "../helpers/jwt.js";

/** A cluster of this file's own, to stop and start under a running hubcap. */
let cluster: Cluster;
let hubcap: TestHubcap;
beforeAll(async () => {
  cluster = await startCluster();
  hubcap = await startHubcap({
    db: cluster.url,
    world: {
      users: [{ login: "u" }],
      apps: [{ slug: "a", id: 1, owner: "u" }],
      installations: [{ app: "a", account: "u", id: 1 }],
    },
  });
}, 60_000);
afterAll(async () => {
  await hubcap?.close();
  cluster?.stop();
});

const jwt = () =>
  signJwt({ iat: nowSeconds() - 30, exp: nowSeconds() + 500, iss: 1 }, hubcap.apps.a!.privateKey);

describe("PostgreSQL going away while hubcap serves", () => {
  it("answers 503 with GitHub's body, does not crash, and recovers when the database is back", async () => {
    const get = () =>
      fetch(`${hubcap.url}/app/installations/1`, { headers: { authorization: `Bearer ${jwt()}` } });
    expect((await get()).status).toBe(200);
    cluster.pause();
    try {
      const response = await get();
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({
        message: "Service Unavailable",
        status: "503",
        documentation_url: expect.any(String),
      });
      const mint = await fetch(`${hubcap.url}/app/installations/1/access_tokens`, {
        method: "POST",
        headers: { authorization: `Bearer ${jwt()}` },
      });
      expect(mint.status).toBe(503);
    } finally {
      cluster.start();
    }
    await expect.poll(async () => (await get()).status, { timeout: 15_000, interval: 200 }).toBe(200);
  }, 60_000);
});

describe("PostgreSQL going away while a page is asked for", () => {
  it("answers the page with 503 and retry-after, as the API does, and recovers", async () => {
    // The sign-in page reads the session its cookie names: the store is asked on every page.
    const page = () =>
      fetch(`${hubcap.url}/login`, { headers: { accept: "text/html", cookie: "hubcap_session=s" } });
    expect((await page()).status).toBe(200);
    cluster.pause();
    try {
      const response = await page();
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("1");
      expect(response.headers.get("content-type")).toMatch(/^text\/html/);
      expect(await response.text()).toContain("hubcap cannot reach its database right now");
    } finally {
      cluster.start();
    }
    await expect.poll(async () => (await page()).status, { timeout: 15_000, interval: 200 }).toBe(200);
  }, 60_000);
});

describe("PostgreSQL unreachable at start", () => {
  it("exits non-zero with a clear message", async () => {
    const child = spawn(
      process.execPath,
      [
        join(import.meta.dirname, "../../bin/hubcap.js"),
        "serve",
        "--port",
        "0",
        "--db",
        "postgres://hubcap:secret@127.0.0.1:1/hubcap",
      ],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => child.on("exit", resolve));
    expect(code).toBe(1);
    expect(stderr).toContain("cannot reach PostgreSQL at 127.0.0.1:1/hubcap");
    expect(stderr).not.toContain("secret");
  });
});
