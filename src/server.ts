import { dirname } from "node:path";
import type { FastifyInstance } from "fastify";
import { pino, type Logger } from "pino";
import { ensureAdminToken } from "./admin-token.js";
import { buildApp } from "./app.js";
import { LoadMeter } from "./http/load-meter.js";
import type { Config } from "./config.js";
import { demoWorld } from "./demo.js";
import { OffsetClock, seconds } from "./domain/clock.js";
import { Hubcap } from "./domain/hubcap.js";
import { readWorldFile } from "./domain/world-file.js";
import type { AppliedWorld } from "./domain/world.js";
import { openStore } from "./store/open-store.js";
import { certificateNames } from "./tls/certificate-names.js";
import { serverTls, type ServerTls } from "./tls/server-tls.js";
import { Deliverer } from "./webhooks/deliverer.js";
import { WebhookOutbox } from "./webhooks/outbox.js";

export interface RunningServer {
  url: string;
  hub: Hubcap;
  app: FastifyInstance;
  demo?: AppliedWorld;
  /** Where the site administrator's token is kept (the CLI reads it). */
  adminTokenFile: string;
  /** Present when serving HTTPS: which certificate, and which CA clients should trust. */
  tls?: ServerTls;
  close(): Promise<void>;
}

const HOUSEKEEPING_MS = 10 * 60 * 1000;

/** Opens the store, applies worlds, listens, and starts the background work. */
export async function startServer(
  config: Config,
  log: Logger = pino({ level: config.logLevel }),
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
  const store = await openStore(config.db, config.postgres);
  const clock = new OffsetClock();
  const outbox = new WebhookOutbox(clock);
  const hub = new Hubcap(store, clock, {
    rateLimits: config.rateLimits,
    secretKey: config.secretKey,
    events: outbox,
  });
  const load = new LoadMeter();
  const deliverer = new Deliverer(store, clock, hub.secrets, log, {
    staleMs: config.deliveryClaimTimeoutMs,
    busy: () => load.busy(),
  });
  outbox.onRecord = () => deliverer.notify();
  hub.deliveries.onQueued = () => deliverer.notify();
  let app: FastifyInstance | undefined;
  try {
    await hub.loadClock();
    hub.startClockSync();
    app = await buildApp({
      hub,
      logger: log,
      publicUrl: config.publicUrl,
      load,
      ...(tls && { https: { cert: tls.cert, key: tls.key } }),
    });
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    const host = config.host.includes(":")
      ? `[${config.host}]`
      : config.host === "0.0.0.0"
        ? "127.0.0.1"
        : config.host;
    const url = config.publicUrl ?? `${tls ? "https" : "http"}://${host}:${port}`;
    // Payloads carry URLs, so worlds (whose changes send webhooks) are applied once the address is known.
    outbox.setBaseUrl(url);
    const demo = config.demo ? await hub.world.apply(demoWorld(), { baseDir: config.dataDir }) : undefined;
    if (config.world) await hub.world.apply(readWorldFile(config.world), { baseDir: dirname(config.world) });
    // After the worlds, so that ids they leave to hubcap go to their own accounts first.
    const admin = await ensureAdminToken(hub, config.dataDir);
    deliverer.start();

    // Expired tokens and sessions are refused by their expiry; this only keeps the tables small.
    const housekeeping = setInterval(() => {
      Promise.all([
        store.deleteExpiredInstallationTokens(seconds(hub.clock) - 86400),
        store.deleteExpiredSessions(seconds(hub.clock)),
      ]).catch((err) => log.warn({ err }, "housekeeping failed"));
    }, HOUSEKEEPING_MS);
    housekeeping.unref();

    const running = app;
    return {
      url,
      hub,
      app: running,
      demo,
      adminTokenFile: admin.file,
      tls,
      close: async () => {
        clearInterval(housekeeping);
        await running.close();
        await deliverer.stop();
        await hub.close();
        await store.close();
      },
    };
  } catch (error) {
    await app?.close();
    await deliverer.stop();
    await hub.close();
    await store.close();
    throw error;
  }
}
