import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "@octokit/app";
import { Octokit } from "@octokit/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signInByForm, stillSignedIn } from "../helpers/form-session.js";

const BIN = join(import.meta.dirname, "../../bin/hubcap.js");
let dir: string;
const children: ChildProcess[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "hubcap-cli-"));
});
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

function hubcap(args: string[], env: NodeJS.ProcessEnv = { HUBCAP_LOG_FORMAT: "pretty" }) {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", () => {
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match) resolve(match[1]!);
    });
    void exited.then((code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  return { child, listening, exited, output: () => ({ stdout, stderr }) };
}

describe("hubcap serve", () => {
  it("starts the demo world, prints what a newcomer needs, and exits cleanly on SIGTERM", async () => {
    const server = hubcap(["serve", "--demo", "--port", "0"]);
    const url = await server.listening;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { stdout } = server.output();
    for (const expected of [
      "demonstration only",
      "app            hubcap-demo (id 1, client id Iv23li",
      "private key",
      "installations  1 on octo-org",
      "user token",
      `web sign-in    ${url}/login as octocat, password hubcap-demo-password (demonstration only)`,
      "getInstallationOctokit(1)",
      `Overview page (the world at a glance, after signing in): ${url}/hubcap`,
      `overview       ${url}/hubcap`,
    ]) {
      expect(stdout).toContain(expected);
    }
    // The printed snippet's recipe works as printed.
    const keyFile = /private key\s+(\S+)/.exec(stdout)![1]!;
    const app = new App({
      appId: 1,
      privateKey: readFileSync(keyFile, "utf8"),
      Octokit: Octokit.defaults({ baseUrl: `${url}/api/v3` }),
    });
    expect((await app.octokit.request("GET /app")).data!.slug).toBe("hubcap-demo");
    const octokit = await app.getInstallationOctokit(1);
    const repos = await octokit.request("GET /installation/repositories");
    expect(repos.data.repositories.map((r) => r.full_name)).toEqual(["octo-org/hello-world"]);
    // The printed sign-in works as printed.
    const password = /web sign-in .* password (\S+)/.exec(stdout)![1]!;
    const { cookie } = await signInByForm(url, "octocat", password);
    expect(await stillSignedIn(url, cookie)).toBe(true);
    // The printed client credentials start a device flow and are taken by the OAuth applications API.
    const clientId = /client id (\S+)\)/.exec(stdout)![1]!;
    const clientSecret = /client secret (\S+),/.exec(stdout)![1]!;
    const device = await fetch(`${url}/login/device/code`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ client_id: clientId }),
    });
    expect(await device.json()).toMatchObject({ verification_uri: `${url}/login/device`, interval: 5 });
    const check = await fetch(`${url}/applications/${clientId}/token`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ access_token: "ghu_unknown" }),
    });
    expect(check.status).toBe(404);

    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  });

  it("keeps its store across restarts", async () => {
    const first = hubcap(["serve", "--demo", "--port", "0"]);
    await first.listening;
    first.child.kill("SIGINT");
    expect(await first.exited).toBe(0);
    const second = hubcap(["serve", "--port", "0"]);
    const url = await second.listening;
    const response = await fetch(`${url}/apps/hubcap-demo`);
    expect(response.status).toBe(200);
    second.child.kill("SIGTERM");
    await second.exited;
  });

  it("refuses a SQLite store another hubcap is serving, with one line and exit 1", async () => {
    const first = hubcap(["serve", "--demo", "--port", "0"]);
    const url = await first.listening;
    const second = hubcap(["serve", "--port", "0"]);
    second.listening.catch(() => {});
    expect(await second.exited).toBe(1);
    expect(second.output().stderr.trim()).toMatch(
      /^hubcap: the SQLite store \S+hubcap\.db is in use by another process: an embedded store serves one hubcap \(several instances share PostgreSQL\)$/,
    );
    // The first serves on, its store untouched.
    expect((await fetch(`${url}/apps/hubcap-demo`)).status).toBe(200);
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
  });

  it("serves a world file", async () => {
    writeFileSync(
      join(dir, "world.yaml"),
      "users: [{ login: someone }]\napps: [{ slug: mine, owner: someone, public: true, private_key_file: mine.pem }]\n",
    );
    const server = hubcap(["serve", "--port", "0", "--db", ":memory:", "--world", "world.yaml"]);
    const url = await server.listening;
    expect((await fetch(`${url}/apps/mine`)).status).toBe(200);
    expect(readFileSync(join(dir, "mine.pem"), "utf8")).toContain("PRIVATE KEY");
  });

  it.each([
    [["serve", "--world", "missing.yaml", "--db", ":memory:"], "cannot read the world file"],
    [["serve", "--port", "99999"], "--port must be 0-65535"],
    [["serve", "--log-format", "xml"], "--log-format must be json or pretty, not xml"],
    [["serve", "--rate-limit-user", "-3"], "must be a positive whole number"],
    [["serve", "--bogus"], "unknown option"],
  ])("fails clearly, with a non-zero exit, for %j", async (args, message) => {
    const server = hubcap(args);
    server.listening.catch(() => {});
    expect(await server.exited).not.toBe(0);
    expect(server.output().stderr).toContain(message);
  });

  it("explains itself with --help", async () => {
    const server = hubcap(["serve", "--help"]);
    server.listening.catch(() => {});
    expect(await server.exited).toBe(0);
    expect(server.output().stdout).toContain("--world <file>");
  });
});
