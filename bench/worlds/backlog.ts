import { readFileSync } from "node:fs";
import { join } from "node:path";
import { openWorldWriter, type WorldFile } from "../lib/hubcap-internals.js";
import { SECRET_KEY } from "../lib/server.js";
import type { BenchApp } from "./bench-app.js";

/** `count` users, each with an installation of one app whose webhook goes to `receiverUrl`. */
function backlogWorld(name: string, count: number, receiverUrl: string): WorldFile {
  return {
    users: Array.from({ length: count }, (_, i) => ({ login: `user-${i}` })),
    apps: [
      {
        slug: "hooked",
        id: 1,
        owner: "user-0",
        private_key_file: `${name}.pem`,
        webhook: { url: receiverUrl, secret: "bench" },
      },
    ],
    installations: Array.from({ length: count }, (_, i) => ({
      app: "hooked",
      account: `user-${i}`,
      id: i + 1,
    })),
  };
}

/**
 * A store holding `count` pending `installation.created` deliveries (and a ping) of one app, to a
 * receiver in the bench's process.
 *
 * The backlog is made here, by applying the world through the outbox as `hubcap serve --world` would,
 * and the server starts afterwards (the outbox is durable): so the server measured does nothing but
 * serve and deliver. A process that has just applied a 40,000-installation world carries ~300 MB of
 * garbage that V8 collects only when its heap next reaches the limit that apply set, which would hide
 * what delivering costs.
 */
export async function fillBacklog(
  location: string,
  dir: string,
  name: string,
  count: number,
  receiverUrl: string,
): Promise<BenchApp> {
  const writer = await openWorldWriter(location, { secretKey: SECRET_KEY, webhooks: true });
  try {
    await writer.apply(backlogWorld(name, count, receiverUrl), dir);
  } finally {
    await writer.close();
  }
  return { appId: 1, keyPem: readFileSync(join(dir, `${name}.pem`), "utf8"), installationId: 1 };
}
