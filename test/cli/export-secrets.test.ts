import type { ChildProcess } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli-process.js";
import { serveProcess } from "../helpers/serve-process.js";

let dir: string;
let child: ChildProcess;
let url: string;
const received: Array<{ event: string; signature: string; body: string }> = [];
const receiver = createServer((req: IncomingMessage, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    received.push({
      event: String(req.headers["x-github-event"]),
      signature: String(req.headers["x-hub-signature-256"]),
      body,
    });
    res.end();
  });
});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "hubcap-export-secrets-"));
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const server = await serveProcess(["--data-dir", join(dir, "data")]);
  child = server.child;
  url = server.url;
});
afterAll(() => {
  child?.kill("SIGKILL");
  receiver.close();
  rmSync(dir, { recursive: true, force: true });
});

const hubcap = (args: string[]) =>
  runCli(args, { cwd: dir, env: { HUBCAP_URL: url, HUBCAP_DATA_DIR: join(dir, "data") } });

describe("hubcap world export --with-secrets", { timeout: 90_000 }, () => {
  it("writes the webhook secrets and the client secrets' hashes to a 0600 file, which import restores; a plain export has none", async () => {
    const { port } = receiver.address() as { port: number };
    expect((await hubcap(["user", "create", "alice"])).code).toBe(0);
    const created = await hubcap([
      "app",
      "create",
      "--name",
      "Hooked",
      "--owner",
      "alice",
      "--webhook-url",
      `http://127.0.0.1:${port}/`,
      "--webhook-secret",
      "hook-s3cret",
    ]);
    expect(created.code, created.stderr).toBe(0);
    const clientId = /client id +(\S+)/.exec(created.stderr)![1]!;
    const clientSecret = /client secret +(\S+)/.exec(created.stderr)![1]!;
    // A client secret authenticates the app's OAuth side: a token check answers 404 for an unknown
    // token with the right secret, 401 with a wrong one.
    const checkToken = async (secret: string) =>
      (
        await fetch(`${url}/applications/${clientId}/token`, {
          method: "POST",
          headers: {
            authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`,
            "content-type": "application/json",
          },
          body: JSON.stringify({ access_token: "gho_notatokenhubcapeverissued000000000" }),
        })
      ).status;
    expect(await checkToken(clientSecret)).toBe(404);
    expect(await checkToken("not-the-secret")).toBe(401);

    expect(await hubcap(["world", "export", "--with-secrets"])).toMatchObject({
      code: 1,
      stderr: "hubcap: --with-secrets writes secrets to a file only: give --output <file>\n",
    });
    const plain = await hubcap(["world", "export", "-o", "plain.yaml"]);
    expect(plain.code).toBe(0);
    expect(readFileSync(join(dir, "plain.yaml"), "utf8")).not.toContain("hook-s3cret");
    expect(readFileSync(join(dir, "plain.yaml"), "utf8")).not.toContain("client_secret_hashes");

    const kept = await hubcap(["world", "export", "--with-secrets", "-o", "kept.yaml"]);
    expect(kept).toMatchObject({ code: 0, stderr: "" });
    expect(statSync(join(dir, "kept.yaml")).mode & 0o777).toBe(0o600);
    const world = parseYaml(readFileSync(join(dir, "kept.yaml"), "utf8"));
    expect(world.apps[0]).toMatchObject({ slug: "hooked", webhook_secret: "hook-s3cret" });
    // Client secrets as hubcap keeps them, never in plain text.
    expect(world.apps[0].client_secret_hashes).toEqual([
      { sha256: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), last_eight: clientSecret.slice(-8) },
    ]);
    expect(readFileSync(join(dir, "kept.yaml"), "utf8")).not.toContain(clientSecret);

    expect((await hubcap(["world", "reset", "--yes"])).code).toBe(0);
    expect(await checkToken(clientSecret)).toBe(401);
    const imported = await hubcap(["world", "import", "kept.yaml"]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(await checkToken(clientSecret)).toBe(404);
    // The restored app signs its deliveries with the restored secret: install it and check the signature.
    received.length = 0;
    expect((await hubcap(["install", "hooked", "alice"])).code).toBe(0);
    await expect
      .poll(() => received.find((r) => r.event === "installation"), { timeout: 15_000 })
      .toBeDefined();
    const delivery = received.find((r) => r.event === "installation")!;
    const expected = `sha256=${createHmac("sha256", "hook-s3cret").update(delivery.body).digest("hex")}`;
    expect(delivery.signature).toBe(expected);
  });
});
