import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli-process.js";
import { serveProcess } from "../helpers/serve-process.js";

let dir: string;
let child: ChildProcess;
let url: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "hubcap-not-found-"));
  const server = await serveProcess(["--data-dir", join(dir, "data"), "--demo"]);
  child = server.child;
  url = server.url;
});
afterAll(() => {
  child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

const hubcap = (args: string[]) =>
  runCli(args, { cwd: dir, env: { HUBCAP_URL: url, HUBCAP_DATA_DIR: join(dir, "data") } });

// GitHub's 404 body says only "Not Found"; the command knows what it looked for, and says it.
describe("a command that finds nothing names what it looked for", { timeout: 60_000 }, () => {
  it.each([
    [["install", "nope", "octocat"], "hubcap: no app with slug `nope` (HTTP 404)"],
    [["install", "hubcap-demo", "nobody"], "hubcap: no user or organization `nobody` (HTTP 404)"],
    [["token", "999"], "hubcap: no installation 999 (HTTP 404)"],
    [["user", "token", "nobody"], "hubcap: no user `nobody` (HTTP 404)"],
    [["app", "key", "list", "nope"], "hubcap: no app with slug `nope` (HTTP 404)"],
    [["app", "key", "create", "nope"], "hubcap: no app with slug `nope` (HTTP 404)"],
    [["repo", "create", "nobody", "x"], "hubcap: no user or organization `nobody` (HTTP 404)"],
  ])("hubcap %j", async (args, message) => {
    const result = await hubcap(args);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`${message}\n`);
  });
});
