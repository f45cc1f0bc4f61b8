import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import { buildApp } from "../app.js";
import { OffsetClock } from "../domain/clock.js";
import { Hubcap, type RateLimits } from "../domain/hubcap.js";
import { SecretBox } from "../domain/secret-box.js";
import type { Readiness } from "../http/health.js";
import { LoadMeter } from "../http/load-meter.js";
import { urlsAt } from "../serialize/urls.js";
import type { PostgresOptions } from "../store/open-postgres.js";
import { openStore } from "../store/open-store.js";
import type { Store } from "../store/store.js";
import { Deliverer, type DelivererOptions } from "../webhooks/deliverer.js";
import { WebhookOutbox } from "../webhooks/outbox.js";
import { Housekeeping } from "./housekeeping.js";
import { baseUrl, listeningUrl, reservePort } from "./listen-address.js";
import { observeResponses, type ObservedResponse } from "./observe-responses.js";

/** How a hubcap runs: what `hubcap serve` and `hubcap/testing` choose differently. */
export interface RuntimeConfig<Seeded> {
  /** A SQLite path, `:memory:`, or a `postgres://` URL. */
  db: string;
  postgres?: PostgresOptions;
  host: string;
  /** 0 picks a free port on `host`. */
  port: number;
  /** The scheme and host clients reach hubcap at, when behind a proxy. */
  publicUrl?: string;
  /** Serve HTTPS with this certificate and key; absent, plain HTTP. */
  https?: { cert: string; key: string };
  /** The proxies whose X-Forwarded-* headers are believed; absent, none. */
  trustProxy?: string[];
  /** Accept the demo world's public credentials from peers other than loopback. */
  demoPublic?: boolean;
  /** Seals stored secrets; instances sharing a database must share it. */
  secretKey: string;
  rateLimits?: Partial<RateLimits>;
  deliverer?: DelivererOptions;
  /** Absent: hubcap logs nothing. */
  log?: Logger;
  /** Sees every API response with its operationId. */
  onResponse?: (response: ObservedResponse) => void;
  /**
   * Fills the store before hubcap listens (worlds, the site administrator), so no client sees it half
   * made; what it returns is the runtime's `seeded`. A seed that throws stops hubcap unstarted.
   */
  seed: (hub: Hubcap) => Promise<Seeded>;
}

export interface Runtime<Seeded> {
  /** The host root clients reach, and the base of every URL in a webhook payload. */
  url: string;
  /** The address and port actually listened on (0.0.0.0 stays 0.0.0.0), as a URL. */
  listening: string;
  hub: Hubcap;
  app: FastifyInstance;
  seeded: Seeded;
  /** Stops in order (HTTP, deliveries in flight, background timers, the store); a second call waits on the first. */
  close(): Promise<void>;
}

const quiet = { warn: () => {}, error: () => {} };

/**
 * The one place a running hubcap is assembled: store, clock, domain, webhook outbox and deliverer, load
 * meter, housekeeping and the HTTP app. The address is settled first, so payload URLs are known before
 * the seed runs; hubcap listens only once it is seeded, and then starts its background work.
 */
export async function startRuntime<Seeded>(config: RuntimeConfig<Seeded>): Promise<Runtime<Seeded>> {
  const store = await openStore(config.db, config.postgres);
  const readiness: Readiness = { state: "starting" };
  const parts: Parts = { store };
  const close = once(() => {
    readiness.state = "stopping";
    return shutdown(parts);
  });
  try {
    const port = await reservePort(config.host, config.port);
    const url = baseUrl({ host: config.host, port, https: !!config.https, publicUrl: config.publicUrl });
    const log = config.log ?? quiet;
    const clock = new OffsetClock();
    const secrets = new SecretBox(config.secretKey);
    const load = new LoadMeter();
    const deliverer = (parts.deliverer = new Deliverer(store, clock, secrets, log, {
      busy: () => load.busy(),
      ...config.deliverer,
    }));
    const wake = () => deliverer.notify();
    const outbox = new WebhookOutbox(clock, { urls: urlsAt(url), wake });
    const hub = (parts.hub = new Hubcap(store, clock, {
      rateLimits: config.rateLimits,
      secretKey: secrets,
      events: outbox,
      wakeDeliverer: wake,
    }));
    const housekeeping = (parts.housekeeping = new Housekeeping(store, clock, log));
    await hub.loadClock();
    hub.startClockSync();
    const app = (parts.app = await buildApp({
      hub,
      logger: config.log,
      publicUrl: config.publicUrl,
      load,
      https: config.https,
      readiness,
      trustProxy: config.trustProxy,
      demoPublic: config.demoPublic,
    }));
    if (config.onResponse) observeResponses(app, config.onResponse);
    const seeded = await config.seed(hub);
    readiness.state = "ready";
    await app.listen({ host: config.host, port });
    deliverer.start();
    housekeeping.start();
    return { url, listening: listeningUrl(app, !!config.https), hub, app, seeded, close };
  } catch (error) {
    await close().catch(() => {});
    throw error;
  }
}

/** What has been made so far: a start that fails half-way closes just these. */
interface Parts {
  store: Store;
  app?: FastifyInstance;
  deliverer?: Deliverer;
  housekeeping?: Housekeeping;
  hub?: Hubcap;
}

/** Every step runs even if one before it failed; the first failure is reported. */
async function shutdown(parts: Parts): Promise<void> {
  const steps = [
    // Stops accepting connections, then waits for the requests in flight.
    () => parts.app?.close(),
    // Waits for the sends in flight, which record their outcome in the store.
    () => parts.deliverer?.stop(),
    () => parts.housekeeping?.stop(),
    // The clock sync, and the rate-limit counts not yet written.
    () => parts.hub?.close(),
    () => parts.store.close(),
  ];
  const failures: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}
