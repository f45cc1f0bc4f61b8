import { randomBytes } from "node:crypto";
import { parseManifest, type AppManifest } from "./app-manifest.js";
import type { AppRegistry, RegisteredApp } from "./app-registry.js";
import { seconds, type Clock } from "./clock.js";
import { ForbiddenError, NotFoundError } from "./errors.js";
import type { Account, App } from "./model.js";
import type { SecretBox } from "./secret-box.js";
import { hashToken } from "./tokens.js";
import type { AccountStore, AppStore, ManifestStore } from "../store/store.js";

/** "You must complete all three steps in the GitHub App Manifest flow within one hour." */
export const MANIFEST_LIFETIME_SECONDS = 3600;

/**
 * What anonymous posts may keep: anyone may post a manifest (another site's form does), and each is
 * kept an hour, so one client address keeps at most this many at once, and all clients together
 * `MAX_PENDING_MANIFESTS`. Past either, GitHub's secondary-rate-limit 403.
 */
export const MAX_PENDING_MANIFESTS_PER_CLIENT = 10;
export const MAX_PENDING_MANIFESTS = 1000;
const TOO_MANY = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";

export interface ReceivedManifest {
  manifest: AppManifest;
  state: string | null;
  /** The organization it was posted for; null: the account of whoever confirms it. */
  ownerId: number | null;
}

export interface CreatedFromManifest {
  app: App;
  /** The one-time code for `POST /app-manifests/{code}/conversions`; hubcap keeps only its hash. */
  code: string;
  redirectUrl: string | null;
  state: string | null;
}

/**
 * The manifest flow (https://docs.github.com/apps/sharing-github-apps/registering-a-github-app-from-a-manifest):
 * another site posts a manifest, a signed-in person confirms it, the app is created and its site
 * exchanges a one-time code for the app's credentials, within an hour by hubcap's clock.
 */
export class AppManifests {
  constructor(
    private readonly store: ManifestStore & AccountStore & AppStore,
    private readonly clock: Clock,
    private readonly secrets: SecretBox,
    private readonly registry: AppRegistry,
  ) {}

  /** When each client address's pending manifests expire (kept in memory; at most the total cap). */
  private readonly byClient = new Map<string, number[]>();

  /**
   * Keeps a checked manifest until someone confirms it; returns the id that names it (hashed at rest).
   * `client` is the poster's address, whose share of pending manifests is capped.
   */
  async receive(
    text: string,
    state: string | null,
    owner: Account | undefined,
    client = "",
  ): Promise<string> {
    parseManifest(text);
    const now = seconds(this.clock);
    await this.store.deleteExpiredPendingManifests(now);
    this.forgetExpired(now);
    const mine = this.byClient.get(client) ?? [];
    if (mine.length >= MAX_PENDING_MANIFESTS_PER_CLIENT) throw new ForbiddenError(TOO_MANY);
    if ((await this.store.countPendingManifests(now)) >= MAX_PENDING_MANIFESTS) {
      throw new ForbiddenError(TOO_MANY);
    }
    this.byClient.set(client, [...mine, now + MANIFEST_LIFETIME_SECONDS]);
    const id = randomBytes(24).toString("base64url");
    await this.store.insertPendingManifest({
      idHash: hashToken(id),
      manifest: text,
      state,
      ownerId: owner?.id ?? null,
      createdAt: now,
      expiresAt: now + MANIFEST_LIFETIME_SECONDS,
    });
    return id;
  }

  private forgetExpired(now: number): void {
    for (const [client, expiries] of this.byClient) {
      const live = expiries.filter((at) => at > now);
      if (live.length === 0) this.byClient.delete(client);
      else if (live.length !== expiries.length) this.byClient.set(client, live);
    }
  }

  /** A manifest waiting for confirmation; an expired or unknown one is not found. */
  async getPending(id: string): Promise<ReceivedManifest> {
    const pending = id.length <= 64 ? await this.store.findPendingManifest(hashToken(id)) : undefined;
    if (!pending || pending.expiresAt <= seconds(this.clock)) throw new NotFoundError();
    return { manifest: parseManifest(pending.manifest), state: pending.state, ownerId: pending.ownerId };
  }

  async cancel(id: string): Promise<void> {
    await this.getPending(id);
    await this.store.deletePendingManifest(hashToken(id));
  }

  /**
   * Creates the app a person confirmed, owned by `owner` (the organization the manifest was posted for,
   * or the person), under the name they chose. GitHub generates a webhook secret for a manifest app
   * with a webhook; the conversion hands it out with the private key and client secret.
   */
  async create(id: string, owner: Account, actor: Account, name: string): Promise<CreatedFromManifest> {
    const { manifest, state, ownerId } = await this.getPending(id);
    if ((ownerId ?? actor.id) !== owner.id) throw new NotFoundError();
    const { app } = await this.registry.register(
      owner,
      {
        name,
        description: manifest.description,
        externalUrl: manifest.url,
        public: manifest.public,
        permissions: manifest.permissions,
        events: manifest.events,
        webhookUrl: manifest.hook?.url ?? null,
        webhookActive: manifest.hook?.active ?? false,
        webhookSecret: manifest.hook ? randomBytes(20).toString("hex") : null,
      },
      actor,
    );
    const code = randomBytes(20).toString("hex");
    const now = seconds(this.clock);
    await this.store.deleteExpiredManifestCodes(now);
    await this.store.insertManifestCode({
      codeHash: hashToken(code),
      appId: app.id,
      creatorId: actor.id,
      createdAt: now,
      expiresAt: now + MANIFEST_LIFETIME_SECONDS,
    });
    await this.store.deletePendingManifest(hashToken(id));
    return { app, code, redirectUrl: manifest.redirectUrl, state };
  }

  /**
   * `POST /app-manifests/{code}/conversions`: the code is spent at once (a second use, like an expired
   * or unknown code, is not found); a new private key and client secret are made for this answer only.
   */
  async convert(code: string): Promise<RegisteredApp> {
    const taken = code.length <= 64 ? await this.store.takeManifestCode(hashToken(code)) : undefined;
    if (!taken || taken.expiresAt <= seconds(this.clock)) throw new NotFoundError();
    const creator = await this.store.findAccountById(taken.creatorId);
    if (!creator) throw new NotFoundError();
    const { privateKeyPem } = await this.registry.generateKey(taken.appId, creator);
    const { clientSecret } = await this.registry.createClientSecret(taken.appId, creator);
    const sealed = await this.store.findWebhookSecret(taken.appId);
    const app = (await this.store.findAppById(taken.appId))!;
    return { app, privateKeyPem, clientSecret, webhookSecret: sealed ? this.secrets.open(sealed) : null };
  }
}
