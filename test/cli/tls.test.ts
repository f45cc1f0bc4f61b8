import { execFile, type ChildProcess } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "node:tls";
import { promisify } from "node:util";
import { App } from "@octokit/app";
import { Octokit } from "@octokit/core";
import { Agent, fetch } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generateAppKeyPair } from "../../src/domain/keys.js";
import { certificateNames } from "../../src/tls/certificate-names.js";
import { issueCertificate } from "../../src/tls/issue-certificate.js";
import { startReceiver } from "../helpers/receiver.js";
import { serveProcess } from "../helpers/serve-process.js";

const run = promisify(execFile);
let dir: string;
const children: ChildProcess[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "hubcap-tls-cli-"));
});
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

async function serve(args: string[]) {
  const server = await serveProcess(["--data-dir", dir, ...args]);
  children.push(server.child);
  return server;
}

async function stop(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/** A client that trusts only `ca` (not the system's CAs). */
const trusting = (ca: string) => new Agent({ connect: { ca } });
const caFile = () => join(dir, "tls", "ca.pem");

/** The certificate the server presents, as a client trusting `ca` (and checking `servername`) sees it. */
function servedCertificate(url: string, ca: string, servername?: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port), ca, servername }, () => {
      resolve(socket.getPeerX509Certificate()!.fingerprint256);
      socket.end();
    });
    socket.on("error", reject);
  });
}

/** An installation token for the demo app, minted over HTTPS by a client that trusts hubcap's CA. */
async function demoInstallationToken(url: string): Promise<string> {
  const dispatcher = trusting(readFileSync(caFile(), "utf8"));
  const app = new App({
    appId: 1,
    privateKey: readFileSync(join(dir, "demo-app.pem"), "utf8"),
    Octokit: Octokit.defaults({
      baseUrl: `${url}/api/v3`,
      request: {
        fetch: (input: string, init: RequestInit) => fetch(input, { ...init, dispatcher } as never),
      },
    }),
  });
  const { data } = await app.octokit.request("POST /app/installations/{installation_id}/access_tokens", {
    installation_id: 1,
  });
  await dispatcher.close();
  return data.token;
}

describe("hubcap serve --tls", () => {
  it("serves HTTPS that a client trusting hubcap's CA accepts and any other client refuses", async () => {
    const receiver = await startReceiver();
    const world = join(dir, "world.json");
    writeFileSync(
      world,
      JSON.stringify({
        users: [{ login: "hooked" }],
        apps: [{ slug: "hooked", owner: "hooked", webhook: { url: receiver.url, secret: "s" } }],
        installations: [{ app: "hooked", account: "hooked" }],
      }),
    );
    const { url, output } = await serve(["--tls", "--demo", "--world", world]);
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const ca = readFileSync(caFile(), "utf8");

    const response = await fetch(`${url}/`, { dispatcher: trusting(ca) });
    expect(response.status).toBe(200);
    // Over TLS the API asks browsers to keep to HTTPS, as api.github.com does.
    expect(response.headers.get("strict-transport-security")).toBe(
      "max-age=31536000; includeSubdomains; preload",
    );
    // The URLs hubcap writes carry the scheme the client used.
    expect(((await response.json()) as { rate_limit_url: string }).rate_limit_url).toBe(`${url}/rate_limit`);

    // Without hubcap's CA (the system's CAs only) the handshake fails on the certificate.
    const refused = await fetch(`${url}/`).catch((error: Error) => error);
    expect(refused).toBeInstanceOf(Error);
    expect(((refused as Error).cause as { code?: string }).code).toBe("UNABLE_TO_VERIFY_LEAF_SIGNATURE");
    // Nor does it answer plain HTTP on the same port.
    await expect(fetch(url.replace("https:", "http:"))).rejects.toThrow();

    // The URLs in webhook payloads are https too, though written before any request arrives.
    const bodies = (await receiver.waitFor(2)).map((r) => JSON.parse(r.body));
    await receiver.close();
    const created = bodies.find((body) => body.action === "created");
    expect(created.installation.access_tokens_url).toBe(
      `${url}/api/v3/app/installations/${created.installation.id}/access_tokens`,
    );

    await expect.poll(output).toContain("First call, with @octokit/app");
    expect(output()).toContain(`SSL_CERT_FILE=${caFile()}`);
    expect(output()).toContain(`NODE_EXTRA_CA_CERTS=${caFile()}`);
    expect(output()).toContain(`Octokit.defaults({ baseUrl: "${url}/api/v3" })`);
  });

  it("lets gh list an installation's repositories with an installation token", async () => {
    const { url } = await serve(["--tls", "--demo"]);
    const token = await demoInstallationToken(url);
    const configDir = join(dir, "gh");
    mkdirSync(configDir);
    // gh 2.23 refuses `--hostname` with a port ("invalid hostname") but takes it from GH_HOST, and calls
    // https://HOST/api/v3/. For a host other than github.com it reads GH_ENTERPRISE_TOKEN, not GH_TOKEN.
    const env = {
      PATH: process.env.PATH,
      HOME: dir,
      GH_CONFIG_DIR: configDir,
      GH_HOST: new URL(url).host,
      GH_ENTERPRISE_TOKEN: token,
      GH_TOKEN: token,
      GH_NO_UPDATE_NOTIFIER: "1",
      NO_COLOR: "1",
    };
    const gh = (args: string[], extra: Record<string, string> = {}) =>
      run("gh", ["api", ...args], { env: { ...env, ...extra }, timeout: 15_000 });

    const trusted = { SSL_CERT_FILE: caFile() };
    const listed = JSON.parse((await gh(["/installation/repositories"], trusted)).stdout);
    expect(listed.repositories.map((r: { full_name: string }) => r.full_name)).toEqual([
      "octo-org/hello-world",
    ]);
    expect(listed.repositories[0].url).toBe(`${url}/api/v3/repos/octo-org/hello-world`);
    const repo = await gh(["/repos/octo-org/hello-world", "--jq", ".full_name"], trusted);
    expect(repo.stdout.trim()).toBe("octo-org/hello-world");

    // gh trusts the certificate only through SSL_CERT_FILE: with the system's CAs it refuses hubcap.
    await expect(gh(["/installation/repositories"])).rejects.toThrow(
      /x509: certificate signed by unknown authority/,
    );
  });

  it("keeps its CA and certificate across restarts, and reissues the certificate for a new host", async () => {
    const first = await serve(["--tls"]);
    const ca = readFileSync(caFile(), "utf8");
    const fingerprint = new X509Certificate(ca).fingerprint256;
    const served = await servedCertificate(first.url, ca);
    await stop(first.child);

    const second = await serve(["--tls"]);
    expect(new X509Certificate(readFileSync(caFile(), "utf8")).fingerprint256).toBe(fingerprint);
    expect(await servedCertificate(second.url, ca)).toBe(served);
    await expect.poll(second.output).toContain(caFile());
    expect(second.output()).not.toContain("created now");
    await stop(second.child);

    // Another loopback address is a name the kept certificate lacks: a new one, from the same CA.
    const third = await serve(["--tls", "--host", "127.0.0.2"]);
    expect(third.url).toMatch(/^https:\/\/127\.0\.0\.2:/);
    expect(new X509Certificate(readFileSync(caFile(), "utf8")).fingerprint256).toBe(fingerprint);
    expect(await servedCertificate(third.url, ca)).not.toBe(served);
    expect((await fetch(`${third.url}/`, { dispatcher: trusting(ca) })).status).toBe(200);
  });
});

