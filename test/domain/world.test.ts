import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "@octokit/app";
import { Octokit } from "@octokit/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OffsetClock } from "../../src/domain/clock.js";
import { Hubcap } from "../../src/domain/hubcap.js";
import { readWorldFile, WorldError } from "../../src/domain/world-file.js";
import { openStore } from "../../src/store/open-store.js";
import { startHubcap } from "../../src/testing/index.js";
import { freshStore } from "../helpers/store.js";

/** The world of the foundation issue, verbatim. */
const ISSUE_WORLD = `
users:
  - { login: octocat, name: The Octocat, site_admin: true, token: ghp_0123456789abcdefghijklmnopqrstuvwxyz }
orgs:
  - { login: octo-org, members: [octocat], admins: [octocat] }
repos:
  - { full_name: octo-org/hello-world, private: false }
  - { full_name: octocat/spoon-knife, private: true }
apps:
  - slug: octoapp
    name: Octo App
    owner: octo-org
    id: 1
    permissions: { metadata: read, issues: write, contents: read }
    events: [issues, push]
    private_key_file: ./octoapp.pem
installations:
  - { app: octoapp, account: octo-org, repository_selection: selected, repositories: [hello-world], id: 1 }
  - { app: octoapp, account: octocat, repository_selection: all }
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "hubcap-world-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function snapshot(db: string) {
  return withHub(db, (hub) => hub.store.dumpTables());
}

async function withHub<T>(db: string, fn: (hub: Hubcap) => Promise<T>): Promise<T> {
  const store = await openStore(db);
  const hub = new Hubcap(store, new OffsetClock(), { secretKey: "test" });
  try {
    return await fn(hub);
  } finally {
    await hub.close();
    await store.close();
  }
}

describe("world files", () => {
  it("applies the issue's world, writes the private key, and serves it to @octokit/app", async () => {
    writeFileSync(join(dir, "world.yaml"), ISSUE_WORLD);
    const db = await freshStore(dir);
    const applied = await withHub(db, (hub) =>
      hub.world.apply(readWorldFile(join(dir, "world.yaml")), { baseDir: dir }),
    );
    expect(applied.installations.map((i) => i.account)).toEqual(["octo-org", "octocat"]);
    const pem = join(dir, "octoapp.pem");
    expect(readFileSync(pem, "utf8")).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    expect(statSync(pem).mode & 0o777).toBe(0o600);

    const hubcap = await startHubcap({ db });
    try {
      const app = new App({
        appId: 1,
        privateKey: readFileSync(pem, "utf8"),
        Octokit: Octokit.defaults({ baseUrl: hubcap.url }),
      });
      const repos: string[] = [];
      for await (const { repository } of app.eachRepository.iterator()) repos.push(repository.full_name);
      expect(repos.sort()).toEqual(["octo-org/hello-world", "octocat/spoon-knife"]);
      const user = await fetch(`${hubcap.url}/repos/octocat/spoon-knife`, {
        headers: { authorization: "token ghp_0123456789abcdefghijklmnopqrstuvwxyz" },
      });
      expect(user.status).toBe(200);
    } finally {
      await hubcap.close();
    }
  });

  it("is idempotent: applying it again changes no stored row", async () => {
    writeFileSync(join(dir, "world.yaml"), ISSUE_WORLD);
    const db = await freshStore(dir);
    const world = () => readWorldFile(join(dir, "world.yaml"));
    await withHub(db, (hub) => hub.world.apply(world(), { baseDir: dir }));
    const first = await snapshot(db);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // a changed updated_at would show
    await withHub(db, (hub) => hub.world.apply(world(), { baseDir: dir }));
    expect(await snapshot(db)).toEqual(first);
  });

  it("registers the public key of an existing private key file", async () => {
    const hubcap = await startHubcap({
      world: { users: [{ login: "u1" }], apps: [{ slug: "keyed", owner: "u1" }] },
    });
    writeFileSync(join(dir, "keyed.pem"), hubcap.apps.keyed!.privateKey);
    await hubcap.close();
    await withHub(await freshStore(dir), async (hub) => {
      await hub.world.apply(
        { users: [{ login: "u1" }], apps: [{ slug: "keyed", owner: "u1", private_key_file: "keyed.pem" }] },
        { baseDir: dir },
      );
      expect(await hub.store.listAppKeys(1)).toHaveLength(1);
    });
    expect(readFileSync(join(dir, "keyed.pem"), "utf8")).toBe(hubcap.apps.keyed!.privateKey);
  });

  it.each([
    ["unknown keys", "users:\n  - { login: a, nickname: b }\n", "users[0].nickname: unknown key `nickname`"],
    ["bad logins", "users:\n  - { login: 'not valid' }\n", "users[0].login: `not valid` must match pattern"],
    [
      "a repository of nobody",
      "repos:\n  - { full_name: ghost/repo }\n",
      "repos[0].full_name: no user or organization `ghost` in the world",
    ],
    [
      "an unknown permission",
      "users: [{login: a}]\napps:\n  - { slug: x, owner: a, permissions: { teleport: read } }\n",
      "apps[0].permissions.teleport: unknown key `teleport`",
    ],
    [
      "an installation of a missing app",
      "users: [{login: a}]\ninstallations:\n  - { app: nope, account: a }\n",
      "installations[0].app: no app `nope` in the world",
    ],
    [
      "a missing installation repository",
      "users: [{login: a}]\napps: [{slug: x, owner: a}]\ninstallations:\n  - { app: x, account: a, repositories: [nope] }\n",
      "installations[0].repositories[0]: a has no repository `nope`",
    ],
    ["not YAML", "users: [\n", "not valid YAML"],
  ])("refuses %s with a clear message and stores nothing", async (_, text, message) => {
    writeFileSync(join(dir, "bad.yaml"), text);
    const db = await freshStore(dir);
    await withHub(db, async (hub) => {
      const error = await (async () =>
        hub.world.apply(readWorldFile(join(dir, "bad.yaml")), { baseDir: dir }))().catch((e) => e);
      expect(error).toBeInstanceOf(WorldError);
      expect(error.message).toContain(message);
    });
    const rows = await snapshot(db);
    expect(rows.accounts).toEqual([]);
    expect(rows.apps).toEqual([]);
    expect(existsSync(join(dir, "x.pem"))).toBe(false);
  });
});
