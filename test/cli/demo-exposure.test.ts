import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_CLIENT_SECRET, DEMO_PASSWORD, DEMO_USER_TOKEN } from "../../src/demo.js";
import { BIN, serveProcess } from "../helpers/serve-process.js";

let dir: string;
const children: ChildProcess[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "hubcap-demo-exposure-"));
});
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

/** This machine's first IPv4 address that is not loopback: how another machine would reach it. */
const networkAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === "IPv4" && !i.internal)?.address;

async function serve(args: string[]) {
  const server = await serveProcess(["--data-dir", dir, ...args]);
  children.push(server.child);
  return server;
}

async function stop(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/** `hubcap serve` expected to refuse: its exit code and what it said. */
function refused(args: string[]): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = spawn(process.execPath, [BIN, "serve", "--port", "0", "--data-dir", dir, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stderr, stdout })));
}

const port = (url: string) => new URL(url).port;
const user = (base: string, token: string) =>
  fetch(`${base}/api/v3/user`, { headers: { authorization: `token ${token}` } });

describe("hubcap serve --demo beyond this machine", () => {
  it.each([
    [["--host", "0.0.0.0"], "--host 0.0.0.0"],
    [["--host", "::"], "--host ::"],
    [["--public-url", "https://hubcap.example"], "--public-url https://hubcap.example"],
    [["--trust-proxy", "10.0.0.1"], "--trust-proxy"],
  ])("refuses to start with %j unless told --demo-public", async (args, named) => {
    const { code, stderr, stdout } = await refused(["--demo", ...args]);
    expect(code).toBe(1);
    expect(stderr).toContain(named);
    expect(stderr).toContain("--demo-public");
    expect(stdout).not.toContain("listening");
  });

  it("serves on every address with --demo-public, and says so with the address it listens on", async () => {
    const server = await serve(["--demo", "--demo-public", "--host", "0.0.0.0"]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stdout = server.output();
    expect(stdout).toMatch(/hubcap is listening on http:\/\/0\.0\.0\.0:\d+ /);
    expect(stdout).toContain(`clients reach it at http://127.0.0.1:${port(server.url)}`);
    expect(stdout).toContain("WARNING: --demo-public");
    if (networkAddress) {
      const remote = await user(`http://${networkAddress}:${port(server.url)}`, DEMO_USER_TOKEN);
      expect(remote.status).toBe(200);
    }
    await stop(server.child);
  });

  it("names the address it listens on when that is loopback", async () => {
    const server = await serve([]);
    expect(server.output()).toMatch(/hubcap is listening on http:\/\/127\.0\.0\.1:\d+ \(the REST API/);
    expect(server.output()).not.toContain("clients reach it at");
    await stop(server.child);
  });
});

describe.skipIf(!networkAddress)("a store seeded with the demo world, served on the network later", () => {
  it("refuses the demo's public credentials from other machines, and honours them on loopback", async () => {
    const seeded = await serve(["--demo"]);
    await stop(seeded.child);

    const server = await serve(["--host", "0.0.0.0"]);
    const local = `http://127.0.0.1:${port(server.url)}`;
    const remote = `http://${networkAddress}:${port(server.url)}`;

    expect((await user(local, DEMO_USER_TOKEN)).status).toBe(200);
    const refusedToken = await user(remote, DEMO_USER_TOKEN);
    expect(refusedToken.status).toBe(401);
    expect(await refusedToken.json()).toMatchObject({ message: "Bad credentials" });
    // As Basic credentials too (login and token), and through the site-admin API it would open.
    const basic = Buffer.from(`octocat:${DEMO_USER_TOKEN}`).toString("base64");
    const viaBasic = await fetch(`${remote}/api/v3/user`, { headers: { authorization: `Basic ${basic}` } });
    expect(viaBasic.status).toBe(401);

    // A credential that is not public works from anywhere.
    const adminToken = readFileSync(join(dir, "admin-token"), "utf8").trim();
    expect((await user(remote, adminToken)).status).toBe(200);

    // The demo app's public client secret, at the token endpoint and as Basic client credentials.
    const clientId = /client id (Iv23\w+)/.exec(seeded.output())![1]!;
    const exchange = await fetch(`${remote}/login/oauth/access_token`, {
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/json" },
      body: JSON.stringify({ client_id: clientId, client_secret: DEMO_CLIENT_SECRET, code: "x" }),
    });
    expect(exchange.status).toBe(401);
    const client = Buffer.from(`${clientId}:${DEMO_CLIENT_SECRET}`).toString("base64");
    const check = await fetch(`${remote}/applications/${clientId}/token`, {
      method: "POST",
      headers: { authorization: `Basic ${client}`, "content-type": "application/json" },
      body: JSON.stringify({ access_token: "ghu_x" }),
    });
    expect(check.status).toBe(401);

    // The demo's public password, on the sign-in page.
    const form = await fetch(`${remote}/login`);
    const cookie = form.headers
      .getSetCookie()
      .map((c) => c.split(";")[0]!)
      .join("; ");
    const token = /name="authenticity_token" value="([^"]+)"/.exec(await form.text())![1]!;
    const signIn = await fetch(`${remote}/login`, {
      method: "POST",
      redirect: "manual",
      headers: {
        cookie,
        "content-type": "application/x-www-form-urlencoded",
        origin: remote,
        "sec-fetch-site": "same-origin",
      },
      body: new URLSearchParams({ login: "octocat", password: DEMO_PASSWORD, authenticity_token: token }),
    });
    expect(signIn.status).toBe(401);
    expect(signIn.headers.getSetCookie().some((c) => c.startsWith("hubcap_session="))).toBe(false);
    await stop(server.child);
  });
});
