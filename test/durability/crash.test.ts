import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateAppKeyPair } from "../../src/domain/keys.js";
import { nowSeconds, signJwt } from "../helpers/jwt.js";
import { serveProcess } from "../helpers/serve-process.js";
import { freshStore, TEST_STORE } from "../helpers/store.js";

let dir: string;
let db: string;
const key = generateAppKeyPair();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "hubcap-crash-"));
  db = await freshStore(dir);
  writeFileSync(
    join(dir, "world.json"),
    JSON.stringify({
      users: [{ login: "u" }],
      repos: [{ full_name: "u/r" }],
      apps: [{ slug: "crash", id: 1, owner: "u", public_keys: [key.publicKeyPem] }],
      installations: [{ app: "crash", account: "u", id: 1 }],
    }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const serve = () => serveProcess(["--db", db, "--data-dir", dir, "--world", join(dir, "world.json")]);

describe(`a killed instance (${TEST_STORE})`, () => {
  it("loses no committed change: every token answered 201 works after a restart", async () => {
    const { child, url } = await serve();
    const jwt = signJwt({ iat: nowSeconds() - 30, exp: nowSeconds() + 500, iss: 1 }, key.privateKeyPem);
    const dispatcher = new Agent({ connections: 20 });
    const committed: string[] = [];
    let killed = false;
    const workers = Array.from({ length: 20 }, async () => {
      while (!killed) {
        try {
          const response = await fetch(`${url}/app/installations/1/access_tokens`, {
            method: "POST",
            headers: { authorization: `Bearer ${jwt}` },
            // @ts-expect-error undici's dispatcher option on Node's fetch
            dispatcher,
          });
          if (response.status === 201) committed.push(((await response.json()) as { token: string }).token);
        } catch {
          return; // the connection died with the process
        }
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 700));
    killed = true;
    child.kill("SIGKILL");
    await Promise.all(workers);
    await dispatcher.close();
    expect(committed.length).toBeGreaterThan(20);

    const restarted = await serve();
    try {
      const refused: string[] = [];
      for (const token of committed) {
        const response = await fetch(`${restarted.url}/installation/repositories`, {
          headers: { authorization: `token ${token}` },
        });
        if (response.status !== 200) refused.push(`${token.slice(0, 8)}…: ${response.status}`);
      }
      expect(refused).toEqual([]);
    } finally {
      restarted.child.kill("SIGTERM");
      await new Promise((resolve) => restarted.child.on("exit", resolve));
    }
  }, 60_000);
});
