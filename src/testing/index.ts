import type { Logger } from "pino";
import type { Hubcap, RateLimits } from "../domain/hubcap.js";
import { ADMIN_LOGIN } from "../admin-token.js";
import { generateAppKeyPair } from "../domain/keys.js";
import { generateToken } from "../domain/tokens.js";
import type { WorldFile } from "../domain/world-file.js";
import { checkWorld } from "../domain/world-file.js";
import type { ObservedResponse } from "../runtime/observe-responses.js";
import { startRuntime } from "../runtime/start-runtime.js";
import type { DelivererOptions } from "../webhooks/deliverer.js";

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
  /** The proxies whose X-Forwarded-* headers are believed (e.g. `["127.0.0.1"]`); absent, none. */
  trustProxy?: string[];
  /** Sees every API response with GitHub's operationId (e.g. to validate it against GitHub's OpenAPI description). */
  onResponse?: (response: ObservedResponse) => void;
  /** Where hubcap logs (a pino logger; at `info`, a line per request); absent, it logs nothing. */
  log?: Logger;
}

export interface TestApp {
  id: number;
  slug: string;
  clientId: string;
  /**
   * A client secret, for signing people in (OAuth): `createApp` makes one; an app of a world has the
   * first it declares, if any. hubcap keeps only its hash, so this is the one place it can be read.
   */
  clientSecret?: string;
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
  /** Where the OAuth web flow may send people back (the first is the default). */
  callbackUrls?: string[];
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
  /**
   * Plays a person signing in with GitHub: `login` authorizes the app of a web-flow authorization URL
   * (`GET /login/oauth/authorize?client_id=…`, as `@octokit/oauth-app`'s `getWebFlowAuthorizationUrl()`
   * builds it), as on the consent page. Returns the URL the browser is sent back to, with `code` and
   * `state`.
   */
  authorizeApp(login: string, authorizationUrl: string): Promise<URL>;
  /** Plays a person entering a device flow's user code on `/login/device` and answering. */
  enterDeviceCode(login: string, userCode: string, answer?: "authorize" | "deny"): Promise<void>;
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
  const privateKeys = new Map<string, string>();
  const adminToken = generateToken("ghp_");
  const apps: Record<string, TestApp> = {};

  const applyTo = async (hub: Hubcap, world: WorldFile) => {
    const checked = checkWorld(structuredClone(world));
    for (const app of checked.apps ?? []) {
      if (app.private_key_file || app.public_keys?.length || privateKeys.has(app.slug)) continue;
      const pair = generateAppKeyPair();
      privateKeys.set(app.slug, pair.privateKeyPem);
      app.public_keys = [pair.publicKeyPem];
    }
    const applied = await hub.world.apply(checked, { baseDir: process.cwd() });
    for (const app of applied.apps) {
      const declared = checked.apps?.find((a) => a.slug === app.slug);
      const clientSecret = declared?.client_secret ?? declared?.client_secrets?.[0];
      apps[app.slug] = {
        id: app.id,
        slug: app.slug,
        clientId: app.clientId,
        ...(clientSecret && { clientSecret }),
        privateKey: privateKeys.get(app.slug) ?? "",
      };
    }
  };

  const runtime = await startRuntime({
    db: options.db ?? ":memory:",
    host: "127.0.0.1",
    port: 0,
    // Instances sharing a database (tests of several instances) must share the key that seals secrets.
    secretKey: options.secretKey ?? "hubcap-testing",
    rateLimits: options.rateLimits,
    deliverer: options.deliverer,
    trustProxy: options.trustProxy,
    onResponse: options.onResponse,
    log: options.log,
    seed: async (hub) => {
      await applyTo(hub, { users: [{ login: ADMIN_LOGIN, site_admin: true, token: adminToken }] });
      if (options.world) await applyTo(hub, options.world);
    },
  });
  const { hub } = runtime;
  const apply = (world: WorldFile) => applyTo(hub, world);
  const admin = () => hub.accounts.get(ADMIN_LOGIN);
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
          callbackUrls: app.callbackUrls,
        },
        actor,
        { privateKey: true, clientSecret: true },
      );
      const created: TestApp = {
        id: registered.app.id,
        slug: registered.app.slug,
        clientId: registered.app.clientId,
        clientSecret: registered.clientSecret!,
        privateKey: registered.privateKeyPem!,
      };
      privateKeys.set(created.slug, created.privateKey);
      apps[created.slug] = created;
      return created;
    },
    install: async (slug, login, repositories) => {
      const app = await hub.appRegistry.findBySlug(slug);
      if (!app) throw new Error(`no app ${slug}`);
      const account = await hub.accounts.get(login);
      const ids: number[] = [];
      for (const name of repositories ?? []) {
        const repository = await hub.repositories.find(account.login, name.split("/").pop()!);
        if (!repository) throw new Error(`${login} has no repository ${name}`);
        ids.push(repository.id);
      }
      const choice = repositories
        ? { selection: "selected" as const, repositoryIds: ids }
        : { selection: "all" as const };
      return (await hub.installing.install(app.id, account, choice, await admin())).id;
    },
    authorizeApp: async (login, authorizationUrl) => {
      const url = new URL(authorizationUrl);
      const param = (name: string) => url.searchParams.get(name) ?? undefined;
      const app = await hub.oauth.findApp(param("client_id") ?? "");
      if (!app) throw new Error(`no app has the client id ${param("client_id")}`);
      const { redirectUrl } = await hub.oauth.authorize(await hub.accounts.get(login, "User"), app, {
        redirectUri: param("redirect_uri"),
        state: param("state"),
        codeChallenge: param("code_challenge"),
        codeChallengeMethod: param("code_challenge_method"),
      });
      return new URL(redirectUrl);
    },
    enterDeviceCode: async (login, userCode, answer = "authorize") => {
      const user = await hub.accounts.get(login, "User");
      if (answer === "authorize") await hub.oauth.approveDevice(userCode, user);
      else await hub.oauth.denyDevice(userCode);
    },
    url: runtime.url,
    apps,
    hub,
    apply,
    advanceClock: (ms) => hub.setClockOffset(hub.clock.offset + ms),
    setClockOffset: (ms) => hub.setClockOffset(ms),
    close: runtime.close,
  };
}
