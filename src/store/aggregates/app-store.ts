import { sql } from "kysely";
import type { App, Permissions } from "../../domain/model.js";
import type { Executor } from "../executor.js";
import { accountAs, canonicalJson, toAccount } from "../rows.js";
import { paged, pageOf, type Page, type Paged } from "./page.js";
import { flag, SqlSlice, type Db, type Row } from "./sql-slice.js";

export interface AppTables {
  apps: {
    id: number;
    slug: string;
    name: string;
    description: string | null;
    external_url: string;
    owner_id: number;
    public: number;
    client_id: string;
    permissions: string;
    events: string;
    webhook_url: string | null;
    webhook_secret: string | null;
    webhook_content_type: "json" | "form";
    webhook_insecure_ssl: "0" | "1";
    webhook_active: number;
    hook_id: number | null;
    installations_count: number;
    /** JSON array of URLs. */
    callback_urls: string;
    expire_user_tokens: number;
    device_flow_enabled: number;
    created_at: number;
    updated_at: number;
  };
}

export interface NewApp {
  id: number;
  slug: string;
  name: string;
  description: string | null;
  externalUrl: string;
  ownerId: number;
  public: boolean;
  clientId: string;
  permissions: Permissions;
  events: string[];
  webhookUrl: string | null;
  webhookSecret: string | null;
  callbackUrls?: string[];
  expireUserTokens?: boolean;
  deviceFlowEnabled?: boolean;
  now: number;
}

export interface WebhookPatch {
  webhookUrl?: string | null;
  webhookSecret?: string | null;
  webhookContentType?: "json" | "form";
  webhookInsecureSsl?: "0" | "1";
  webhookActive?: boolean;
  hookId?: number;
}

/** GitHub Apps: their registration and their webhook's configuration (keys and secrets: app-credential-store). */
export interface AppStore {
  findAppById(id: number): Promise<App | undefined>;
  findAppBySlug(slug: string): Promise<App | undefined>;
  findAppByClientId(clientId: string): Promise<App | undefined>;
  insertApp(app: NewApp): Promise<void>;
  updateApp(id: number, patch: Partial<Omit<NewApp, "id" | "now">> & { now: number }): Promise<void>;
  listApps(page: Page): Promise<Paged<App>>;
  listAppsOwnedBy(accountId: number): Promise<App[]>;
  /** Deletes an app with its keys, secrets, installations (and their tokens) and deliveries. */
  deleteApp(id: number): Promise<boolean>;
  updateWebhook(appId: number, patch: WebhookPatch, now: number): Promise<void>;
  findWebhookSecret(appId: number): Promise<string | null>;
}

/** Apps with their owner's columns under `own_`. */
function apps(db: Db) {
  return db
    .selectFrom("apps as a")
    .innerJoin("accounts as o", "o.id", "a.owner_id")
    .selectAll("a")
    .select(accountAs("o", "own_"));
}

export function toApp(row: Row): App {
  return {
    id: row.id as number,
    slug: row.slug as string,
    name: row.name as string,
    description: (row.description as string | null) ?? null,
    externalUrl: row.external_url as string,
    owner: toAccount(row, "own_"),
    public: row.public === 1 || row.public === true,
    clientId: row.client_id as string,
    permissions: JSON.parse(row.permissions as string),
    events: JSON.parse(row.events as string),
    webhookUrl: (row.webhook_url as string | null) ?? null,
    webhookContentType: (row.webhook_content_type as App["webhookContentType"]) ?? "json",
    webhookInsecureSsl: (row.webhook_insecure_ssl as App["webhookInsecureSsl"]) ?? "0",
    webhookActive: row.webhook_active === 1 || row.webhook_active === true,
    hookId: (row.hook_id as number | null) ?? null,
    installationsCount: row.installations_count as number,
    callbackUrls: JSON.parse((row.callback_urls as string | undefined) ?? "[]"),
    expireUserTokens: row.expire_user_tokens === 1 || row.expire_user_tokens === true,
    deviceFlowEnabled: row.device_flow_enabled === 1 || row.device_flow_enabled === true,
    createdAt: row.created_at as number,
    updatedAt: row.updated_at as number,
  };
}

/** An app's installation count is kept on its row; whoever adds or removes installations moves it. */
export async function adjustInstallationsCount(
  db: Db,
  ex: Executor,
  appId: number,
  delta: number,
): Promise<void> {
  await ex.run(
    db
      .updateTable("apps")
      .set({ installations_count: sql`installations_count + ${delta}` })
      .where("id", "=", appId)
      .compile(),
  );
}

export class SqlAppStore extends SqlSlice implements AppStore {
  async findAppById(id: number): Promise<App | undefined> {
    const row = await this.ex.first(apps(this.db).where("a.id", "=", id).compile());
    return row && toApp(row);
  }

