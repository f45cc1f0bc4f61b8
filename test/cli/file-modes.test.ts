import { type ChildProcess } from "node:child_process";
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { serveProcess } from "../helpers/serve-process.js";

let dir: string;
const children: ChildProcess[] = [];

let umask: number;
beforeEach(() => {
  // The usual umask, which leaves new files readable to others: hubcap must not rely on a stricter one.
  umask = process.umask(0o022);
  dir = mkdtempSync(join(tmpdir(), "hubcap-modes-"));
});
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  process.umask(umask);
  rmSync(dir, { recursive: true, force: true });
});

const mode = (file: string) => statSync(file).mode & 0o777;

/** Makes hubcap write (the site admin creates a user), so that the WAL has content. */
async function write(url: string, dataDir: string) {
  const token = readFileSync(join(dataDir, "admin-token"), "utf8").trim();
  const response = await fetch(`${url}/api/v3/admin/users`, {
    method: "POST",
    headers: { authorization: `token ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ login: "mona", email: "mona@example.com" }),
  });
  expect(response.status).toBe(201);
}

describe("the data directory", () => {
  it("is the operator's alone: 0700, and its database, WAL, key and token 0600, under a umask of 022", async () => {
    const dataDir = join(dir, "fresh", "data");
    const server = await serveProcess(["--data-dir", dataDir]);
    children.push(server.child);
    await write(server.url, dataDir);
    expect(mode(dataDir)).toBe(0o700);
    for (const file of ["hubcap.db", "hubcap.db-wal", "secret.key", "admin-token"]) {
      expect(existsSync(join(dataDir, file)), file).toBe(true);
      expect(mode(join(dataDir, file)).toString(8), file).toBe("600");
    }
  });

  it("tightens a database and WAL an older hubcap left readable to others", async () => {
    const dataDir = join(dir, "old");
    mkdirSync(dataDir, { mode: 0o755 });
    for (const file of ["hubcap.db", "hubcap.db-wal"]) {
      closeSync(openSync(join(dataDir, file), "w"));
      chmodSync(join(dataDir, file), 0o644);
    }
    const server = await serveProcess(["--data-dir", dataDir]);
    children.push(server.child);
    await write(server.url, dataDir);
    for (const file of ["hubcap.db", "hubcap.db-wal", "secret.key", "admin-token"]) {
      expect(mode(join(dataDir, file)).toString(8), file).toBe("600");
    }
  });
});
