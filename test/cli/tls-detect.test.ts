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
  dir = mkdtempSync(join(tmpdir(), "hubcap-tls-detect-"));
  const server = await serveProcess(["--data-dir", join(dir, "data"), "--tls"]);
  child = server.child;
  url = server.url;
});
afterAll(() => {
  child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

describe("a command sent over plain HTTP to `hubcap serve --tls`", { timeout: 60_000 }, () => {
  it("says that hubcap answers HTTPS and which URL to use, not that the other side closed", async () => {
    expect(url).toMatch(/^https:\/\//);
    const http = url.replace(/^https:/, "http:");
    const result = await runCli(["clock"], {
      cwd: dir,
      env: { HUBCAP_URL: http, HUBCAP_DATA_DIR: join(dir, "data") },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `hubcap: hubcap at ${http} answers HTTPS (it was started with --tls or --cert): ` +
        `use --url ${url} (or HUBCAP_URL=${url})\n`,
    );
    // With the URL it names, the same command works.
    const fixed = await runCli(["clock"], {
      cwd: dir,
      env: { HUBCAP_URL: url, HUBCAP_DATA_DIR: join(dir, "data") },
    });
    expect(fixed).toMatchObject({ code: 0, stderr: "" });
  });
});
