import { Writable } from "node:stream";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { startRuntime } from "../../src/runtime/start-runtime.js";
import { startReceiver } from "../helpers/receiver.js";
import { freshStore } from "../helpers/store.js";

describe("the runtime's log", () => {
  it("has one info line per webhook delivery attempt, without the secret or the payload", async () => {
    const lines: Array<Record<string, unknown>> = [];
    const raw: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        raw.push(chunk.toString());
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    const receiver = await startReceiver((req, res) => req.on("end", () => res.writeHead(202).end()));
    const runtime = await startRuntime({
      db: await freshStore(),
      host: "127.0.0.1",
      port: 0,
      secretKey: "delivery-log",
      log: pino({ level: "info" }, sink),
      seed: (hub) =>
        hub.world.apply(
          {
            users: [{ login: "octocat" }],
            apps: [
              {
                slug: "hooked",
                id: 31,
                owner: "octocat",
                webhook: { url: receiver.url, secret: "very-secret-value" },
              },
            ],
            installations: [{ app: "hooked", account: "octocat" }],
          },
          { baseDir: process.cwd() },
        ),
    });
    try {
      const [, created] = await receiver.waitFor(2);
      await expect.poll(() => lines.filter((l) => l.msg === "webhook delivery").length).toBe(2);
      const line = lines.find((l) => l.msg === "webhook delivery" && l.event === "installation");
      expect(line).toMatchObject({
        level: 30,
        event: "installation",
        action: "created",
        appId: 31,
        url: receiver.url,
        statusCode: 202,
        guid: created!.headers["x-github-delivery"],
      });
      expect(line!.durationMs).toEqual(expect.any(Number));
      const all = raw.join("");
      expect(all).not.toContain("very-secret-value");
      expect(all).not.toContain(created!.headers["x-hub-signature-256"]);
      expect(all).not.toContain('"installation":{');
      expect(all).not.toContain("access_tokens_url");
    } finally {
      await runtime.close();
      await receiver.close();
    }
  });
});