  async findAppBySlug(slug: string): Promise<App | undefined> {
    const row = await this.ex.first(apps(this.db).where("a.slug", "=", slug.toLowerCase()).compile());
    return row && toApp(row);
  }

  async findAppByClientId(clientId: string): Promise<App | undefined> {
    const row = await this.ex.first(apps(this.db).where("a.client_id", "=", clientId).compile());
    return row && toApp(row);
  }

  async insertApp(a: NewApp): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("apps")
        .values({
          id: a.id,
          slug: a.slug,
          name: a.name,
          description: a.description,
          external_url: a.externalUrl,
          owner_id: a.ownerId,
          public: flag(a.public),
          client_id: a.clientId,
          permissions: canonicalJson(a.permissions),
          events: canonicalJson(a.events),
          webhook_url: a.webhookUrl,
          webhook_secret: a.webhookSecret,
          webhook_content_type: "json",
          webhook_insecure_ssl: "0",
          webhook_active: 1,
          hook_id: null,
          installations_count: 0,
          callback_urls: JSON.stringify(a.callbackUrls ?? []),
          expire_user_tokens: flag(a.expireUserTokens ?? true),
          device_flow_enabled: flag(a.deviceFlowEnabled ?? false),
          created_at: a.now,
          updated_at: a.now,
        })
        .compile(),
    );
  }

  async updateApp(id: number, p: Partial<Omit<NewApp, "id" | "now">> & { now: number }): Promise<void> {
    await this.ex.run(
      this.db
        .updateTable("apps")
        .set({
          ...(p.slug !== undefined && { slug: p.slug }),
          ...(p.name !== undefined && { name: p.name }),
          ...(p.description !== undefined && { description: p.description }),
          ...(p.externalUrl !== undefined && { external_url: p.externalUrl }),
          ...(p.ownerId !== undefined && { owner_id: p.ownerId }),
          ...(p.public !== undefined && { public: flag(p.public) }),
          ...(p.clientId !== undefined && { client_id: p.clientId }),
          ...(p.permissions !== undefined && { permissions: canonicalJson(p.permissions) }),
          ...(p.events !== undefined && { events: canonicalJson(p.events) }),
          ...(p.webhookUrl !== undefined && { webhook_url: p.webhookUrl }),
          ...(p.webhookSecret !== undefined && { webhook_secret: p.webhookSecret }),
          ...(p.callbackUrls !== undefined && { callback_urls: JSON.stringify(p.callbackUrls) }),
          ...(p.expireUserTokens !== undefined && { expire_user_tokens: flag(p.expireUserTokens) }),
          ...(p.deviceFlowEnabled !== undefined && { device_flow_enabled: flag(p.deviceFlowEnabled) }),
          updated_at: p.now,
        })
        .where("id", "=", id)
        .compile(),
    );
  }

  async listApps(page: Page): Promise<Paged<App>> {
    return paged(
      this.ex,
      pageOf(apps(this.db).orderBy("a.id"), page).compile(),
      this.db
        .selectFrom("apps")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .compile(),
      (rows) => rows.map(toApp),
    );
  }

  async listAppsOwnedBy(accountId: number): Promise<App[]> {
    const rows = await this.ex.all(
      apps(this.db).where("a.owner_id", "=", accountId).orderBy("a.id").compile(),
    );
    return rows.map(toApp);
  }

  async deleteApp(id: number): Promise<boolean> {
    return (await this.ex.run(this.db.deleteFrom("apps").where("id", "=", id).compile())) > 0;
  }

  async updateWebhook(appId: number, p: WebhookPatch, now: number): Promise<void> {
    await this.ex.run(
      this.db
        .updateTable("apps")
        .set({
          ...(p.webhookUrl !== undefined && { webhook_url: p.webhookUrl }),
          ...(p.webhookSecret !== undefined && { webhook_secret: p.webhookSecret }),
          ...(p.webhookContentType !== undefined && { webhook_content_type: p.webhookContentType }),
          ...(p.webhookInsecureSsl !== undefined && { webhook_insecure_ssl: p.webhookInsecureSsl }),
          ...(p.webhookActive !== undefined && { webhook_active: flag(p.webhookActive) }),
          ...(p.hookId !== undefined && { hook_id: p.hookId }),
          updated_at: now,
        })
        .where("id", "=", appId)
        .compile(),
    );
  }

  async findWebhookSecret(appId: number): Promise<string | null> {
    const row = await this.ex.first(
      this.db.selectFrom("apps").select("webhook_secret").where("id", "=", appId).compile(),
    );
    return row?.webhook_secret ?? null;
  }
}
