import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer as createHttpsServer } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAppAuth } from "@octokit/auth-app";
import { Octokit } from "@octokit/rest";
import { afterEach, describe, expect, it } from "vitest";
import { startHubcap, type TestHubcap } from "../../src/testing/index.js";
import { startReceiver } from "../helpers/receiver.js";
import { freshStore } from "../helpers/store.js";

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const appOctokit = (hubcap: TestHubcap, slug: string) =>
  new Octokit({
    authStrategy: createAppAuth,
    auth: { appId: hubcap.apps[slug]!.id, privateKey: hubcap.apps[slug]!.privateKey },
    baseUrl: hubcap.url,
    log: { debug() {}, info() {}, warn() {}, error() {} },
  });

describe("receivers that misbehave", () => {
  it("a receiver that never answers holds only its own app's slots", async () => {
    const stuck = await startReceiver(() => {}); // reads the request, never answers
    cleanups.push(() => stuck.close());
    const fine = await startReceiver();
    cleanups.push(() => fine.close());
    const hubcap = await startHubcap({
      db: await freshStore(),
      // Few slots, so that without a per-app cap the stuck app would take them all.
      deliverer: { concurrency: 4, perAppConcurrency: 1, timeoutMs: 3000 },
      world: {
        users: Array.from({ length: 10 }, (_, i) => ({ login: `u${i}` })),
        apps: [
          { slug: "stuck", owner: "u0", webhook: { url: stuck.url } },
          { slug: "fine", owner: "u0", webhook: { url: fine.url } },
        ],
        installations: Array.from({ length: 10 }, (_, i) => ({ app: "stuck", account: `u${i}` })).concat([
          { app: "fine", account: "u0" },
        ]),
      },
    });
    cleanups.unshift(() => hubcap.close());
    const started = Date.now();
    await fine.waitFor(2, 2500); // ping and installation.created, long before the stuck ones time out
    expect(Date.now() - started).toBeLessThan(2500);
    expect(stuck.received.length).toBeLessThanOrEqual(1);
  });

  it("honours insecure_ssl for a receiver with a self-signed certificate", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hubcap-tls-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=127.0.0.1",
        "-days",
        "1",
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    let received = 0;
    const server = createHttpsServer(
      { key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) },
      (req, res) => {
        req.resume();
        req.on("end", () => {
          received++;
          res.writeHead(200).end();
        });
      },
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    const address = server.address();
    const url = `https://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/hook`;

    const hubcap = await startHubcap({
      db: await freshStore(),
      world: { users: [{ login: "u" }], apps: [{ slug: "tls", owner: "u", webhook: { url } }] },
    });
    cleanups.unshift(() => hubcap.close());
    const octokit = appOctokit(hubcap, "tls");
    // The ping to an untrusted certificate fails, as on GitHub with SSL verification on.
    await expect
      .poll(async () => (await octokit.apps.listWebhookDeliveries()).data[0]?.status_code, { timeout: 5000 })
      .toBe(0);
    expect(received).toBe(0);

    await octokit.request("PATCH /app/hook/config", { data: { insecure_ssl: "1" } } as never);
    const [ping] = (await octokit.apps.listWebhookDeliveries()).data;
    await octokit.apps.redeliverWebhookDelivery({ delivery_id: ping!.id });
    await expect
      .poll(async () => (await octokit.apps.listWebhookDeliveries()).data[0]?.status_code, { timeout: 5000 })
      .toBe(200);
    expect(received).toBe(1);
  });
});
