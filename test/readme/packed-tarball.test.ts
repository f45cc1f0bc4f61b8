import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";

const run = promisify(execFile);
const root = join(import.meta.dirname, "../..");
let dir: string;
let project: string;

/**
 * What `npm pack` makes of hubcap, installed in a project as the README says (`npm install
 * ./hubcap-0.1.0.tgz`). npm itself is not run for the install: the machine may have no registry, so the
 * tarball is unpacked where npm puts it and the dependencies are linked from this checkout's.
 */
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "hubcap-pack-"));
  // --ignore-scripts: the build is the test run's (npm test builds first); `prepare` would rebuild.
  const { stdout } = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], {
    cwd: root,
  });
  const { filename } = (JSON.parse(stdout) as Array<{ filename: string }>)[0]!;
  project = join(dir, "project");
  const installed = join(project, "node_modules", "hubcap");
  mkdirSync(installed, { recursive: true });
  await run("tar", ["-xzf", join(dir, filename), "-C", installed, "--strip-components=1"]);
  for (const name of readdirSync(join(root, "node_modules"))) {
    if (name === "hubcap" || name.startsWith(".")) continue;
    symlinkSync(join(root, "node_modules", name), join(project, "node_modules", name));
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("holds every file its exports and bin name", () => {
  const installed = join(project, "node_modules", "hubcap");
  const pkg = JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as {
    exports: Record<string, string>;
    bin: Record<string, string>;
  };
  for (const target of [...Object.values(pkg.exports), ...Object.values(pkg.bin)]) {
    expect(existsSync(join(installed, target)), target).toBe(true);
  }
});

it("is imported by a dependent as `hubcap` and `hubcap/testing`, and its command runs", async () => {
  const script = `
    import { startHubcap, checkWorld } from "hubcap";
    import * as testing from "hubcap/testing";
    const hubcap = await startHubcap({ world: checkWorld({ users: [{ login: "octocat" }] }) });
    const app = await hubcap.createApp({ name: "Packed", owner: "octocat" });
    console.log(typeof testing.startHubcap, app.slug, typeof app.clientSecret);
    await hubcap.close();
  `;
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], { cwd: project });
  expect(stdout).toBe("function packed string\n");
  const version = await run(process.execPath, [
    join(project, "node_modules/hubcap/bin/hubcap.js"),
    "--version",
  ]);
  expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version);
});
