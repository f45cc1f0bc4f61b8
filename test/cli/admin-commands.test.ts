import type { ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "@octokit/app";
import { Octokit } from "@octokit/core";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli, type CliResult } from "../helpers/cli-process.js";
import { serveProcess } from "../helpers/serve-process.js";

let dir: string;
let dataDir: string;
let url: string;
const children: ChildProcess[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "hubcap-admin-cli-"));
  dataDir = join(dir, "data");
});
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

async function serve(args: string[] = ["--data-dir", dataDir], env: Record<string, string> = {}) {
  const server = await serveProcess(args, env);
  children.push(server.child);
  url = server.url;
  return server;
}

/** The CLI pointed at the hubcap under test, through the environment, from the test's directory. */
const hubcap = (args: string[], env: Record<string, string> = {}) =>
  runCli(args, { cwd: dir, env: { HUBCAP_URL: url, HUBCAP_DATA_DIR: dataDir, ...env } });

/** Runs a command that must succeed and say nothing on stderr, and answers what it printed. */
async function ok(args: string[], env?: Record<string, string>): Promise<string> {
  const result = await hubcap(args, env);
  expect(result, `hubcap ${args.join(" ")}`).toMatchObject({ code: 0, stderr: "" });
  return result.stdout;
}

/**
 * Runs a command that creates something and must succeed: its stdout is the new thing's id alone (for
 * `$(…)`), and what a person must note down is on stderr. Answers both.
 */
async function created(args: string[]): Promise<{ id: number; stderr: string }> {
  const result = await hubcap(args);
  expect(result.code, `hubcap ${args.join(" ")}: ${result.stderr}`).toBe(0);
  expect(result.stdout).toMatch(/^\d+\n$/);
  return { id: Number(result.stdout), stderr: result.stderr };
}

function expectFailure(result: CliResult, message: string) {
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(message);
}

const api = (path: string, token?: string, init: RequestInit = {}) =>
  fetch(`${url}${path}`, {
    ...init,
    headers: { ...(token && { authorization: `token ${token}` }), "content-type": "application/json" },
  });

async function createRepository(token: string, name: string) {
  const response = await api("/user/repos", token, {
    method: "POST",
    body: JSON.stringify({ name, private: true }),
  });
  expect(response.status).toBe(201);
}

