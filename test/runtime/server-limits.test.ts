import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { ServerLimits } from "../../src/http/server-limits.js";
import { startRuntime } from "../../src/runtime/start-runtime.js";
import { freshStore } from "../helpers/store.js";

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(limits: Partial<ServerLimits>) {
  const runtime = await startRuntime({
    db: await freshStore(),
    host: "127.0.0.1",
    port: 0,
    secretKey: "limits",
    limits,
    seed: async () => {},
  });
  cleanups.push(() => runtime.close());
  return runtime;
}

interface Watched {
  socket: Socket;
  /** Resolves with what the server sent and how long after connecting it closed the connection. */
  closed: Promise<{ afterMs: number; answer: string }>;
}

function open(url: string, send: string): Promise<Watched> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    cleanups.push(() => void socket.destroy());
    const started = Date.now();
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk.toString()));
    const closed = new Promise<{ afterMs: number; answer: string }>((done) => {
      socket.on("close", () => done({ afterMs: Date.now() - started, answer }));
      socket.on("error", () => {});
    });
    socket.once("connect", () => {
      socket.write(send);
      resolve({ socket, closed });
    });
    socket.once("error", reject);
  });
}

describe("the server's request limits", () => {
  it("closes connections that sent headers and a byte of body, and never the rest", async () => {
    const runtime = await start({ headersTimeoutMs: 300, requestTimeoutMs: 800 });
    const slow = await Promise.all(
      Array.from({ length: 50 }, () =>
        open(
          runtime.url,
          "POST /app-manifests/x/conversions HTTP/1.1\r\nHost: h\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{",
        ),
      ),
    );
    const results = await Promise.all(slow.map((s) => s.closed));
    for (const { afterMs, answer } of results) {
      expect(afterMs).toBeLessThan(3000);
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    }
    // The server still answers.
    expect((await fetch(`${runtime.url}/zen`)).status).toBeLessThan(500);
  });

  it("closes connections whose headers never finish", async () => {
    const runtime = await start({ headersTimeoutMs: 300, requestTimeoutMs: 5000 });
    const slow = await open(runtime.url, "GET / HTTP/1.1\r\nHost: h\r\n");
    const { afterMs, answer } = await slow.closed;
    expect(afterMs).toBeLessThan(2000);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it("accepts no more than its connection cap at once", async () => {
    const runtime = await start({ maxConnections: 3 });
    const held = await Promise.all(Array.from({ length: 3 }, () => open(runtime.url, "")));
    // Let the server accept them before the next knocks.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const refused = await open(runtime.url, "GET /zen HTTP/1.1\r\nHost: h\r\n\r\n");
    const { answer } = await refused.closed;
    expect(answer).toBe("");
    held[0]!.socket.destroy();
    await held[0]!.closed;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const admitted = await open(runtime.url, "GET /zen HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
    expect((await admitted.closed).answer).toMatch(/^HTTP\/1\.1 \d{3} /);
  });
});
