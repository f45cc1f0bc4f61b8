import { AccessControl } from "./access-control.js";
import { Accounts } from "./accounts.js";
import { AppAuthenticator } from "./app-auth.js";
import { AppManifests } from "./app-manifests.js";
import { AppRegistry } from "./app-registry.js";
import { ContentReferences } from "./content-references.js";
import { InstallationRequests } from "./installation-requests.js";
import { Marketplace } from "./marketplace.js";
import type { OffsetClock } from "./clock.js";
import { Deliveries } from "./deliveries.js";
import { noEvents, type EventSink } from "./events.js";
import { Installations } from "./installations.js";
import { Installing } from "./installing.js";
import { OAuth } from "./oauth/oauth.js";
import { RateLimiter } from "./rate-limiter.js";
import { FailureThrottle } from "./failure-throttle.js";
import { Repositories } from "./repositories.js";
import { SecretBox } from "./secret-box.js";
import { Sessions } from "./sessions.js";
import { TokenAuthenticator } from "./token-auth.js";
import { WebhookConfigs } from "./webhook-config.js";
import { exportWorld, keptByReset } from "./world-export.js";
import type { WorldFile } from "./world-file.js";
import { WorldLoader } from "./world.js";
import type { Store } from "../store/store.js";

/** GitHub's default primary rate limits (requests per hour). */
export interface RateLimits {
  installation: number;
  user: number;
  unauthenticated: number;
}

export const GITHUB_RATE_LIMITS: RateLimits = { installation: 5000, user: 5000, unauthenticated: 60 };

export interface HubcapOptions {
  rateLimits?: Partial<RateLimits>;
  /**
   * Seals webhook secrets; instances sharing a database must share it. A box already made from it
   * (the one the deliverer opens secrets with) may be given instead.
   */
  secretKey: string | SecretBox;
  /** Where events become webhook deliveries (the outbox); none when absent. */
  events?: EventSink;
  /** Wakes a deliverer once a delivery queued outside the outbox (a redelivery) is committed. */
  wakeDeliverer?: () => void;
}

/** The domain's services over one store and one clock: what the HTTP layer and the CLI act through. */
export class Hubcap {
  readonly appAuth: AppAuthenticator;
  readonly tokenAuth: TokenAuthenticator;
  readonly rateLimiter: RateLimiter;
  /** Guesses of passwords and OAuth secrets, throttled per account and per address. */
  readonly failures: FailureThrottle;
  readonly installations: Installations;
  /** What people do to installations (install, choose repositories, accept permissions, uninstall). */
  readonly installing: Installing;
  readonly appRegistry: AppRegistry;
  readonly accounts: Accounts;
  readonly repositories: Repositories;
  readonly world: WorldLoader;
  readonly webhookConfigs: WebhookConfigs;
  readonly deliveries: Deliveries;
  readonly events: EventSink;
  readonly rateLimits: RateLimits;
  readonly secrets: SecretBox;
  readonly sessions: Sessions;
  /** Marketplace listings and purchases. */
  readonly marketplace: Marketplace;
  readonly installationRequests: InstallationRequests;
  readonly contentReferences: ContentReferences;
  /** Registering apps from manifests another site posts (the manifest flow). */
  readonly appManifests: AppManifests;
  /** Signing in with GitHub: the web and device flows, user access tokens and what they reach. */
  readonly oauth: OAuth;
  readonly access: AccessControl;
  private clockTimer: NodeJS.Timeout | undefined;
  private clockGeneration = 0;

  constructor(
    readonly store: Store,
    readonly clock: OffsetClock,
    options: HubcapOptions,
  ) {
    this.rateLimits = { ...GITHUB_RATE_LIMITS, ...options.rateLimits };
    this.secrets =
      typeof options.secretKey === "string" ? new SecretBox(options.secretKey) : options.secretKey;
    this.appAuth = new AppAuthenticator(store, clock);
    this.tokenAuth = new TokenAuthenticator(store, clock);
    this.rateLimiter = new RateLimiter(store, clock);
    this.events = options.events ?? noEvents;
    this.installations = new Installations(store, clock, this.events);
    this.installing = new Installing(store, clock, this.events);
    this.appRegistry = new AppRegistry(store, clock, this.secrets, this.events);
    this.accounts = new Accounts(store, clock, this.events);
    this.repositories = new Repositories(store, clock, this.events);
    this.world = new WorldLoader(store, clock, this.secrets, this.events);
    this.webhookConfigs = new WebhookConfigs(store, clock, this.secrets, this.events);
    this.deliveries = new Deliveries(store, clock, options.wakeDeliverer);
    this.failures = new FailureThrottle(store, clock);
    this.sessions = new Sessions(store, clock, this.failures);
    this.marketplace = new Marketplace(store, clock, this.events);
    this.installationRequests = new InstallationRequests(store, clock);
    this.contentReferences = new ContentReferences(store, clock, this.events);
    this.appManifests = new AppManifests(store, clock, this.secrets, this.appRegistry);
    this.oauth = new OAuth({ store, clock, events: this.events });
    this.access = new AccessControl(store);
  }

  /** The clock offset lives in the store so that every instance, and every restart, agrees on the time. */
  async loadClock(): Promise<void> {
    const generation = this.clockGeneration;
    const offset = await this.store.getSetting("clock_offset_ms");
    // A read that started before this instance set the clock must not undo it.
    if (generation === this.clockGeneration) this.clock.setOffset(offset ? Number(offset) : 0);
  }

  /**
   * Re-reads the clock offset every `intervalMs`, so a clock moved through one instance moves on every
   * instance within that interval.
   */
  startClockSync(intervalMs = 1000): void {
    this.clockTimer ??= setInterval(() => this.loadClock().catch(() => {}), intervalMs);
    this.clockTimer.unref();
  }

  async setClockOffset(offsetMs: number): Promise<void> {
    this.clockGeneration++;
    await this.store.setSetting("clock_offset_ms", String(offsetMs));
    this.clockGeneration++;
    this.clock.setOffset(offsetMs);
  }

  /** The world as a world file; with `withSecrets`, apps' webhook secrets in plain text and their client secrets' hashes too. */
  exportWorld(options: { withSecrets?: boolean } = {}): Promise<WorldFile> {
    return exportWorld(this.store, options.withSecrets ? { secrets: this.secrets } : {});
  }

  /**
   * Empties the world (site admins and their tokens stay, so hubcap can still be administered) and
   * puts the clock back to real time.
   */
  async resetWorld(): Promise<void> {
    await this.store.transaction(async (tx) => {
      const accounts = (await tx.listAccounts({ limit: 1_000_000, offset: 0 })).items;
      await tx.resetWorld(keptByReset(accounts));
    });
    await this.setClockOffset(0);
  }

  /** See `Store.generation`: while it holds, answers derived from stored data alone stay right. */
  generation(): number | undefined {
    return this.store.generation();
  }

  /** Whether the store answers now (readiness); throws UnavailableError when it does not. */
  checkStore(): Promise<void> {
    return this.store.ping();
  }

  async close(): Promise<void> {
    if (this.clockTimer) clearInterval(this.clockTimer);
    await this.rateLimiter.close();
  }
}
