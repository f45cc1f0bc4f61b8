import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli-process.js";
import { BIN, serveProcess } from "../helpers/serve-process.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "hubcap-world-errors-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const misspelt = `
users:
  - { login: octocat }
orgs:
  - { login: octo-org, members: [octocatt] }
repos:
  - { full_name: octocat/hello-world }
apps:
  - slug: octoapp
    owner: octo-org
    permissions: { isues: write, contents: reed }
    evnets: [issues]
installations:
  - { app: octoap, account: octocat, repositories: [hello-wrld] }
  - { app: octoapp, account: nobody }
`;

/** `hubcap serve --world FILE` to its end: its exit code and all it printed. */
function serveToExit(world: string) {
  const file = join(dir, `world-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, world);
  const child = spawn(process.execPath, [
    BIN,
    "serve",
    "--port",
    "0",
    "--data-dir",
    join(dir, "data"),
    "--world",
    file,
  ]);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, stdout, stderr })),
  );
}

describe("a world file with mistakes", { timeout: 60_000 }, () => {
  it("names every misspelt key and value at once, with its path and what was probably meant, and never listens", async () => {
    const result = await serveToExit(misspelt);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      [
        "hubcap: the world is not valid:",
        "  apps[0].evnets: unknown key `evnets`; did you mean `events`?",
        "  apps[0].permissions.isues: unknown key `isues`; did you mean `issues`?",
        "  apps[0].permissions.contents: `reed` is not one of `read`, `write`, `admin`; did you mean `read`?",
        "",
      ].join("\n"),
    );
    expect(result.stdout).not.toMatch(/listening/i);
  });

  it("names every missing reference at once, then, with the spelling fixed", async () => {
    const fixed = misspelt.replace("isues", "issues").replace("reed", "read").replace("evnets", "events");
    const result = await serveToExit(fixed);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      [
        "hubcap: the world is not valid:",
        "  orgs[0].members[0]: no user `octocatt` in the world; did you mean `octocat`?",
        "  installations[0].app: no app `octoap` in the world; did you mean `octoapp`?",
        "  installations[0].repositories[0]: octocat has no repository `hello-wrld`; did you mean `hello-world`?",
        "  installations[1].account: no user or organization `nobody` in the world",
        "",
      ].join("\n"),
    );
    expect(result.stdout).not.toMatch(/listening/i);
  });

  describe("imported into a running hubcap", () => {
    let child: ChildProcess | undefined;
    afterAll(() => child?.kill("SIGKILL"));

    it("is refused whole, with the same problems, and changes nothing", async () => {
      const server = await serveProcess(["--data-dir", join(dir, "running")]);
      child = server.child;
      const file = join(dir, "import.yaml");
      writeFileSync(
        file,
        misspelt.replace("isues", "issues").replace("reed", "read").replace("evnets", "events"),
      );
      const env = { HUBCAP_URL: server.url, HUBCAP_DATA_DIR: join(dir, "running") };
      const result = await runCli(["world", "import", file], { cwd: dir, env });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        "  orgs[0].members[0]: no user `octocatt` in the world; did you mean `octocat`?\n",
      );
      expect(result.stderr).toContain(
        "  installations[1].account: no user or organization `nobody` in the world",
      );
      expect(result.stderr).toContain("(HTTP 422)");
      const exported = await runCli(["world", "export", "--format", "json"], { cwd: dir, env });
      expect(JSON.parse(exported.stdout).users.map((u: { login: string }) => u.login)).not.toContain(
        "octocat",
      );
    });
  });
});
