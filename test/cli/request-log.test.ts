import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAppAuth } from "@octokit/auth-app";
import { Octokit } from "@octokit/rest";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startHubcap } from "../../src/testing/index.js";
import { BIN } from "../helpers/serve-process.js";

const TOKEN = "ghp_logTestPersonalToken00000000000000000";
const SECRET = "client-secret-never-logged";
let dir: string;
const children: ChildProcess[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "hubcap-log-"));
  writeFileSync(join(dir, "world.json"), JSON.stringify({ users: [{ login: "octocat", token: TOKEN }] }));
});
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

/** `hubcap serve` with standard output a pipe (not a terminal), as in a container. */
async function serve(args: string[]) {
  const env = { ...process.env };
  delete env.HUBCAP_LOG_FORMAT;
  delete env.HUBCAP_LOG_LEVEL;
  const child = spawn(
    process.execPath,
    [BIN, "serve", "--port", "0", "--db", ":memory:", "--data-dir", dir, "--world", "world.json", ...args],
    { cwd: dir, stdio: ["ignore", "pipe", "pipe"], env },
  );
  children.push(child);
  let stdout = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", () => {
      const match = /listening on (http:\/\/[\d.:]+)/.exec(stdout);
      if (match) resolve(match[1]!);
    });
    child.on("exit", (code) => reject(new Error(`exited ${code}`)));
  });
  return { url, output: () => stdout };
}

/** Requests of every kind the log must describe, secrets in the query among them. */
async function traffic(url: string) {
  await fetch(`${url}/user?per_page=5`, { headers: { authorization: `token ${TOKEN}` } });
  await fetch(`${url}/rate_limit`);
  await fetch(
    `${url}/login/oauth/access_token?client_id=Iv1abc&client_secret=${SECRET}&code=c0de&state=st4te`,
    {
      method: "POST",
      headers: { accept: "application/json" },
    },
  );
  for (let i = 0; i < 2; i++) await fetch(`${url}/repos/octocat/hello/issues/1/comments`, { method: "POST" });
}

describe("the request log", () => {
  it("is JSON lines when standard output is not a terminal, the banner included, one line per request", async () => {
    const { url, output } = await serve([]);
    await traffic(url);
    await expect
      .poll(
        () =>
          output()
            .split("\n")
            .filter((l) => l.includes('"status":')).length,
      )
      .toBe(5);
    const lines = output()
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.find((line) => line.overview_url)).toMatchObject({
      url,
      overview_url: `${url}/hubcap`,
      api_url: `${url}/api/v3`,
      msg: expect.stringContaining(`listening on ${url}`),
    });
    const requests = lines.filter((line) => "status" in line);
    expect(requests).toEqual([
      expect.objectContaining({
        level: 30,
        method: "GET",
        path: "/user?per_page=5",
        status: 200,
        duration_ms: expect.any(Number),
        credential: "personal-token",
        user_id: expect.any(Number),
      }),
      expect.objectContaining({ method: "GET", path: "/rate_limit", status: 200, credential: "none" }),
      expect.objectContaining({
        method: "POST",
        path: "/login/oauth/access_token?client_id=Iv1abc&client_secret=[redacted]&code=[redacted]&state=[redacted]",
      }),
      expect.objectContaining({ method: "POST", status: 404 }),
      expect.objectContaining({ method: "POST", status: 404 }),
    ]);
    // A route GitHub has and hubcap does not: warned about once, however often it is asked for.
    const warnings = lines.filter((line) => line.level === 40);
    expect(warnings).toEqual([
      expect.objectContaining({ route: "POST /repos/{owner}/{repo}/issues/{issue_number}/comments" }),
    ]);
    for (const secret of [TOKEN, SECRET, "c0de", "st4te"]) expect(output()).not.toContain(secret);
  }, 60_000);

  it("is readable lines with --log-format pretty, and logs nothing per request below info", async () => {
    const pretty = await serve(["--log-format", "pretty"]);
    await traffic(pretty.url);
    await expect.poll(() => pretty.output()).toContain("POST /repos/octocat/hello/issues/1/comments 404");
    const out = pretty.output();
    expect(out).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} INFO {2}GET \/user\?per_page=5 200 [\d.]+ms .*credential=personal-token/m,
    );
    expect(out).toContain("hubcap is listening on");
    expect(out).not.toMatch(/^\{/m);
    for (const secret of [TOKEN, SECRET, "c0de", "st4te"]) expect(out).not.toContain(secret);

    const quiet = await serve(["--log-level", "warn"]);
    await traffic(quiet.url);
    await expect.poll(() => quiet.output()).toContain('"level":40');
    expect(quiet.output()).not.toContain('"status":');
  }, 60_000);
});

describe("the request log's credential", () => {
  it("names the app, the installation and its app, or the user, and never the token", async () => {
    const lines: Array<Record<string, unknown>> = [];
    const log = pino({ level: "info" }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const hubcap = await startHubcap({
      log,
      world: {
        users: [{ login: "octocat", token: TOKEN }],
        apps: [{ slug: "logged", id: 7, owner: "octocat" }],
        installations: [{ app: "logged", account: "octocat", id: 70 }],
      },
    });
    try {
      const app = new Octokit({
        authStrategy: createAppAuth,
        auth: { appId: 7, privateKey: hubcap.apps.logged!.privateKey },
        baseUrl: hubcap.url,
      });
      const { data: token } = await app.apps.createInstallationAccessToken({ installation_id: 70 });
      await new Octokit({ auth: token.token, baseUrl: hubcap.url }).apps.listReposAccessibleToInstallation();
      await new Octokit({ auth: TOKEN, baseUrl: hubcap.url }).users.getAuthenticated();
      // Credentials in the path: the manifest flow's one-time code, a legacy OAuth route's token.
      await fetch(`${hubcap.url}/app-manifests/one-time-code-secret/conversions`, { method: "POST" });
      await fetch(`${hubcap.url}/api/v3/applications/Iv1abc/tokens/${TOKEN}`);
      await expect.poll(() => lines.filter((line) => "status" in line).length).toBe(5);
      expect(lines.filter((line) => "status" in line)).toEqual([
        expect.objectContaining({
          path: "/app/installations/70/access_tokens",
          credential: "app",
          app_id: 7,
        }),
        expect.objectContaining({
          path: "/installation/repositories",
          credential: "installation",
          installation_id: 70,
          app_id: 7,
        }),
        expect.objectContaining({ path: "/user", credential: "personal-token", user_id: expect.any(Number) }),
        expect.objectContaining({ path: "/app-manifests/[redacted]/conversions" }),
        expect.objectContaining({ path: "/api/v3/applications/Iv1abc/tokens/[redacted]" }),
      ]);
      const text = JSON.stringify(lines);
      for (const secret of [TOKEN, token.token, "one-time-code-secret"]) expect(text).not.toContain(secret);
    } finally {
      await hubcap.close();
    }
  });
});
