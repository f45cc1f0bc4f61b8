import { connect, createServer, type Server } from "node:net";
import { describe, expect, it } from "vitest";
import { reservePort } from "../../src/runtime/listen-address.js";
import { startRuntime } from "../../src/runtime/start-runtime.js";
import { startReceiver } from "../helpers/receiver.js";
import { freshStore } from "../helpers/store.js";

/** Whether nothing accepts connections on a loopback port. */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}

const base = async (port = 0) => ({ db: await freshStore(), host: "127.0.0.1", port, secretKey: "runtime" });

describe("the runtime", () => {
  it("applies its world before it listens, with payload URLs at the address it then listens on", async () => {
    const receiver = await startReceiver();
    const port = await reservePort("127.0.0.1", 0);
    let refusedWhileSeeding: boolean | undefined;
    const runtime = await startRuntime({
      ...(await base(port)),
      seed: async (hub) => {
        await hub.world.apply(
          {
            users: [{ login: "octocat" }],
            apps: [{ slug: "hooked", owner: "octocat", public: true, webhook: { url: receiver.url } }],
            installations: [{ app: "hooked", account: "octocat" }],
          },
          { baseDir: process.cwd() },
        );
        refusedWhileSeeding = await refused(port);
      },
    });
    try {
      expect(refusedWhileSeeding).toBe(true);
      expect(runtime.url).toBe(`http://127.0.0.1:${port}`);
      // A ping when the webhook is configured, then installation.created.
      const deliveries = await receiver.waitFor(2);
      const created = deliveries.find((d) => d.headers["x-github-event"] === "installation");
      const payload = JSON.parse(created!.body) as { installation: { access_tokens_url: string } };
      expect(payload.installation.access_tokens_url).toMatch(
        new RegExp(`^http://127\\.0\\.0\\.1:${port}/api/v3/app/installations/\\d+/access_tokens$`),
      );
      expect((await fetch(`${runtime.url}/apps/hooked`)).status).toBe(200);
    } finally {
      await runtime.close();
    }
  });

  it("never listens when its seed fails, and leaves the port free", async () => {
    const port = await reservePort("127.0.0.1", 0);
    const failure = new Error("no such world");
    await expect(
      startRuntime({
        ...(await base(port)),
        seed: async () => {
          throw failure;
        },
      }),
    ).rejects.toBe(failure);
    expect(await refused(port)).toBe(true);
    const again = await startRuntime({ ...(await base(port)), seed: async () => {} });
    await again.close();
  });

  it("refuses a port in use before seeding", async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const address = taken.address();
    const port = typeof address === "object" && address ? address.port : 0;
    let seeded = false;
    try {
      await expect(
        startRuntime({
          ...(await base(port)),
          seed: async () => {
            seeded = true;
          },
        }),
      ).rejects.toThrow(/EADDRINUSE/);
      expect(seeded).toBe(false);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it("closes once, however often it is asked, and then refuses connections", async () => {
    const runtime = await startRuntime({ ...(await base()), seed: async () => "seeded" });
    expect(runtime.seeded).toBe("seeded");
    const port = Number(new URL(runtime.url).port);
    expect(await refused(port)).toBe(false);
    await Promise.all([runtime.close(), runtime.close()]);
    await runtime.close();
    expect(await refused(port)).toBe(true);
  });
});
