import { randomBytes } from "node:crypto";
import { canAdministerAccount, canManageApp } from "./access.js";
import { slugFor } from "./app-slug.js";
import { seconds, type Clock } from "./clock.js";
import { NotFoundError, ValidationError } from "./errors.js";
import type { EventSink } from "./events.js";
import { generateAppKeyPair, keyFingerprint } from "./keys.js";
import type { Account, App, AppKey, ClientSecretInfo } from "./model.js";
import { validatePermissions } from "./permissions.js";
import type { SecretBox } from "./secret-box.js";
import { hashToken } from "./tokens.js";
import { applyWebhookPatch, checkWebhookUrl } from "./webhook-config.js";
import { checkLength, FIELD_LIMITS, isHttpUrl } from "./field-limits.js";
import { newClientId } from "./world.js";
import type {
  AccountStore,
  AppCredentialStore,
  AppStore,
  SettingStore,
  StoreOps,
  Transactor,
  WebhookPatch,
} from "../store/store.js";
import { canSeeApp, type AppViewer } from "./access.js";

/** An app's settings as its registration form (or hubcap's administration API) gives them. */
export interface AppSettings {
  name?: string;
  /** Derived from the name when absent, as GitHub derives it. */
  slug?: string;
  description?: string | null;
  externalUrl?: string;
  public?: boolean;
  permissions?: Record<string, unknown>;
  events?: string[];
  webhookUrl?: string | null;
  webhookSecret?: string | null;
  webhookActive?: boolean;
  /** Where the web flow may send people back (the first is the default). */
  callbackUrls?: string[];
  /** "Expire user authorization tokens" (on by default, as on GitHub). */
  expireUserTokens?: boolean;
  deviceFlowEnabled?: boolean;
}

export interface RegisteredApp {
  app: App;
  /** Shown once: hubcap keeps only hashes and public keys. */
  clientSecret: string | null;
  privateKeyPem: string | null;
  webhookSecret: string | null;
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,33}[a-z0-9])?$/;
const EVENT = /^[a-z_]{2,64}$/;

const invalid = (field: string, message: string) =>
  new ValidationError(message, [{ resource: "Integration", field, code: "invalid", message }]);

/**
 * Registering and configuring apps, as their owners do in GitHub's settings pages: every method is
 * done by `actor`, who must manage the app's owner (themselves, an organization they administer, or
 * any account as a site admin); an app they may not manage is not found.
 */
export class AppRegistry {
  constructor(
    private readonly store: AppStore & AppCredentialStore & AccountStore & SettingStore & Transactor,
    private readonly clock: Clock,
    private readonly secrets: SecretBox,
    private readonly events: EventSink,
  ) {}

  async register(
    owner: Account,
    settings: AppSettings,
    actor: Account,
    options: { privateKey?: boolean; clientSecret?: boolean } = {},
  ): Promise<RegisteredApp> {
    const name = settings.name?.trim() ?? "";
    if (name.length === 0 || name.length > 34) throw invalid("name", "Name must be 1 to 34 characters long.");
    const slug = settings.slug ?? slugFor(name);
    if (!SLUG.test(slug)) throw invalid("slug", `'${slug}' is not a valid app slug.`);
    if (!(await canAdministerAccount(this.store, actor, owner))) throw new NotFoundError();
    const permissions = validatePermissions(settings.permissions ?? { metadata: "read" }, "Integration");
    permissions.metadata ??= "read";
    const events = this.checkEvents(settings.events ?? []);
    const webhookUrl = checkWebhookUrl(settings.webhookUrl ?? null);
    checkAppText(settings);
    const pair = options.privateKey ? generateAppKeyPair() : undefined;
    const clientSecret = options.clientSecret ? newClientSecret() : null;
    const app = await this.store.transaction(async (tx) => {
      if (await tx.findAppBySlug(slug)) {
        throw new ValidationError("Name has already been taken", [
          { resource: "Integration", field: "name", code: "already_exists" },
        ]);
      }
      const now = seconds(this.clock);
      const id = await tx.allocateId("apps");
      await tx.insertApp({
        id,
        slug,
        name,
        description: settings.description ?? null,
        externalUrl: settings.externalUrl || "https://example.com",
        ownerId: owner.id,
        public: settings.public ?? false,
        clientId: newClientId(),
        permissions,
        events,
        webhookUrl: null,
        webhookSecret: null,
        callbackUrls: checkCallbackUrls(settings.callbackUrls ?? []),
        expireUserTokens: settings.expireUserTokens ?? true,
        deviceFlowEnabled: settings.deviceFlowEnabled ?? false,
        now,
      });
      await this.writeWebhook(tx, id, { ...settings, webhookUrl }, now);
      if (pair) await this.insertKey(tx, id, pair.publicKeyPem, now);
      if (clientSecret) await this.insertClientSecret(tx, id, clientSecret, now);
      return (await tx.findAppById(id))!;
    });
    return {
      app,
      clientSecret,
      privateKeyPem: pair?.privateKeyPem ?? null,
      webhookSecret: settings.webhookSecret ?? null,
    };
  }

