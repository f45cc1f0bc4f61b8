import { dirname } from "node:path";
import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import { ensureAdminToken } from "./admin-token.js";
import type { Config } from "./config.js";
import { demoWorld } from "./demo.js";
import { createLogger } from "./logger.js";
import type { Hubcap } from "./domain/hubcap.js";
import { readWorldFile } from "./domain/world-file.js";
import type { AppliedWorld } from "./domain/world.js";
import { startRuntime } from "./runtime/start-runtime.js";
import { certificateNames } from "./tls/certificate-names.js";
import { serverTls, type ServerTls } from "./tls/server-tls.js";

export interface RunningServer {
  url: string;
  /** The logger the server logs to, which `serve` also writes its banner through in JSON mode. */
  log: Logger;
  /** The address actually listened on (0.0.0.0 stays 0.0.0.0), for the operator. */
  listening: string;
  hub: Hubcap;
  app: FastifyInstance;
  demo?: AppliedWorld;
  /** Where the site administrator's token is kept (the CLI reads it). */
  adminTokenFile: string;
  /** Present when serving HTTPS: which certificate, and which CA clients should trust. */
  tls?: ServerTls;
  close(): Promise<void>;
}

/** `hubcap serve`: the runtime configured from flags and environment, seeded with its worlds and administrator. */
export async function startServer(
  config: Config,
  log: Logger = createLogger(config.logLevel, config.logFormat),
): Promise<RunningServer> {
  // Before the store opens: a bad --cert is the quickest thing to refuse. Certificates are checked by
  // clients against their real clocks, so validity is computed from real time, not hubcap's clock.
  const tls =
    config.tls &&
    serverTls(config.tls, {
      dataDir: config.dataDir,
      names: certificateNames(config.host, config.publicUrl),
      now: new Date(),
    });
  // Read and checked before the store opens: a malformed world stops hubcap before anything else.
  const world = config.world ? readWorldFile(config.world) : undefined;
  const runtime = await startRuntime({
    db: config.db,
    postgres: config.postgres,
    host: config.host,
    port: config.port,
    publicUrl: config.publicUrl,
    ...(tls && { https: { cert: tls.cert, key: tls.key } }),
    trustProxy: config.trustProxy,
    demoPublic: config.demoPublic,
    secretKey: config.secretKey,
    rateLimits: config.rateLimits,
    deliverer: { staleMs: config.deliveryClaimTimeoutMs },
    log,
    seed: async (hub) => {
      const demo = config.demo ? await hub.world.apply(demoWorld(), { baseDir: config.dataDir }) : undefined;
      if (config.world && world) await hub.world.apply(world, { baseDir: dirname(config.world) });
      // After the worlds, so that ids they leave to hubcap go to their own accounts first.
      const admin = await ensureAdminToken(hub, config.dataDir);
      return { demo, adminTokenFile: admin.file };
    },
  });
  return {
    url: runtime.url,
    log,
    listening: runtime.listening,
    hub: runtime.hub,
    app: runtime.app,
    demo: runtime.seeded.demo,
    adminTokenFile: runtime.seeded.adminTokenFile,
    tls,
    close: runtime.close,
  };
}
