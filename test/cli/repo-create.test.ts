import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli-process.js";
import { serveProcess } from "../helpers/serve-process.js";

let dir: string;
let child: ChildProcess;
let url: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "hubcap-repo-create-"));
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

describe("hubcap repo create", { timeout: 60_000 }, () => {
  it("creates a user's or an organization's repository and prints its id, which the API then shows", async () => {
    const made = await hubcap(["user", "create", "alice"]);
    expect(made).toMatchObject({ code: 0, stderr: "" });
    const repo = await hubcap(["repo", "create", "alice", "hello-world"]);
    expect(repo).toMatchObject({ code: 0, stderr: "" });
    expect(repo.stdout).toMatch(/^\d+\n$/);
    const octokit = new Octokit({ baseUrl: url });
    const { data } = await octokit.rest.repos.get({ owner: "alice", repo: "hello-world" });
    expect(data).toMatchObject({ id: Number(repo.stdout), full_name: "alice/hello-world", private: false });

    const secret = await hubcap(["repo", "create", "octo-org", "vault", "--private", "--json"]);
    expect(secret.code).toBe(0);
    expect(JSON.parse(secret.stdout)).toMatchObject({ full_name: "octo-org/vault", private: true });
    // Private: not there without a token.
    await expect(octokit.rest.repos.get({ owner: "octo-org", repo: "vault" })).rejects.toMatchObject({
      status: 404,
    });

    // The installation it makes possible prints its id alone.
    const installed = await hubcap(["install", "hubcap-demo", "alice", "--repos", "hello-world"]);
    expect(installed).toMatchObject({ code: 0, stderr: "" });
    expect(installed.stdout).toMatch(/^\d+\n$/);

    const again = await hubcap(["repo", "create", "alice", "hello-world"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("name already exists on this account");
  });
});
