import type { FastifyInstance } from "fastify";
import { buildApp } from "../app.js";
import { OffsetClock } from "../domain/clock.js";
import { Hubcap, type RateLimits } from "../domain/hubcap.js";
import { ADMIN_LOGIN } from "../admin-token.js";
import { generateAppKeyPair } from "../domain/keys.js";
import { generateToken } from "../domain/tokens.js";
import type { WorldFile } from "../domain/world-file.js";
import { checkWorld } from "../domain/world-file.js";
import { openStore } from "../store/open-store.js";
import { Deliverer, type DelivererOptions } from "../webhooks/deliverer.js";
import { WebhookOutbox } from "../webhooks/outbox.js";

export type { WorldFile } from "../domain/world-file.js";
export { receiveWebhooks, type WebhookReceiver, type ReceivedWebhook } from "./receive-webhooks.js";

export interface StartHubcapOptions {
  /** The world to start with, as a world file would declare it. */
  world?: WorldFile;
  /** Defaults to a fresh in-memory SQLite store. */
  db?: string;
  rateLimits?: Partial<RateLimits>;
  /** The key that seals stored secrets; instances sharing a `db` must share it. */
  secretKey?: string;
  deliverer?: DelivererOptions;
  /** Sees every API response with GitHub's operationId (e.g. to validate it against GitHub's OpenAPI description). */
  onResponse?: (response: {
    operationId: string;
    method: string;
    url: string;
    status: number;
    body: string;
  }) => void;
}

export interface TestApp {
  id: number;
  slug: string;
  clientId: string;
  /** The app's private key (PKCS#1 PEM), generated for the test: hubcap keeps only its public half. */
  privateKey: string;
}

/** What `createApp` takes: an app's settings, as its registration form has them. */
export interface TestAppOptions {
  name: string;
  slug?: string;
  /** The owning user or organization (default: the site administrator `hubcap-admin`). */
  owner?: string;
  description?: string;
  public?: boolean;
  permissions?: Record<string, string>;
  events?: string[];
  webhookUrl?: string;
  webhookSecret?: string;
}