/** The app as its own code would see it: @octokit/app with the key file the CLI wrote. */
function appClient(id: number, keyFile: string) {
  return new App({
    appId: id,
    privateKey: readFileSync(keyFile, "utf8"),
    Octokit: Octokit.defaults({ baseUrl: `${url}/api/v3` }),
  });
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// These run a server and a dozen CLI processes each: more than the default 20 s on a busy machine.
describe("hubcap's administration commands", { timeout: 60_000 }, () => {
  it("create a user and a token that acts as them, finding hubcap and its token through the environment", async () => {
    // No --data-dir: serve and the CLI both read HUBCAP_DATA_DIR.
    await serve([], { HUBCAP_DATA_DIR: dataDir });
    expect(existsSync(join(dataDir, "admin-token"))).toBe(true);

    expect(await ok(["user", "create", "alice", "--email", "alice@example.com"])).toMatch(/^\d+\n$/);
    const token = (await ok(["user", "token", "alice", "--scopes", "repo"])).trim();
    expect(token).toMatch(/^gh[op]_[A-Za-z0-9]{30,}$/);

    await createRepository(token, "hello");
    const repo = await api("/repos/alice/hello", token);
    expect(repo.status).toBe(200);
    expect(((await repo.json()) as { full_name: string }).full_name).toBe("alice/hello");
    // The repository is private: without the token it is not there.
    expect((await api("/repos/alice/hello")).status).toBe(404);
  });

  it("create an app with its key file, install it, and mint tokens that expire as the clock moves on", async () => {
    await serve();
    await ok(["user", "create", "alice"]);
    const userToken = (await ok(["user", "token", "alice", "--scopes", "repo"])).trim();
    await createRepository(userToken, "hello");
    await createRepository(userToken, "other");

    const { id: appId, stderr: summary } = await created([
      "app",
      "create",
      "--name",
      "My App",
      "--owner",
      "alice",
      "--permissions",
      "metadata=read,issues=write",
      "--events",
      "issues",
    ]);
    const keyFile = join(dir, "my-app.private-key.pem");
    expect(summary).toContain("Created the app My App (my-app), owned by alice");
    expect(summary).toContain(`app id         ${appId}`);
    expect(summary).toMatch(/client secret +[0-9a-f]{40} +\(shown this once/);
    expect(summary).toContain(`private key    ${keyFile}`);
    expect(summary).not.toContain("PRIVATE KEY");
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);

    const installationId = (await created(["install", "my-app", "alice", "--repos", "hello"])).id;

    // The app, authenticating with the key the CLI wrote, sees itself and its installation.
    const app = appClient(appId, keyFile);
    expect((await app.octokit.request("GET /app")).data!.slug).toBe("my-app");
    const { data: installations } = await app.octokit.request("GET /app/installations");
    expect(installations.map((i) => [i.id, i.account?.login])).toEqual([[installationId, "alice"]]);

    // `hubcap token` prints the token alone, and the token reaches what the installation reaches.
    const token = await ok(["token", String(installationId)]);
    expect(token).toMatch(/^ghs_[A-Za-z0-9]+\n$/);
    const listed = await api("/installation/repositories", token.trim());
    expect(listed.status).toBe(200);
    const { repositories } = (await listed.json()) as { repositories: Array<{ full_name: string }> };
    expect(repositories.map((r) => r.full_name)).toEqual(["alice/hello"]);

    expect(await ok(["clock"])).toContain("offset  none: real time");
    expect(await ok(["clock", "advance", "2h"])).toContain("offset  +2h from real time");
    // An installation token lives an hour: two hours on, the one minted before is refused…
    expect((await api("/installation/repositories", token.trim())).status).toBe(401);
    // …and one minted now works.
    const fresh = (await ok(["token", String(installationId)])).trim();
    expect((await api("/installation/repositories", fresh)).status).toBe(200);

    const clock = JSON.parse(await ok(["clock", "advance", "90m", "--json"]));
    expect(clock.offset_seconds).toBe(2 * 3600 + 90 * 60);
    expect(await ok(["clock", "set", "2030-01-01T00:00:00Z"])).toContain("now     2030-01-01T00:00:00Z");
    expect(await ok(["clock", "reset"])).toContain("offset  none: real time");
  });

  it("make, list and delete an app's keys, each written to its own file", async () => {
    await serve();
    const appId = (await created(["app", "create", "--name", "Keyed", "--key-file", "keys/first.pem"])).id;

    const made = await created(["app", "key", "create", "keyed"]);
    const second = /written to (\S+)/.exec(made.stderr)![1]!;
    expect(second).toContain(`keyed.${made.id}.`);
    expect(second).toMatch(/keyed\.\d+\.private-key\.pem$/);
    expect(statSync(second).mode & 0o777).toBe(0o600);
    const keys = (await ok(["app", "key", "list", "keyed"])).trim().split("\n");
    expect(keys).toHaveLength(2);
    expect(keys[1]).toMatch(/^\d+\tSHA256:\S+\t\d{4}-/);

    // Both keys sign JWTs the app is known by; once deleted, the second no longer does.
    expect((await appClient(appId, second).octokit.request("GET /app")).status).toBe(200);
    const secondId = keys[1]!.split("\t")[0]!;
    expect(await ok(["app", "key", "delete", "keyed", secondId])).toBe(`Deleted key ${secondId} of keyed\n`);
    await expect(appClient(appId, second).octokit.request("GET /app")).rejects.toMatchObject({ status: 401 });
    expect((await appClient(appId, join(dir, "keys/first.pem")).octokit.request("GET /app")).status).toBe(
      200,
    );
  });

  it("refuse to overwrite a key file, before the app is created, unless told to", async () => {
    await serve();
    writeFileSync(join(dir, "taken.private-key.pem"), "mine");
    expectFailure(await hubcap(["app", "create", "--name", "Taken"]), "taken.private-key.pem already exists");
    expect(readFileSync(join(dir, "taken.private-key.pem"), "utf8")).toBe("mine");
    expect(JSON.parse(await ok(["world", "export", "--format", "json"])).apps).toEqual([]);

    const forced = JSON.parse(await ok(["app", "create", "--name", "Taken", "--force", "--json"]));
    expect(forced).toMatchObject({ slug: "taken", private_key_file: join(dir, "taken.private-key.pem") });
    expect(forced).not.toHaveProperty("pem");
    expect(readFileSync(join(dir, "taken.private-key.pem"), "utf8")).toContain("BEGIN RSA PRIVATE KEY");
    expect(statSync(join(dir, "taken.private-key.pem")).mode & 0o777).toBe(0o600);
  });

  it("export, reset and import the world, which keeps its ids and the apps' keys", async () => {
    await serve();
    await ok(["user", "create", "alice"]);
    await created(["app", "create", "--name", "First", "--owner", "alice"]);
    await created(["install", "first", "alice"]);
    const appId = (await created(["app", "create", "--name", "My App", "--owner", "alice", "--public"])).id;
    const installationId = (await created(["install", "my-app", "alice"])).id;

    expect(await ok(["world", "export", "--output", "world.yaml"])).toBe(
      `Wrote the world to ${join(dir, "world.yaml")}\n`,
    );
    const world = parseYaml(readFileSync(join(dir, "world.yaml"), "utf8"));
    expect(world.apps.map((a: { slug: string }) => a.slug)).toEqual(["first", "my-app"]);
    expect(JSON.parse(await ok(["world", "export", "--format", "json"]))).toEqual(world);

    expectFailure(await hubcap(["world", "reset"]), "run it with --yes");
    expect((await api("/apps/my-app")).status).toBe(200);
    expect(await ok(["world", "reset", "--yes"])).toContain("The world is empty again");
    expect((await api("/apps/my-app")).status).toBe(404);
    expectFailure(await hubcap(["token", String(installationId)]), `no installation ${installationId}`);

    // Without the first app, a world whose ids were not kept would give my-app the first app's ids.
    world.apps = world.apps.filter((a: { slug: string }) => a.slug === "my-app");
    world.installations = world.installations.filter((i: { app: string }) => i.app === "my-app");
    writeFileSync(join(dir, "world.yaml"), stringifyYaml(world));
    const applied = await ok(["world", "import", "world.yaml"]);
    expect(applied).toContain(`app my-app: id ${appId}`);
    expect(applied).toContain(`installation ${installationId}: my-app on alice`);

    // The key written at creation still authenticates the app: its public half was in the export.
    const app = appClient(appId, join(dir, "my-app.private-key.pem"));
    expect((await app.octokit.request("GET /app")).data!.id).toBe(appId);
    const token = (await ok(["token", String(installationId)])).trim();
    expect((await api("/installation/repositories", token)).status).toBe(200);
  });

  it("import a world file that names private key files, generating the missing ones", async () => {
    await serve();
    writeFileSync(
      join(dir, "world.json"),
      JSON.stringify({
        users: [{ login: "octocat" }],
        apps: [{ slug: "octoapp", owner: "octocat", id: 42, private_key_file: "keys/octoapp.pem" }],
        installations: [{ app: "octoapp", account: "octocat", id: 7 }],
      }),
    );
    const applied = await ok(["world", "import", "world.json"]);
    const keyFile = join(dir, "keys/octoapp.pem");
    expect(applied).toContain(`Generated a private key in ${keyFile}`);
    expect(applied).toContain("installation 7: octoapp on octocat");
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const app = appClient(42, keyFile);
    expect((await app.octokit.request("GET /app")).data!.slug).toBe("octoapp");
    // Applying again reads the key now there, and changes nothing.
    expect(await ok(["world", "import", "world.json"])).not.toContain("Generated");
    expect((await app.octokit.request("GET /app")).status).toBe(200);
  });
});

describe("hubcap's administration commands, when something is wrong", { timeout: 60_000 }, () => {
  it("say a hubcap that is not there cannot be reached", async () => {
    url = `http://127.0.0.1:${await freePort()}`;
    const result = await hubcap(["clock", "--token", "ghp_whatever"]);
    expectFailure(result, `hubcap: cannot reach hubcap at ${url}: `);
    expect(result.stderr).toContain("ECONNREFUSED");
  });

  it("say where they looked for a token that is not there", async () => {
    url = `http://127.0.0.1:${await freePort()}`;
    expectFailure(
      await hubcap(["token", "1", "--data-dir", join(dir, "elsewhere")]),
      `no administrator token: give --token or HUBCAP_TOKEN, or --data-dir where \`hubcap serve\` keeps its files (looked for ${join(dir, "elsewhere", "admin-token")})`,
    );
  });

  it("print GitHub's message, and its errors, when hubcap refuses", async () => {
    await serve();
    await ok(["user", "create", "bob"]);
    const bobs = (await ok(["user", "token", "bob"])).trim();
    const refused = await hubcap(["clock", "--token", bobs]);
    expectFailure(refused, "hubcap: You must be a site administrator to use this endpoint. (HTTP 403)");
    expect(refused.stderr).toContain("(the token came from --token)");
    expect(refused.stderr).not.toContain(bobs);

    await created(["app", "create", "--name", "Twice", "--key-file", "one.pem"]);
    const again = await hubcap(["app", "create", "--name", "Twice", "--key-file", "two.pem"]);
    expectFailure(
      again,
      "hubcap: Name has already been taken (HTTP 422)\n  - Integration.name: already_exists\n",
    );
    expect(existsSync(join(dir, "two.pem"))).toBe(false);

    expectFailure(
      await hubcap(["install", "twice", "nobody"]),
      "hubcap: no user or organization `nobody` (HTTP 404)",
    );
    expectFailure(await hubcap(["token", "1", "--token", "ghp_wrong"]), "Bad credentials (HTTP 401)");
  });

  it.each([
    [["clock", "advance", "2x"], "It must be a duration like 30s, 90m, 2h, 1d or 1h30m"],
    [["clock", "advance"], "missing required argument 'duration'"],
    [["clock", "set", "tomorrow"], "It must be a time like 2030-01-01T00:00:00Z"],
    [["token", "first"], "It must be a positive whole number"],
    [["app", "create"], "required option '--name <name>' not specified"],
    [
      ["app", "create", "--name", "x", "--permissions", "issues"],
      "Each must be name=read, name=write or name=admin",
    ],
    [["install", "my-app"], "missing required argument 'account'"],
    [["clock", "--url", "ftp://example.com"], "It must be an http:// or https:// URL"],
    [["user", "create", "carol", "--bogus"], "unknown option '--bogus'"],
  ])("refuse %j before asking hubcap anything", async (args, message) => {
    // Nothing listens here: a command that asked would fail with "cannot reach" instead.
    url = `http://127.0.0.1:${await freePort()}`;
    const result = await hubcap([...args, "--token", "ghp_whatever"]);
    expectFailure(result, message);
    expect(result.stderr).not.toContain("cannot reach");
  });
});

describe("hubcap's administration commands explain themselves", () => {
  const connection = ["--url <url>", "--token <token>", "--data-dir <dir>", "--ca <file>", "HUBCAP_URL"];
  it.each([
    [
      ["app", "create"],
      ["--name <name>", "--owner <login>", "--permissions <list>", "--key-file <path>", "--force"],
    ],
    [
      ["app", "key", "create"],
      ["<app-slug>", "--key-file <path>"],
    ],
    [
      ["app", "key", "list"],
      ["<app-slug>", "--json"],
    ],
    [
      ["app", "key", "delete"],
      ["<app-slug>", "<key-id>"],
    ],
    [["install"], ["<app-slug>", "<account>", "--repos <list>"]],
    [
      ["repo", "create"],
      ["<owner>", "<name>", "--private", "--json"],
    ],
    [["token"], ["<installation-id>", "--json"]],
    [
      ["user", "create"],
      ["<login>", "--email <email>"],
    ],
    [
      ["user", "token"],
      ["<login>", "--scopes <list>"],
    ],
    [
      ["world", "export"],
      ["--output <file>", "--format <format>"],
    ],
    [["world", "import"], ["<file>"]],
    [["world", "reset"], ["--yes"]],
    [["clock", "show"], ["--json"]],
    [
      ["clock", "advance"],
      ["<duration>", "1h30m"],
    ],
    [["clock", "set"], ["<time>"]],
    [["clock", "reset"], ["--json"]],
  ])("hubcap %j --help", async (command, options) => {
    const { code, stdout } = await runCli([...command, "--help"], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain(`Usage: hubcap ${command.join(" ")} [options]`);
    for (const option of [...options, ...connection]) expect(stdout).toContain(option);
  });

  it.each([[["app"]], [["app", "key"]], [["repo"]], [["user"]], [["world"]], [["clock"]]])(
    "hubcap %j --help",
    async (group) => {
      const { code, stdout } = await runCli([...group, "--help"], { cwd: dir });
      expect(code).toBe(0);
      expect(stdout).toContain(`Usage: hubcap ${group.join(" ")} [options] [command]`);
      expect(stdout).toMatch(/Commands:\n {2}\S+/);
    },
  );
});

describe("hubcap's administration commands over HTTPS", { timeout: 60_000 }, () => {
  it("trust the CA in the data directory, or one given with --ca, and no other", async () => {
    await serve(["--data-dir", dataDir, "--tls"]);
    expect(url).toMatch(/^https:/);
    expect(await ok(["clock"])).toContain("offset  none: real time");

    // Elsewhere, with the token but not the CA, the certificate is not trusted…
    const elsewhere = join(dir, "elsewhere");
    mkdirSync(elsewhere);
    const token = readFileSync(join(dataDir, "admin-token"), "utf8").trim();
    const untrusted = await hubcap(["clock", "--token", token], { HUBCAP_DATA_DIR: elsewhere });
    expectFailure(untrusted, "its certificate is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE)");
    // …until it is given.
    const ca = join(dataDir, "tls", "ca.pem");
    expect(await ok(["clock", "--token", token, "--ca", ca], { HUBCAP_DATA_DIR: elsewhere })).toContain(
      "now",
    );
  });
});
