import { execFile, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { serveProcess } from "../helpers/serve-process.js";

// Inside the checkout, so that the snippet's imports resolve from its node_modules as in a project.
const dir = mkdtempSync(join(import.meta.dirname, "../../.tmp-banner-"));
let child: ChildProcess;
let output: () => string;

beforeAll(async () => {
  const server = await serveProcess(["--data-dir", join(dir, "data"), "--demo"]);
  child = server.child;
  output = server.output;
});
afterAll(() => {
  child?.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

it("prints a first-call snippet that runs as printed, saved under the name it gives", async () => {
  await expect.poll(output).toContain("getInstallationOctokit");
  const text = output();
  const how =
    /save this as (\S+)\n\(an ES module: it uses import and top-level await\) and run `([^`]+)`:/.exec(text);
  expect(how, text).not.toBeNull();
  const [, file, command] = how!;
  expect(file).toMatch(/\.mjs$/);
  // The snippet: the indented lines after that instruction, to the end of the banner.
  const snippet = text
    .slice(text.indexOf(how![0]) + how![0].length)
    .split("\n")
    .filter((line) => line === "" || line.startsWith("  "))
    .map((line) => line.slice(2))
    .join("\n");
  writeFileSync(join(dir, file!), snippet);
  const [program, ...args] = command!.split(" ");
  const run = await new Promise<{ stdout: string; stderr: string; code: number }>((resolve) =>
    execFile(program === "node" ? process.execPath : program!, args, { cwd: dir }, (error, stdout, stderr) =>
      resolve({ stdout, stderr, code: error ? Number(error.code ?? 1) : 0 }),
    ),
  );
  expect(run.stderr).toBe("");
  expect(run.stdout).toBe("authenticated as hubcap-demo\n[ 'octo-org/hello-world' ]\n");
});