export interface TestHubcap {
  /** The host root, e.g. http://127.0.0.1:43127 (octokit: use `${url}/api/v3` or `url` as baseUrl). */
  url: string;
  apps: Record<string, TestApp>;
  hub: Hubcap;
  /** A site administrator's token (user `hubcap-admin`): for the admin API at /admin and /_hubcap. */
  adminToken: string;
  /** Applies more world, as a world file would. */
  apply(world: WorldFile): Promise<void>;
  /** Registers an app with a new key pair; its owner hears nothing until it is installed. */
  createApp(options: TestAppOptions): Promise<TestApp>;
  /**
   * Installs an app on an account (all repositories, or the named ones); the app hears
   * `installation.created`. Returns the installation id.
   */
  install(app: string, account: string, repositories?: string[]): Promise<number>;
  /** Moves hubcap's clock (every time-based rule reads it). */
  advanceClock(ms: number): Promise<void>;
  setClockOffset(ms: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * An in-process hubcap on a free loopback port. Apps declared without keys get a generated key pair,
 * returned in `apps[slug].privateKey`.
 */
export async function startHubcap(options: StartHubcapOptions = {}): Promise<TestHubcap> {
  const store = await openStore(options.db ?? ":memory:");
  const clock = new OffsetClock();
  const outbox = new WebhookOutbox(clock);
  const hub = new Hubcap(store, clock, {
    rateLimits: options.rateLimits,
    // Instances sharing a database (tests of several instances) must share the key that seals secrets.
    secretKey: options.secretKey ?? "hubcap-testing",
    events: outbox,
  });
  const deliverer = new Deliverer(
    store,
    clock,
    hub.secrets,
    { warn: () => {}, error: () => {} },
    options.deliverer,
  );
  outbox.onRecord = () => deliverer.notify();
  hub.deliveries.onQueued = () => deliverer.notify();
  const privateKeys = new Map<string, string>();
  const adminToken = generateToken("ghp_");
  const apps: Record<string, TestApp> = {};

  const apply = async (world: WorldFile) => {
    const checked = checkWorld(structuredClone(world));
    for (const app of checked.apps ?? []) {
      if (app.private_key_file || app.public_keys?.length || privateKeys.has(app.slug)) continue;
      const pair = generateAppKeyPair();
      privateKeys.set(app.slug, pair.privateKeyPem);
      app.public_keys = [pair.publicKeyPem];
    }
    const applied = await hub.world.apply(checked, { baseDir: process.cwd() });
    for (const app of applied.apps) {
      apps[app.slug] = {
        id: app.id,
        slug: app.slug,
        clientId: app.clientId,
        privateKey: privateKeys.get(app.slug) ?? "",
      };
    }
  };

  let fastify: FastifyInstance | undefined;
  try {
    await hub.loadClock();
    hub.startClockSync();
    fastify = await buildApp({ hub });
    const onResponse = options.onResponse;
    if (onResponse) {
      fastify.addHook("onSend", async (request, reply, payload) => {
        const operationId = request.routeOptions.config?.operationId;
        if (operationId) {
          try {
            onResponse({
              operationId,
              method: request.method,
              url: request.url,
              status: reply.statusCode,
              body: String(payload ?? ""),
            });
          } catch (error) {
            request.log.error({ err: error }, "onResponse failed");
          }
        }
        return payload;
      });
    }
    await fastify.listen({ host: "127.0.0.1", port: 0 });
    const address = fastify.server.address();
    outbox.setBaseUrl(`http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`);
    await apply({ users: [{ login: ADMIN_LOGIN, site_admin: true, token: adminToken }] });
    if (options.world) await apply(options.world);
    deliverer.start();
  } catch (error) {
    await fastify?.close();
    await deliverer.stop();
    await hub.close();
    await store.close();
    throw error;
  }
  const address = fastify.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const server = fastify;
  const admin = async () => (await store.findAccountByLogin(ADMIN_LOGIN))!;
  return {
    adminToken,
    createApp: async (app) => {
      const actor = await admin();
      const owner = app.owner ? await hub.accounts.get(app.owner) : actor;
      const registered = await hub.appRegistry.register(
        owner,
        {
          name: app.name,
          slug: app.slug,
          description: app.description,
          public: app.public,
          permissions: app.permissions,
          events: app.events,
          webhookUrl: app.webhookUrl,
          webhookSecret: app.webhookSecret,
        },
        actor,
        { privateKey: true },
      );
      const created: TestApp = {
        id: registered.app.id,
        slug: registered.app.slug,
        clientId: registered.app.clientId,
        privateKey: registered.privateKeyPem!,
      };
      privateKeys.set(created.slug, created.privateKey);
      apps[created.slug] = created;
      return created;
    },
    install: async (slug, login, repositories) => {
      const app = await store.findAppBySlug(slug);
      if (!app) throw new Error(`no app ${slug}`);
      const account = await hub.accounts.get(login);
      const ids: number[] = [];
      for (const name of repositories ?? []) {
        const repository = await store.findRepository(account.login, name.split("/").pop()!);
        if (!repository) throw new Error(`${login} has no repository ${name}`);
        ids.push(repository.id);
      }
      const choice = repositories
        ? { selection: "selected" as const, repositoryIds: ids }
        : { selection: "all" as const };
      return (await hub.installing.install(app.id, account, choice, await admin())).id;
    },
    url: `http://127.0.0.1:${port}`,
    apps,
    hub,
    apply,
    advanceClock: (ms) => hub.setClockOffset(hub.clock.offset + ms),
    setClockOffset: (ms) => hub.setClockOffset(ms),
    close: async () => {
      await server.close();
      await deliverer.stop();
      await hub.close();
      await store.close();
    },
  };
}