  /** The app, if `actor` may manage it. */
  async getManaged(slug: string, actor: Account): Promise<App> {
    const app = await this.store.findAppBySlug(slug);
    if (!app || !(await canManageApp(this.store, actor, app))) throw new NotFoundError();
    return app;
  }

  /**
   * Changes settings. Changed permissions or events are requested of the installations, not imposed:
   * each keeps its own until an admin of its account accepts (`installation.new_permissions_accepted`),
   * and meanwhile `GET /app/installations?outdated=true` lists it.
   */
  async update(appId: number, settings: AppSettings, actor: Account): Promise<App> {
    const found = await this.managed(appId, actor);
    const patch: Parameters<StoreOps["updateApp"]>[1] = { now: seconds(this.clock) };
    if (settings.name !== undefined) {
      const name = settings.name.trim();
      if (name.length === 0 || name.length > 34)
        throw invalid("name", "Name must be 1 to 34 characters long.");
      patch.name = name;
    }
    if (settings.slug !== undefined && settings.slug !== found.slug) {
      if (!SLUG.test(settings.slug)) throw invalid("slug", `'${settings.slug}' is not a valid app slug.`);
      patch.slug = settings.slug;
    }
    checkAppText(settings);
    if (settings.description !== undefined) patch.description = settings.description;
    if (settings.externalUrl !== undefined) patch.externalUrl = settings.externalUrl || "https://example.com";
    if (settings.public !== undefined) patch.public = settings.public;
    if (settings.permissions !== undefined) {
      patch.permissions = validatePermissions(settings.permissions, "Integration");
      patch.permissions.metadata ??= "read";
    }
    if (settings.events !== undefined) patch.events = this.checkEvents(settings.events);
    if (settings.callbackUrls !== undefined) patch.callbackUrls = checkCallbackUrls(settings.callbackUrls);
    if (settings.expireUserTokens !== undefined) patch.expireUserTokens = settings.expireUserTokens;
    if (settings.deviceFlowEnabled !== undefined) patch.deviceFlowEnabled = settings.deviceFlowEnabled;
    const webhookUrl = settings.webhookUrl === undefined ? undefined : checkWebhookUrl(settings.webhookUrl);
    return this.store.transaction(async (tx) => {
      if (patch.slug && (await tx.findAppBySlug(patch.slug))) {
        throw new ValidationError("Name has already been taken", [
          { resource: "Integration", field: "slug", code: "already_exists" },
        ]);
      }
      await tx.updateApp(appId, patch);
      await this.writeWebhook(tx, appId, { ...settings, webhookUrl }, patch.now);
      return (await tx.findAppById(appId))!;
    });
  }

  /** Deletes the app with its installations; it hears nothing more (its webhook goes with it). */
  async delete(appId: number, actor: Account): Promise<void> {
    await this.managed(appId, actor);
    await this.store.deleteApp(appId);
  }

  async generateKey(appId: number, actor: Account): Promise<{ key: AppKey; privateKeyPem: string }> {
    await this.managed(appId, actor);
    const pair = generateAppKeyPair();
    const id = await this.insertKey(this.store, appId, pair.publicKeyPem, seconds(this.clock));
    const key = (await this.store.listAppKeys(appId)).find((k) => k.id === id)!;
    return { key, privateKeyPem: pair.privateKeyPem };
  }

  async listKeys(appId: number, actor: Account): Promise<AppKey[]> {
    await this.managed(appId, actor);
    return this.store.listAppKeys(appId);
  }

  async deleteKey(appId: number, keyId: number, actor: Account): Promise<void> {
    await this.managed(appId, actor);
    if (!(await this.store.deleteAppKey(appId, keyId))) throw new NotFoundError();
  }

  async createClientSecret(
    appId: number,
    actor: Account,
  ): Promise<{ secret: ClientSecretInfo; clientSecret: string }> {
    await this.managed(appId, actor);
    const clientSecret = newClientSecret();
    const id = await this.insertClientSecret(this.store, appId, clientSecret, seconds(this.clock));
    const secret = (await this.store.listClientSecrets(appId)).find((s) => s.id === id)!;
    return { secret, clientSecret };
  }

