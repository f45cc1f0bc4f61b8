import { execFile, execFileSync, type ChildProcess } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, serveProcess } from "../helpers/serve-process.js";
import { readmeBlocks } from "./readme-blocks.js";

/**
 * The README's setup lines for each client, run as printed against `hubcap serve --demo` in a
 * directory whose `.hubcap` is its data directory, as after `npm start`. Only the address differs:
 * the test's hubcap listens on a free port, not 3000.
 */
const SECTION = "## Pointing clients at hubcap";
const children: ChildProcess[] = [];
const dirs: string[] = [];

async function demo(args: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), "hubcap-readme-clients-"));
  dirs.push(dir);
  const server = await serveProcess(["--data-dir", join(dir, ".hubcap"), "--demo", ...args]);
  children.push(server.child);
  return { dir, url: server.url, host: new URL(server.url).host };
}

const at = (text: string, url: string) =>
  text
    .replaceAll("https://127.0.0.1:3000", url)
    .replaceAll("http://127.0.0.1:3000", url)
    .replaceAll("127.0.0.1:3000", new URL(url).host);

function run(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(file, args, { cwd, env, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

/** A python3 with PyGithub: the one on the PATH, or the system's (Debian's python3-github). */
function pythonWithPyGithub(): string {
  for (const candidate of ["python3", "/usr/bin/python3"]) {
    try {
      execFileSync(candidate, ["-c", "import github"], { stdio: "ignore" });
      return candidate;
    } catch {
      // try the next
    }
  }
  throw new Error("no python3 with PyGithub (Debian: python3-github; .ci/run installs it)");
}

afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("the README's client setup lines", { timeout: 90_000 }, () => {
  let plain: { dir: string; url: string };
  beforeAll(async () => {
    plain = await demo();
  });

  it("PyGithub: an installation token from the app's key, then a repository it reaches", async () => {
    const [python] = readmeBlocks(SECTION, "python");
    writeFileSync(join(plain.dir, "app.py"), at(python!, plain.url));
    const result = await run(pythonWithPyGithub(), ["app.py"], plain.dir);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("octo-org/hello-world\n");
  });

  it("ruby octokit: a JWT, an installation token, then a repository it reaches", async () => {
    const [ruby] = readmeBlocks(SECTION, "ruby");
    writeFileSync(join(plain.dir, "app.rb"), at(ruby!, plain.url));
    const result = await run("ruby", ["app.rb"], plain.dir);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("octo-org/hello-world\n");
  });

  it("gh, over hubcap's HTTPS, with a token from `hubcap token`", async () => {
    const tls = await demo(["--tls"]);
    const gh = readmeBlocks(SECTION, "sh").find((block) => block.includes("gh api"));
    expect(gh).toBeDefined();
    mkdirSync(join(tls.dir, "bin"));
    writeFileSync(join(tls.dir, "bin", "hubcap"), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(join(tls.dir, "bin", "hubcap"), 0o755);
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !k.startsWith("HUBCAP_") && !k.startsWith("GH_")),
    );
    const result = await run("bash", ["-euo", "pipefail", "-c", at(gh!, tls.url)], tls.dir, {
      ...env,
      PATH: `${join(tls.dir, "bin")}${delimiter}${process.env.PATH}`,
      GH_CONFIG_DIR: join(tls.dir, "gh-config"),
    });
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("octo-org/hello-world\n");
  });
});