describe("hubcap serve --cert --key", () => {
  function writeOwnCertificate() {
    const now = new Date();
    const window = {
      notBefore: new Date(now.getTime() - 60_000),
      notAfter: new Date(now.getTime() + 86_400_000),
    };
    const ca = issueCertificate({ commonName: "someone else's CA", authority: true, ...window });
    const cert = issueCertificate({
      commonName: "localhost",
      names: certificateNames("127.0.0.1"),
      issuer: ca,
      ...window,
    });
    const files: Files = {
      cert: join(dir, "own", "cert.pem"),
      key: join(dir, "own", "key.pem"),
      otherKey: join(dir, "own", "other-key.pem"),
    };
    mkdirSync(join(dir, "own"));
    writeFileSync(files.cert, cert.certPem);
    writeFileSync(files.key, cert.keyPem);
    // A key of no certificate here: a mistake an operator can make with two key files side by side.
    writeFileSync(files.otherKey, generateAppKeyPair().privateKeyPem);
    return { ca: ca.certPem, cert: cert.certPem, files };
  }

  it("serves the certificate it is given, and creates no CA of its own", async () => {
    const own = writeOwnCertificate();
    const { url, output } = await serve(["--cert", own.files.cert, "--key", own.files.key]);
    expect(url).toMatch(/^https:\/\//);
    expect(await servedCertificate(url, own.ca)).toBe(new X509Certificate(own.cert).fingerprint256);
    expect((await fetch(`${url}/`, { dispatcher: trusting(own.ca) })).status).toBe(200);
    await expect.poll(output).toContain(`certificate in ${own.files.cert}`);
    expect(existsSync(join(dir, "tls"))).toBe(false);
  });

  it.each([
    [
      "an unreadable certificate",
      (f: Files) => ["--cert", join(dir, "missing.pem"), "--key", f.key],
      "cannot read the certificate file",
    ],
    [
      "a file that is no certificate",
      (f: Files) => ["--cert", f.key, "--key", f.key],
      "holds no PEM certificate",
    ],
    [
      "a key of another certificate",
      (f: Files) => ["--cert", f.cert, "--key", f.otherKey],
      "does not belong to the certificate",
    ],
    ["--cert without --key", (f: Files) => ["--cert", f.cert], "--cert and --key must be given together"],
  ])("refuses %s with a clear message and exit 1", async (_, args, message) => {
    const own = writeOwnCertificate();
    const failed = serve(args(own.files));
    await expect(failed).rejects.toThrow("hubcap exited (1)");
    await expect(failed).rejects.toThrow(message);
  });
});

type Files = { cert: string; key: string; otherKey: string };
