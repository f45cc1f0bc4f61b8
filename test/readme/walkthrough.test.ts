import { execFile, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { parse as parseYaml } from "yaml";
import { afterAll, beforeAll, expect, it } from "vitest";
import { BIN, serveProcess } from "../helpers/serve-process.js";
import { readmeBlocks } from "./readme-blocks.js";

let dir: string;
let child: ChildProcess;
let url: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "hubcap-walkthrough-"));
  // `npx hubcap serve` in the reader's directory: its data directory is ./.hubcap.
  const server = await serveProcess(["--data-dir", join(dir, ".hubcap")]);
  child = server.child;
  url = server.url;
  // `hubcap` on the PATH, as `npx` or a global install puts it.
  mkdirSync(join(dir, "bin"));
  writeFileSync(join(dir, "bin", "hubcap"), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(dir, "bin", "hubcap"), 0o755);
});
afterAll(() => {
  child?.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

function bash(script: string, env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      "bash",
      ["-euo", "pipefail", "-c", script],
      { cwd: dir, env, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? -1) : 0, stdout, stderr }),
    );
  });
}

it("runs the README's command-line walkthrough exactly as printed", { timeout: 180_000 }, async () => {
  const [script] = readmeBlocks("## Command line", "sh");
  expect(script).toContain("hubcap repo create alice hello-world");
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("HUBCAP_")));
  const result = await bash(script!, {
    ...(env as Record<string, string>),
    PATH: `${join(dir, "bin")}${delimiter}${process.env.PATH}`,
    HUBCAP_URL: url,
  });
  expect(result.code, result.stderr).toBe(0);
  // The installation token reached alice's repository, the one `repo create` made.
  expect(result.stdout).toContain('"full_name":"alice/hello-world"');
  expect(existsSync(join(dir, "my-app.private-key.pem"))).toBe(true);
  // The world went out and came back whole.
  const world = parseYaml(readFileSync(join(dir, "world.yaml"), "utf8"));
  expect(world.repos.map((r: { full_name: string }) => r.full_name)).toContain("alice/hello-world");
  expect(world.installations).toEqual([
    expect.objectContaining({ app: "my-app", account: "alice", repositories: ["hello-world"] }),
  ]);
});