  async listClientSecrets(appId: number, actor: Account): Promise<ClientSecretInfo[]> {
    await this.managed(appId, actor);
    return this.store.listClientSecrets(appId);
  }

  async deleteClientSecret(appId: number, id: number, actor: Account): Promise<void> {
    await this.managed(appId, actor);
    if (!(await this.store.deleteClientSecret(appId, id))) throw new NotFoundError();
  }

  private async managed(appId: number, actor: Account): Promise<App> {
    const app = await this.store.findAppById(appId);
    if (!app || !(await canManageApp(this.store, actor, app))) throw new NotFoundError();
    return app;
  }

  private checkEvents(events: string[]): string[] {
    for (const event of events) {
      if (!EVENT.test(event)) throw invalid("events", `'${event}' is not a webhook event.`);
    }
    return [...new Set(events)].sort();
  }

  private async writeWebhook(tx: StoreOps, appId: number, settings: AppSettings, now: number) {
    const patch: WebhookPatch = {};
    if (settings.webhookUrl !== undefined) patch.webhookUrl = settings.webhookUrl;
    if (settings.webhookSecret !== undefined) {
      patch.webhookSecret = settings.webhookSecret ? this.secrets.seal(settings.webhookSecret) : null;
    }
    if (settings.webhookActive !== undefined) patch.webhookActive = settings.webhookActive;
    if (Object.keys(patch).length > 0) await applyWebhookPatch(tx, this.events, appId, patch, now);
  }

  private async insertKey(
    tx: SettingStore & AppCredentialStore,
    appId: number,
    publicKeyPem: string,
    now: number,
  ): Promise<number> {
    const id = await tx.allocateId("app_keys");
    await tx.insertAppKey({ id, appId, fingerprint: keyFingerprint(publicKeyPem), publicKeyPem, now });
    return id;
  }

  private async insertClientSecret(
    tx: SettingStore & AppCredentialStore,
    appId: number,
    secret: string,
    now: number,
  ): Promise<number> {
    const id = await tx.allocateId("app_client_secrets");
    await tx.insertClientSecret({
      id,
      appId,
      secretHash: hashToken(secret),
      lastEight: secret.slice(-8),
      now,
    });
    return id;
  }

  /** The app a slug names, or undefined (whoever asks: who may see it is the caller's rule). */
  findBySlug(slug: string): Promise<App | undefined> {
    return this.store.findAppBySlug(slug);
  }

  findById(appId: number): Promise<App | undefined> {
    return this.store.findAppById(appId);
  }

  listOwnedBy(owner: Account): Promise<App[]> {
    return this.store.listAppsOwnedBy(owner.id);
  }

  /** Whether the app's webhook has a secret (which is never shown again). */
  async hasWebhookSecret(appId: number): Promise<boolean> {
    return (await this.store.findWebhookSecret(appId)) !== null;
  }

  /** The app a checked credential names (its JWT, or its client id and secret); 404 once it is gone. */
  async getById(appId: number): Promise<App> {
    const app = await this.store.findAppById(appId);
    if (!app) throw new NotFoundError();
    return app;
  }

  /** An app by its slug as `viewer` sees it: a private app is as unknown to others as a missing one. */
  async getVisible(slug: string, viewer: AppViewer): Promise<App> {
    const app = await this.store.findAppBySlug(slug);
    if (!app || !(await canSeeApp(this.store, app, viewer))) throw new NotFoundError();
    return app;
  }
}

/** An app's description within its limit; its homepage an http(s) URL (pages link to it). */
function checkAppText(settings: Pick<AppSettings, "description" | "externalUrl">): void {
  checkLength("Integration", "description", settings.description, FIELD_LIMITS.appDescription);
  if (settings.externalUrl && !isHttpUrl(settings.externalUrl)) {
    throw invalid("url", `'${settings.externalUrl.slice(0, 100)}' is not a valid http or https URL.`);
  }
}

/** Callback URLs: absolute http(s) URLs without a fragment, at most 10 (GitHub's limit). */
function checkCallbackUrls(urls: string[]): string[] {
  if (urls.length > 10) throw invalid("callback_urls", "An app may have at most 10 callback URLs.");
  for (const url of urls) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (
      !parsed ||
      !/^https?:$/.test(parsed.protocol) ||
      parsed.hash !== "" ||
      url.length > FIELD_LIMITS.url
    ) {
      throw invalid("callback_urls", `'${url}' is not a valid callback URL.`);
    }
  }
  return urls;
}

/** GitHub's client secrets: 40 hexadecimal characters. */
function newClientSecret(): string {
  return randomBytes(20).toString("hex");
}
