import { sql, type Kysely } from "kysely";
import type {
  Account,
  App,
  AppKey,
  Authorization,
  AuthorizationCode,
  ClientSecretInfo,
  Delivery,
  DeviceRequest,
  OAuthGrant,
  UserAccessToken,
  Installation,
  InstallationGrant,
  InstallationToken,
  InstallationRequest,
  ContentReference,
  MarketplacePlan,
  MarketplacePurchase,
  RateLimitWindow,
  Repository,
  Session,
  RepositoryPermission,
  UserToken,
} from "../domain/model.js";
import { prepared, preparedPage, type Executor } from "./executor.js";
import {
  accountColumns,
  canonicalJson,
  toAccount,
  toApp,
  toInstallation,
  toDelivery,
  toInstallationGrant,
  toRepository,
} from "./rows.js";
import type { Database } from "./schema.js";
import { toMarketplacePlan, toMarketplacePurchase } from "./marketplace-rows.js";
import type {
  AppCredentials,
  BulkRows,
  ClaimedDelivery,
  DeliveryOutcome,
  NewDelivery,
  WebhookPatch,
  IdKind,
  InstallationListFilter,
  NewAccount,
  NewApp,
  NewInstallation,
  NewRepository,
  NewUserAccessToken,
  NewSession,
  Page,
  Paged,
  Store,
  StoreOps,
  MarketplacePurchaseRow,
  NewMarketplacePlan,
  PurchaseOrder,
  PendingManifest,
  ManifestCode,
} from "./store.js";

type Db = Kysely<Database>;
type Row = Record<string, unknown>;

/** An account's columns from a joined table, renamed with a prefix (see rows.ts). */
function accountAs(alias: string, prefix: string) {
  return accountColumns.map((column) => sql.ref(`${alias}.${column}`).as(`${prefix}${column}`));
}

const flag = (value: boolean) => (value ? 1 : 0);

/** Row shapes of new objects: one place for single and bulk inserts. */
const accountRow = (a: NewAccount) => ({
  id: a.id,
  login: a.login,
  login_key: a.login.toLowerCase(),
  type: a.type,
  name: a.name,
  email: a.email,
  site_admin: flag(a.siteAdmin),
  created_at: a.now,
  updated_at: a.now,
});

const repositoryRow = (r: NewRepository) => ({
  id: r.id,
  owner_id: r.ownerId,
  name: r.name,
  name_key: r.name.toLowerCase(),
  private: flag(r.private),
  description: r.description,
  default_branch: r.defaultBranch,
  created_at: r.now,
  updated_at: r.now,
  pushed_at: r.now,
});

const installationRow = (i: NewInstallation) => ({
  id: i.id,
  app_id: i.appId,
  account_id: i.accountId,
  repository_selection: i.repositorySelection,
  permissions: canonicalJson(i.permissions),
  events: canonicalJson(i.events),
  suspended_at: null,
  suspended_by_id: null,
  created_at: i.now,
  updated_at: i.now,
});

// The hot paths, compiled once per dialect.
const q = {
  accountById: prepared<{ id: number }, Row>((db, p) =>
    db.selectFrom("accounts").selectAll().where("id", "=", p.id),
  ),
  accountByLogin: prepared<{ key: string }, Row>((db, p) =>
    db.selectFrom("accounts").selectAll().where("login_key", "=", p.key),
  ),
  appCredentialsById: prepared<{ id: number }, Row>((db, p) =>
    db
      .selectFrom("apps as a")
      .leftJoin("app_keys as k", "k.app_id", "a.id")
      .select(["a.id as app_id", "a.owner_id", "k.id as key_id"])
      .where("a.id", "=", p.id),
  ),
  appCredentialsByClientId: prepared<{ clientId: string }, Row>((db, p) =>
    db
      .selectFrom("apps as a")
      .leftJoin("app_keys as k", "k.app_id", "a.id")
      .select(["a.id as app_id", "a.owner_id", "k.id as key_id"])
      .where("a.client_id", "=", p.clientId),
  ),
  installationById: prepared<{ id: number }, Row>((db, p) => installations(db).where("i.id", "=", p.id)),
  installationByAppAccount: prepared<{ appId: number; accountId: number }, Row>((db, p) =>
    installations(db).where("i.app_id", "=", p.appId).where("i.account_id", "=", p.accountId),
  ),
  installationToken: prepared<{ hash: string }, Row>((db, p) =>
    installations(db)
      .innerJoin("installation_tokens as t", "t.installation_id", "i.id")
      .select([
        "t.permissions as token_permissions",
        "t.repository_ids as token_repository_ids",
        "t.expires_at as token_expires_at",
      ])
      .where("t.token_hash", "=", p.hash),
  ),
  userAccessToken: prepared<{ hash: string }, Row>((db, p) =>
    userAccessTokens(db).where("t.token_hash", "=", p.hash),
  ),
  session: prepared<{ hash: string }, Row>((db, p) =>
    db
      .selectFrom("sessions as s")
      .innerJoin("accounts as u", "u.id", "s.user_id")
      .select(["s.csrf_token", "s.created_at", "s.expires_at"])
      .select(accountAs("u", "acc_"))
      .where("s.id_hash", "=", p.hash),
  ),
  userToken: prepared<{ hash: string }, Row>((db, p) =>
    db
      .selectFrom("user_tokens as t")
      .innerJoin("accounts as u", "u.id", "t.user_id")
      .select(["t.kind", "t.scopes", "t.expires_at"])
      .select(accountAs("u", "acc_"))
      .where("t.token_hash", "=", p.hash),
  ),
  // Each page carries its list's total (a constant subquery, evaluated once): one read per page.
  allRepositories: preparedPage<{ accountId: number }, Row>((db, p, page) =>
    db
      .selectFrom("repositories as r")
      .selectAll("r")
      .select((eb) =>
        eb
          .selectFrom("repositories")
          .select((c) => c.fn.countAll<number>().as("n"))
          .where("owner_id", "=", p.accountId)
          .as("total_count"),
      )
      .where("r.owner_id", "=", p.accountId)
      .orderBy("r.id")
      .limit(sql.lit(page.limit))
      .offset(sql.lit(page.offset)),
  ),
  countAllRepositories: prepared<{ accountId: number }, { n: number }>((db, p) =>
    db
      .selectFrom("repositories")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("owner_id", "=", p.accountId),
  ),
  selectedRepositories: preparedPage<{ installationId: number }, Row>((db, p, page) =>
    db
      .selectFrom("installation_repositories as ir")
      .innerJoin("repositories as r", "r.id", "ir.repository_id")
      .selectAll("r")
      .select((eb) =>
        eb
          .selectFrom("installation_repositories")
          .select((c) => c.fn.countAll<number>().as("n"))
          .where("installation_id", "=", p.installationId)
          .as("total_count"),
      )
      .where("ir.installation_id", "=", p.installationId)
      .orderBy("r.id")
      .limit(sql.lit(page.limit))
      .offset(sql.lit(page.offset)),
  ),
  countSelectedRepositories: prepared<{ installationId: number }, { n: number }>((db, p) =>
    db
      .selectFrom("installation_repositories")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("installation_id", "=", p.installationId),
  ),

  // The page's ids come from the index alone, so a deep OFFSET skips index entries, not joined rows.
  installationsForApp: preparedPage<{ appId: number }, Row>((db, p, page) =>
    installations(db)
      .select((eb) =>
        eb.selectFrom("apps").select("installations_count").where("id", "=", p.appId).as("total_count"),
      )
      .where("i.id", "in", (eb) =>
        eb
          .selectFrom("installations")
          .select("id")
          .where("app_id", "=", p.appId)
          .orderBy("id")
          .limit(sql.lit(page.limit))
          .offset(sql.lit(page.offset)),
      )
      .orderBy("i.id"),
  ),
  installationsCount: prepared<{ appId: number }, { n: number }>((db, p) =>
    db.selectFrom("apps").select("installations_count as n").where("id", "=", p.appId),
  ),
  insertInstallationToken: prepared<
    {
      hash: string;
      installationId: number;
      permissions: string;
      repositoryIds: string | null;
      expiresAt: number;
      now: number;
    },
    never
  >((db, p) =>
    db.insertInto("installation_tokens").values({
      token_hash: p.hash,
      installation_id: p.installationId,
      permissions: p.permissions,
      repository_ids: p.repositoryIds,
      expires_at: p.expiresAt,
      created_at: p.now,
    }),
  ),
  rateLimitUsage: prepared<
    { key: string; delta: number; now: number; resetAt: number },
    { used: number; reset_at: number }
  >((db, p) =>
    db
      .insertInto("rate_limits")
      .values({ key: p.key, used: p.delta, reset_at: p.resetAt })
      .onConflict((oc) =>
        oc.column("key").doUpdateSet({
          // A window still open accumulates; an ended one restarts with this delta.
          used: sql`CASE WHEN rate_limits.reset_at > ${p.now} THEN rate_limits.used + excluded.used ELSE excluded.used END`,
          reset_at: sql`CASE WHEN rate_limits.reset_at > ${p.now} THEN rate_limits.reset_at ELSE excluded.reset_at END`,
        }),
      )
      .returning(["used", "reset_at"]),
  ),
};

/** Installations with their account, app slug and suspender, as every installation read needs them. */
function installations(db: Db) {
  return db
    .selectFrom("installations as i")
    .innerJoin("accounts as a", "a.id", "i.account_id")
    .innerJoin("apps as p", "p.id", "i.app_id")
    .leftJoin("accounts as s", "s.id", "i.suspended_by_id")
    .select([
      "i.id",
      "i.app_id",
      "p.slug as app_slug",
      "i.repository_selection",
      "i.permissions",
      "i.events",
      "i.suspended_at",
      "i.created_at",
      "i.updated_at",
    ])
    .select(accountAs("a", "acc_"))
    .select(accountAs("s", "sus_"));
}

function apps(db: Db) {
  return db
    .selectFrom("apps as a")
    .innerJoin("accounts as o", "o.id", "a.owner_id")
    .selectAll("a")
    .select(accountAs("o", "own_"));
}

/** User access tokens with their grant's user and app, as token checks need them. */
function userAccessTokens(db: Db) {
  return db
    .selectFrom("user_access_tokens as t")
    .innerJoin("oauth_grants as g", "g.id", "t.grant_id")
    .innerJoin("accounts as u", "u.id", "g.user_id")
    .select([
      "t.id",
      "t.grant_id",
      "g.app_id",
      "t.last_eight",
      "t.expires_at",
      "t.refresh_expires_at",
      "t.target_id",
      "t.repository_ids",
      "t.permissions",
      "t.created_at",
    ])
    .select(accountAs("u", "acc_"));
}

function toGrant(row: Row): OAuthGrant {
  return {
    id: row.id as number,
    userId: row.user_id as number,
    appId: row.app_id as number,
    createdAt: row.created_at as number,
  };
}

function toUserAccessToken(row: Row): UserAccessToken {
  return {
    id: row.id as number,
    grantId: row.grant_id as number,
    user: toAccount(row, "acc_"),
    appId: row.app_id as number,
    lastEight: row.last_eight as string,
    expiresAt: (row.expires_at as number | null) ?? null,
    refreshExpiresAt: (row.refresh_expires_at as number | null) ?? null,
    scope:
      row.target_id == null
        ? null
        : {
            targetId: row.target_id as number,
            repositoryIds: row.repository_ids == null ? null : JSON.parse(row.repository_ids as string),
            permissions: row.permissions == null ? null : JSON.parse(row.permissions as string),
          },
    createdAt: row.created_at as number,
  };
}

/** Every table, for dumps; a new table is added here with its migration. */
const TABLES: Array<keyof Database> = [
  "sequences",
  "settings",
  "accounts",
  "org_members",
  "repositories",
  "repository_collaborators",
  "apps",
  "app_keys",
  "app_client_secrets",
  "installations",
  "installation_repositories",
  "installation_tokens",
  "user_tokens",
  "rate_limits",
  "webhook_deliveries",
  "sessions",
  "marketplace_plans",
  "marketplace_purchases",
  "installation_requests",
  "app_content_reference_domains",
  "content_references",
  "content_attachments",
  "app_manifests",
  "app_manifest_codes",
  "oauth_grants",
  "user_access_tokens",
  "oauth_codes",
  "oauth_device_codes",
];

const SEQUENCE_START: Record<IdKind, number> = {
  accounts: 1,
  repositories: 1,
  apps: 1,
  app_keys: 1,
  app_client_secrets: 1,
  installations: 1,
  hooks: 1,
  webhook_deliveries: 1,
  authorizations: 1,
  marketplace_plans: 1,
  marketplace_pending_changes: 1,
  installation_requests: 1,
  content_references: 1,
  content_attachments: 1,
  oauth_grants: 1,
};

export class SqlStoreOps implements StoreOps {
  constructor(
    protected readonly db: Db,
    protected readonly ex: Executor,
    /** A few statements differ by engine (SKIP LOCKED). */
    readonly dialect: "sqlite" | "postgres",
    /** Inside a transaction: what runs once it commits. Outside one, a write is committed when it returns. */
    private readonly committed?: Array<() => void>,
  ) {}

  afterCommit(fn: () => void): void {
    if (this.committed) this.committed.push(fn);
    else fn();
  }

  async allocateId(kind: IdKind): Promise<number> {
    const row = await this.ex.first(
      this.db
        .updateTable("sequences")
        .set({ next_id: sql`next_id + 1` })
        .where("name", "=", kind)
        .returning("next_id")
        .compile(),
    );
    if (row) return row.next_id - 1;
    await this.ex.run(
      this.db
        .insertInto("sequences")
        .values({ name: kind, next_id: SEQUENCE_START[kind] })
        .onConflict((oc) => oc.column("name").doNothing())
        .compile(),
    );
    return this.allocateId(kind);
  }

  async reserveId(kind: IdKind, id: number): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("sequences")
        .values({ name: kind, next_id: Math.max(id + 1, SEQUENCE_START[kind]) })
        .onConflict((oc) =>
          oc.column("name").doUpdateSet({
            next_id: sql`CASE WHEN sequences.next_id > ${id} THEN sequences.next_id ELSE ${id + 1} END`,
          }),
        )
        .compile(),
    );
  }

  async getSetting(key: string): Promise<string | undefined> {
    const row = await this.ex.first(
      this.db.selectFrom("settings").select("value").where("key", "=", key).compile(),
    );
    return row?.value;
  }

  async setSetting(key: string, value: string): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("settings")
        .values({ key, value })
        .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
        .compile(),
    );
  }

  async findPasswordHash(accountId: number): Promise<string | null> {
    const row = await this.ex.first(
      this.db.selectFrom("accounts").select("password_hash").where("id", "=", accountId).compile(),
    );
    return row?.password_hash ?? null;
  }

  async setPasswordHash(accountId: number, passwordHash: string | null): Promise<void> {
    await this.ex.run(
      this.db
        .updateTable("accounts")
        .set({ password_hash: passwordHash })
        .where("id", "=", accountId)
        .compile(),
    );
  }

  async insertSession(s: NewSession): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("sessions")
        .values({
          id_hash: s.idHash,
          user_id: s.userId,
          csrf_token: s.csrfToken,
          created_at: s.createdAt,
          expires_at: s.expiresAt,
        })
        .compile(),
    );
  }

  async findSession(idHash: string): Promise<Session | undefined> {
    const row = await this.ex.first(q.session(this.db, { hash: idHash }));
    if (!row) return undefined;
    return {
      user: toAccount(row, "acc_"),
      csrfToken: row.csrf_token as string,
      createdAt: row.created_at as number,
      expiresAt: row.expires_at as number,
    };
  }

  async deleteSession(idHash: string): Promise<boolean> {
    return (await this.ex.run(this.db.deleteFrom("sessions").where("id_hash", "=", idHash).compile())) > 0;
  }

  async deleteExpiredSessions(before: number): Promise<number> {
    return this.ex.run(this.db.deleteFrom("sessions").where("expires_at", "<", before).compile());
  }

  async findAccountById(id: number): Promise<Account | undefined> {
    const row = await this.ex.first(q.accountById(this.db, { id }));
    return row && toAccount(row);
  }

  async findAccountByLogin(login: string): Promise<Account | undefined> {
    const row = await this.ex.first(q.accountByLogin(this.db, { key: login.toLowerCase() }));
    return row && toAccount(row);
  }

  async insertAccount(a: NewAccount): Promise<void> {
    await this.ex.run(this.db.insertInto("accounts").values(accountRow(a)).compile());
  }

  async updateAccount(
    id: number,
    patch: { name?: string | null; email?: string | null; siteAdmin?: boolean; now: number },
  ): Promise<void> {
    await this.ex.run(
      this.db
        .updateTable("accounts")
        .set({
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.email !== undefined && { email: patch.email }),
          ...(patch.siteAdmin !== undefined && { site_admin: flag(patch.siteAdmin) }),
          updated_at: patch.now,
        })
        .where("id", "=", id)
        .compile(),
    );
  }

  async setOrgMembership(orgId: number, userId: number, role: "member" | "admin"): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("org_members")
        .values({ org_id: orgId, user_id: userId, role })
        .onConflict((oc) => oc.columns(["org_id", "user_id"]).doUpdateSet({ role }))
        .compile(),
    );
  }

  async findOrgRole(orgId: number, userId: number): Promise<"member" | "admin" | undefined> {
    const row = await this.ex.first(
      this.db
        .selectFrom("org_members")
        .select("role")
        .where("org_id", "=", orgId)
        .where("user_id", "=", userId)
        .compile(),
    );
    return row?.role;
  }

  async findRepository(ownerLogin: string, name: string): Promise<Repository | undefined> {
    const owner = await this.findAccountByLogin(ownerLogin);
    if (!owner) return undefined;
    const row = await this.ex.first(
      this.db
        .selectFrom("repositories")
        .selectAll()
        .where("owner_id", "=", owner.id)
        .where("name_key", "=", name.toLowerCase())
        .compile(),
    );
    return row && toRepository(row, owner);
  }

  async findRepositoryById(id: number): Promise<Repository | undefined> {
    const row = await this.ex.first(
      this.db.selectFrom("repositories").selectAll().where("id", "=", id).compile(),
    );
    if (!row) return undefined;
    const owner = await this.findAccountById(row.owner_id);
    return owner && toRepository(row, owner);
  }

  async insertRepository(r: NewRepository): Promise<void> {
    await this.ex.run(this.db.insertInto("repositories").values(repositoryRow(r)).compile());
  }

  async updateRepository(
    id: number,
    patch: {
      name?: string;
      private?: boolean;
      description?: string | null;
      defaultBranch?: string;
      now: number;
    },
  ): Promise<void> {
    await this.ex.run(
      this.db
        .updateTable("repositories")
        .set({
          ...(patch.name !== undefined && { name: patch.name, name_key: patch.name.toLowerCase() }),
          ...(patch.defaultBranch !== undefined && { default_branch: patch.defaultBranch }),
          ...(patch.private !== undefined && { private: flag(patch.private) }),
          ...(patch.description !== undefined && { description: patch.description }),
          updated_at: patch.now,
        })
        .where("id", "=", id)
        .compile(),
    );
  }

  async findAppById(id: number): Promise<App | undefined> {
    const row = await this.ex.first(apps(this.db).where("a.id", "=", id).compile());
    return row && toApp(row);
  }

  async findAppBySlug(slug: string): Promise<App | undefined> {
    const row = await this.ex.first(apps(this.db).where("a.slug", "=", slug.toLowerCase()).compile());
    return row && toApp(row);
  }

  async findAppCredentials(by: { id: number } | { clientId: string }): Promise<AppCredentials | undefined> {
    const rows = await this.ex.all(
      "id" in by ? q.appCredentialsById(this.db, by) : q.appCredentialsByClientId(this.db, by),
    );
    const first = rows[0];
    if (!first) return undefined;
    return {
      appId: first.app_id as number,
      ownerId: first.owner_id as number,
      keyIds: rows.filter((row) => row.key_id != null).map((row) => row.key_id as number),
    };
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

  async findAppKeyPem(keyId: number): Promise<string | undefined> {
    const row = await this.ex.first(
      this.db.selectFrom("app_keys").select("public_key_pem").where("id", "=", keyId).compile(),
    );
    return row?.public_key_pem;
  }

  async listAppKeys(appId: number): Promise<AppKey[]> {
    const rows = await this.ex.all(
      this.db.selectFrom("app_keys").selectAll().where("app_id", "=", appId).orderBy("id").compile(),
    );
    return rows.map((r) => ({
      id: r.id,
      appId: r.app_id,
      fingerprint: r.fingerprint,
      publicKeyPem: r.public_key_pem,
      createdAt: r.created_at,
    }));
  }

  async insertAppKey(k: {
    id: number;
    appId: number;
    fingerprint: string;
    publicKeyPem: string;
    now: number;
  }): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("app_keys")
        .values({
          id: k.id,
          app_id: k.appId,
          fingerprint: k.fingerprint,
          public_key_pem: k.publicKeyPem,
          created_at: k.now,
        })
        .compile(),
    );
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

  async insertDelivery(d: NewDelivery): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("webhook_deliveries")
        .values({
          id: d.id,
          guid: d.guid,
          app_id: d.appId,
          hook_id: d.hookId,
          installation_id: d.installationId,
          repository_id: d.repositoryId,
          event: d.event,
          action: d.action,
          payload: d.payload,
          redelivery: flag(d.redelivery),
          state: "pending",
          created_at: d.now,
        })
        .compile(),
    );
  }

  async claimDeliveries(
    worker: string,
    now: number,
    limit: number,
    skipAppIds: number[] = [],
  ): Promise<ClaimedDelivery[]> {
    // One statement claims the batch, through the (state, id) index. On PostgreSQL the candidates are
    // locked with SKIP LOCKED, so workers on other instances pass over each other's rows.
    const postgres = this.dialect === "postgres";
    const candidates = this.db
      .selectFrom("webhook_deliveries")
      .select("id")
      .where("state", "=", "pending")
      .$if(skipAppIds.length > 0, (qb) => qb.where("app_id", "not in", skipAppIds))
      .orderBy("id")
      .limit(sql.lit(Math.trunc(limit)))
      .$if(postgres, (qb) => qb.forUpdate().skipLocked());
    const claimed = await this.ex.all(
      this.db
        .updateTable("webhook_deliveries")
        .set({ state: "delivering", claimed_by: worker, claimed_at: now })
        .where("id", "in", candidates)
        // Re-checked on the row itself: after waiting on a lock, PostgreSQL re-evaluates only this.
        .where("state", "=", "pending")
        .returningAll()
        .compile(),
    );
    if (claimed.length === 0) return [];
    const appIds = [...new Set(claimed.map((row) => row.app_id))];
    const apps = await this.ex.all(
      this.db
        .selectFrom("apps")
        .select([
          "id",
          "webhook_url",
          "webhook_content_type",
          "webhook_insecure_ssl",
          "webhook_active",
          "webhook_secret",
        ])
        .where("id", "in", appIds)
        .compile(),
    );
    const byId = new Map(apps.map((a) => [a.id, a]));
    return claimed
      .sort((a, b) => a.id - b.id)
      .map((row) => {
        const app = byId.get(row.app_id);
        return {
          delivery: toDelivery(row),
          webhook: {
            url: app?.webhook_url ?? null,
            contentType: app?.webhook_content_type ?? "json",
            insecureSsl: app?.webhook_insecure_ssl ?? "0",
            active: app ? Number(app.webhook_active) === 1 : false,
            sealedSecret: app?.webhook_secret ?? null,
          },
        };
      });
  }

  async releaseDeliveries(worker: string, ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.ex.run(
      this.db
        .updateTable("webhook_deliveries")
        .set({ state: "pending", claimed_by: null, claimed_at: null })
        .where("id", "in", ids)
        .where("claimed_by", "=", worker)
        .where("state", "=", "delivering")
        .compile(),
    );
  }

  async releaseStaleDeliveries(staleBefore: number): Promise<number> {
    return this.ex.run(
      this.db
        .updateTable("webhook_deliveries")
        .set({ state: "pending", claimed_by: null, claimed_at: null })
        .where("state", "=", "delivering")
        .where("claimed_at", "<", staleBefore)
        .compile(),
    );
  }

  async completeDelivery(id: number, worker: string, o: DeliveryOutcome): Promise<boolean> {
    const n = await this.ex.run(
      this.db
        .updateTable("webhook_deliveries")
        .set({
          state: "done",
          url: o.url,
          delivered_at: o.deliveredAt,
          duration: o.duration,
          status: o.status,
          status_code: o.statusCode,
          request_headers: JSON.stringify(o.requestHeaders),
          response_headers: JSON.stringify(o.responseHeaders),
          response_body: o.responseBody,
        })
        .where("id", "=", id)
        .where("claimed_by", "=", worker)
        .where("state", "=", "delivering")
        .compile(),
    );
    return n > 0;
  }

  async listDeliveries(
    appId: number,
    options: { beforeId?: number; limit: number; status?: "success" | "failure" },
  ): Promise<Delivery[]> {
    const rows = await this.ex.all(
      this.db
        .selectFrom("webhook_deliveries")
        .selectAll()
        .where("app_id", "=", appId)
        .where("state", "=", "done")
        .$if(options.beforeId !== undefined, (qb) => qb.where("id", "<", options.beforeId!))
        .$if(options.status === "success", (qb) =>
          qb.where("status_code", ">=", 200).where("status_code", "<", 300),
        )
        .$if(options.status === "failure", (qb) =>
          qb.where((eb) => eb.or([eb("status_code", "<", 200), eb("status_code", ">=", 300)])),
        )
        .orderBy("id", "desc")
        .limit(sql.lit(Math.trunc(options.limit)))
        .compile(),
    );
    return rows.map(toDelivery);
  }

  async findDelivery(appId: number, id: number): Promise<Delivery | undefined> {
    const row = await this.ex.first(
      this.db
        .selectFrom("webhook_deliveries")
        .selectAll()
        .where("app_id", "=", appId)
        .where("id", "=", id)
        .compile(),
    );
    return row && toDelivery(row);
  }

  async insertClientSecret(s: {
    id: number;
    appId: number;
    secretHash: string;
    lastEight: string;
    now: number;
  }): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("app_client_secrets")
        .values({
          id: s.id,
          app_id: s.appId,
          secret_hash: s.secretHash,
          last_eight: s.lastEight,
          created_at: s.now,
        })
        .compile(),
    );
  }

  async findClientSecretApp(secretHash: string): Promise<number | undefined> {
    const row = await this.ex.first(
      this.db
        .selectFrom("app_client_secrets")
        .select("app_id")
        .where("secret_hash", "=", secretHash)
        .compile(),
    );
    return row?.app_id;
  }

  async findInstallation(id: number): Promise<Installation | undefined> {
    const row = await this.ex.first(q.installationById(this.db, { id }));
    return row && toInstallation(row);
  }

  async findInstallationForAccount(appId: number, accountId: number): Promise<Installation | undefined> {
    const row = await this.ex.first(q.installationByAppAccount(this.db, { appId, accountId }));
    return row && toInstallation(row);
  }

  async listInstallationsForApp(
    appId: number,
    filter: InstallationListFilter,
    page: Page,
  ): Promise<Paged<Installation>> {
    if (filter.since === undefined && !filter.outdated) {
      // The unfiltered list is the hot one: its total is the maintained count, not a scan of 100k rows.
      const rows = await this.ex.all(q.installationsForApp(this.db, { appId }, page));
      const total = rows[0]
        ? Number(rows[0].total_count)
        : ((await this.ex.first(q.installationsCount(this.db, { appId })))?.n ?? 0);
      return { items: rows.map(toInstallation), total };
    }
    const since = filter.since;
    const [rows, count] = await Promise.all([
      this.ex.all(
        installations(this.db)
          .where("i.app_id", "=", appId)
          .$if(since !== undefined, (qb) => qb.where("i.updated_at", ">=", since!))
          .$if(filter.outdated === true, (qb) => qb.whereRef("i.permissions", "<>", "p.permissions"))
          .orderBy("i.id")
          .limit(sql.lit(Math.trunc(page.limit)))
          .offset(sql.lit(Math.trunc(page.offset)))
          .compile(),
      ),
      this.ex.first(
        this.db
          .selectFrom("installations as i")
          .innerJoin("apps as p", "p.id", "i.app_id")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("i.app_id", "=", appId)
          .$if(since !== undefined, (qb) => qb.where("i.updated_at", ">=", since!))
          .$if(filter.outdated === true, (qb) => qb.whereRef("i.permissions", "<>", "p.permissions"))
          .compile(),
      ),
    ]);
    return { items: rows.map(toInstallation), total: Number(count?.n ?? 0) };
  }

  async insertInstallation(i: NewInstallation): Promise<void> {
    // The row and the app's count change together, or not at all.
    await this.ex.transaction(async (tx) => {
      await tx.run(this.db.insertInto("installations").values(installationRow(i)).compile());
      await new SqlStoreOps(this.db, tx, this.dialect).adjustInstallationsCount(i.appId, 1);
    });
  }

  async updateInstallation(
    id: number,
    p: {
      repositorySelection?: "all" | "selected";
      permissions?: Record<string, string>;
      events?: string[];
      suspendedAt?: number | null;
      suspendedById?: number | null;
      now: number;
    },
  ): Promise<void> {
    await this.ex.run(
      this.db
        .updateTable("installations")
        .set({
          ...(p.repositorySelection !== undefined && { repository_selection: p.repositorySelection }),
          ...(p.permissions !== undefined && { permissions: canonicalJson(p.permissions) }),
          ...(p.events !== undefined && { events: canonicalJson(p.events) }),
          ...(p.suspendedAt !== undefined && { suspended_at: p.suspendedAt }),
          ...(p.suspendedById !== undefined && { suspended_by_id: p.suspendedById }),
          updated_at: p.now,
        })
        .where("id", "=", id)
        .compile(),
    );
  }

  async deleteInstallation(id: number): Promise<boolean> {
    return this.ex.transaction(async (tx) => {
      const deleted = await tx.first(
        this.db.deleteFrom("installations").where("id", "=", id).returning("app_id").compile(),
      );
      if (!deleted) return false;
      await new SqlStoreOps(this.db, tx, this.dialect).adjustInstallationsCount(deleted.app_id, -1);
      return true;
    });
  }

  async adjustInstallationsCount(appId: number, delta: number): Promise<void> {
    await this.ex.run(
      this.db
        .updateTable("apps")
        .set({ installations_count: sql`installations_count + ${delta}` })
        .where("id", "=", appId)
        .compile(),
    );
  }

  async setInstallationRepositories(installationId: number, repositoryIds: number[]): Promise<void> {
    await this.ex.transaction((tx) =>
      new SqlStoreOps(this.db, tx, this.dialect).replaceInstallationRepositories(
        installationId,
        repositoryIds,
      ),
    );
  }

  private async replaceInstallationRepositories(
    installationId: number,
    repositoryIds: number[],
  ): Promise<void> {
    await this.ex.run(
      this.db.deleteFrom("installation_repositories").where("installation_id", "=", installationId).compile(),
    );
    for (let i = 0; i < repositoryIds.length; i += 500) {
      const chunk = repositoryIds.slice(i, i + 500);
      await this.ex.run(
        this.db
          .insertInto("installation_repositories")
          .values(chunk.map((repository_id) => ({ installation_id: installationId, repository_id })))
          .onConflict((oc) => oc.doNothing())
          .compile(),
      );
    }
  }

  async listInstallationRepositories(
    installation: InstallationGrant,
    onlyIds: number[] | null,
    page: Page,
  ): Promise<Paged<Repository>> {
    const owner = installation.account;
    if (onlyIds === null) {
      const all = installation.repositorySelection === "all";
      const rows = await this.ex.all(
        all
          ? q.allRepositories(this.db, { accountId: owner.id }, page)
          : q.selectedRepositories(this.db, { installationId: installation.id }, page),
      );
      // A page past the end has no row to carry the total.
      const total = rows[0]
        ? Number(rows[0].total_count)
        : Number(
            (
              await this.ex.first(
                all
                  ? q.countAllRepositories(this.db, { accountId: owner.id })
                  : q.countSelectedRepositories(this.db, { installationId: installation.id }),
              )
            )?.n ?? 0,
          );
      return { items: rows.map((row) => toRepository(row, owner)), total };
    }
    if (onlyIds.length === 0) return { items: [], total: 0 };
    const reachable = this.reachable(installation).where("r.id", "in", onlyIds);
    const [rows, count] = await Promise.all([
      this.ex.all(
        reachable
          .selectAll("r")
          .orderBy("r.id")
          .limit(sql.lit(Math.trunc(page.limit)))
          .offset(sql.lit(Math.trunc(page.offset)))
          .compile(),
      ),
      this.ex.first(reachable.select((eb) => eb.fn.countAll<number>().as("n")).compile()),
    ]);
    return { items: rows.map((row) => toRepository(row, owner)), total: Number(count?.n ?? 0) };
  }

  async findInstallationRepositories(
    installation: InstallationGrant,
    by: { names: string[] } | { ids: number[] },
  ): Promise<Array<{ id: number; name: string }>> {
    const reachable = this.reachable(installation);
    const query =
      "names" in by
        ? reachable.where(
            "r.name_key",
            "in",
            by.names.map((n) => n.toLowerCase()),
          )
        : reachable.where("r.id", "in", by.ids);
    return this.ex.all(query.select(["r.id", "r.name"]).orderBy("r.id").compile());
  }

  async installationHasRepository(installation: InstallationGrant, repositoryId: number): Promise<boolean> {
    const row = await this.ex.first(
      this.reachable(installation).select("r.id").where("r.id", "=", repositoryId).compile(),
    );
    return row !== undefined;
  }

  /** Repositories an installation reaches, as a query to narrow further. */
  private reachable(installation: InstallationGrant) {
    const base = this.db.selectFrom("repositories as r").where("r.owner_id", "=", installation.account.id);
    if (installation.repositorySelection === "all") return base;
    return base.where((eb) =>
      eb.exists(
        eb
          .selectFrom("installation_repositories as ir")
          .select("ir.repository_id")
          .whereRef("ir.repository_id", "=", "r.id")
          .where("ir.installation_id", "=", installation.id),
      ),
    );
  }

  async insertInstallationToken(t: {
    tokenHash: string;
    installationId: number;
    permissions: Record<string, string>;
    repositoryIds: number[] | null;
    expiresAt: number;
    now: number;
  }): Promise<void> {
    await this.ex.run(
      q.insertInstallationToken(this.db, {
        hash: t.tokenHash,
        installationId: t.installationId,
        permissions: canonicalJson(t.permissions),
        repositoryIds: t.repositoryIds && JSON.stringify(t.repositoryIds),
        expiresAt: t.expiresAt,
        now: t.now,
      }),
    );
  }

  async findInstallationToken(tokenHash: string): Promise<InstallationToken | undefined> {
    const row = await this.ex.first(q.installationToken(this.db, { hash: tokenHash }));
    if (!row) return undefined;
    return {
      installation: toInstallationGrant(row),
      permissions: JSON.parse(row.token_permissions as string),
      repositoryIds: row.token_repository_ids == null ? null : JSON.parse(row.token_repository_ids as string),
      expiresAt: row.token_expires_at as number,
    };
  }

  async deleteInstallationToken(tokenHash: string): Promise<boolean> {
    const n = await this.ex.run(
      this.db.deleteFrom("installation_tokens").where("token_hash", "=", tokenHash).compile(),
    );
    return n > 0;
  }

  async deleteExpiredInstallationTokens(before: number): Promise<number> {
    return this.ex.run(this.db.deleteFrom("installation_tokens").where("expires_at", "<", before).compile());
  }

  async insertUserToken(t: {
    tokenHash: string;
    userId: number;
    scopes: string[];
    expiresAt: number | null;
    now: number;
    kind?: "personal" | "impersonation";
    authorizationId?: number;
    note?: string | null;
    lastEight?: string;
  }): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("user_tokens")
        .values({
          token_hash: t.tokenHash,
          user_id: t.userId,
          kind: t.kind ?? "personal",
          scopes: JSON.stringify(t.scopes),
          expires_at: t.expiresAt,
          created_at: t.now,
          authorization_id: t.authorizationId ?? null,
          note: t.note ?? null,
          last_eight: t.lastEight ?? null,
        })
        .onConflict((oc) => oc.column("token_hash").doNothing())
        .compile(),
    );
  }

  async findUserToken(tokenHash: string): Promise<UserToken | undefined> {
    const row = await this.ex.first(q.userToken(this.db, { hash: tokenHash }));
    if (!row) return undefined;
    return {
      user: toAccount(row, "acc_"),
      kind: row.kind as UserToken["kind"],
      scopes: JSON.parse(row.scopes as string),
      expiresAt: (row.expires_at as number | null) ?? null,
    };
  }

  async addRateLimitUsage(
    key: string,
    delta: number,
    now: number,
    windowSeconds: number,
  ): Promise<RateLimitWindow> {
    const row = await this.ex.first(
      q.rateLimitUsage(this.db, { key, delta, now, resetAt: now + windowSeconds }),
    );
    return { used: Number(row!.used), resetAt: Number(row!.reset_at) };
  }

  async renameAccount(id: number, login: string, now: number): Promise<void> {
    await this.ex.run(
      this.db
        .updateTable("accounts")
        .set({ login, login_key: login.toLowerCase(), updated_at: now })
        .where("id", "=", id)
        .compile(),
    );
  }

  async deleteAccount(id: number): Promise<boolean> {
    return this.ex.transaction(async (tx) => {
      const ops = new SqlStoreOps(this.db, tx, this.dialect);
      // Installations on the account go with it (a cascade), so their apps' counts are adjusted first.
      const perApp = await tx.all(
        this.db
          .selectFrom("installations")
          .select(["app_id", (eb) => eb.fn.countAll<number>().as("n")])
          .where("account_id", "=", id)
          .groupBy("app_id")
          .compile(),
      );
      for (const row of perApp) await ops.adjustInstallationsCount(row.app_id, -Number(row.n));
      return (await tx.run(this.db.deleteFrom("accounts").where("id", "=", id).compile())) > 0;
    });
  }

  async removeOrgMembership(orgId: number, userId: number): Promise<boolean> {
    const n = await this.ex.run(
      this.db.deleteFrom("org_members").where("org_id", "=", orgId).where("user_id", "=", userId).compile(),
    );
    return n > 0;
  }

  async listOrgsOfUser(userId: number): Promise<Array<{ org: Account; role: "member" | "admin" }>> {
    const rows = await this.ex.all(
      this.db
        .selectFrom("org_members as m")
        .innerJoin("accounts as a", "a.id", "m.org_id")
        .selectAll("a")
        .select("m.role")
        .where("m.user_id", "=", userId)
        .orderBy("a.id")
        .compile(),
    );
    return rows.map((row) => ({ org: toAccount(row), role: row.role }));
  }

  async listAccounts(page: Page): Promise<Paged<Account>> {
    const [rows, count] = await Promise.all([
      this.ex.all(
        this.db
          .selectFrom("accounts")
          .selectAll()
          .orderBy("id")
          .limit(sql.lit(Math.trunc(page.limit)))
          .offset(sql.lit(Math.trunc(page.offset)))
          .compile(),
      ),
      this.ex.first(
        this.db
          .selectFrom("accounts")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .compile(),
      ),
    ]);
    return { items: rows.map((row) => toAccount(row)), total: Number(count?.n ?? 0) };
  }

  async listRepositoriesForAccount(accountId: number, page: Page): Promise<Paged<Repository>> {
    const owner = await this.findAccountById(accountId);
    if (!owner) return { items: [], total: 0 };
    return this.listInstallationRepositories(
      { id: 0, appId: 0, account: owner, repositorySelection: "all", permissions: {}, suspendedAt: null },
      null,
      page,
    );
  }

  async deleteRepository(id: number): Promise<boolean> {
    return (await this.ex.run(this.db.deleteFrom("repositories").where("id", "=", id).compile())) > 0;
  }

  async setCollaborator(
    repositoryId: number,
    userId: number,
    permission: RepositoryPermission,
  ): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("repository_collaborators")
        .values({ repository_id: repositoryId, user_id: userId, permission })
        .onConflict((oc) => oc.columns(["repository_id", "user_id"]).doUpdateSet({ permission }))
        .compile(),
    );
  }

  async removeCollaborator(repositoryId: number, userId: number): Promise<boolean> {
    const n = await this.ex.run(
      this.db
        .deleteFrom("repository_collaborators")
        .where("repository_id", "=", repositoryId)
        .where("user_id", "=", userId)
        .compile(),
    );
    return n > 0;
  }

  async listCollaborators(
    repositoryId: number,
  ): Promise<Array<{ user: Account; permission: RepositoryPermission }>> {
    const rows = await this.ex.all(
      this.db
        .selectFrom("repository_collaborators as c")
        .innerJoin("accounts as a", "a.id", "c.user_id")
        .selectAll("a")
        .select("c.permission")
        .where("c.repository_id", "=", repositoryId)
        .orderBy("a.id")
        .compile(),
    );
    return rows.map((row) => ({ user: toAccount(row), permission: row.permission }));
  }

  async findCollaboratorPermission(
    repositoryId: number,
    userId: number,
  ): Promise<RepositoryPermission | undefined> {
    const row = await this.ex.first(
      this.db
        .selectFrom("repository_collaborators")
        .select("permission")
        .where("repository_id", "=", repositoryId)
        .where("user_id", "=", userId)
        .compile(),
    );
    return row?.permission;
  }

  async listInstallationsOnAccount(accountId: number): Promise<Installation[]> {
    const rows = await this.ex.all(
      installations(this.db).where("i.account_id", "=", accountId).orderBy("i.id").compile(),
    );
    return rows.map(toInstallation);
  }

  async listInstallationsReachingRepository(repository: Repository): Promise<Installation[]> {
    const rows = await this.ex.all(
      installations(this.db)
        .where("i.account_id", "=", repository.owner.id)
        .where((eb) =>
          eb.or([
            eb("i.repository_selection", "=", "all"),
            eb.exists(
              eb
                .selectFrom("installation_repositories as ir")
                .select("ir.repository_id")
                .whereRef("ir.installation_id", "=", "i.id")
                .where("ir.repository_id", "=", repository.id),
            ),
          ]),
        )
        .orderBy("i.id")
        .compile(),
    );
    return rows.map(toInstallation);
  }

  async listApps(page: Page): Promise<Paged<App>> {
    const [rows, count] = await Promise.all([
      this.ex.all(
        apps(this.db)
          .orderBy("a.id")
          .limit(sql.lit(Math.trunc(page.limit)))
          .offset(sql.lit(Math.trunc(page.offset)))
          .compile(),
      ),
      this.ex.first(
        this.db
          .selectFrom("apps")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .compile(),
      ),
    ]);
    return { items: rows.map(toApp), total: Number(count?.n ?? 0) };
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

  async deleteAppKey(appId: number, keyId: number): Promise<boolean> {
    const n = await this.ex.run(
      this.db.deleteFrom("app_keys").where("app_id", "=", appId).where("id", "=", keyId).compile(),
    );
    return n > 0;
  }

  async listClientSecrets(appId: number): Promise<ClientSecretInfo[]> {
    const rows = await this.ex.all(
      this.db
        .selectFrom("app_client_secrets")
        .selectAll()
        .where("app_id", "=", appId)
        .orderBy("id")
        .compile(),
    );
    return rows.map((r) => ({ id: r.id, appId: r.app_id, lastEight: r.last_eight, createdAt: r.created_at }));
  }

  async deleteClientSecret(appId: number, id: number): Promise<boolean> {
    const n = await this.ex.run(
      this.db.deleteFrom("app_client_secrets").where("app_id", "=", appId).where("id", "=", id).compile(),
    );
    return n > 0;
  }

  async listAuthorizations(userId: number, kind: "personal" | "impersonation"): Promise<Authorization[]> {
    const user = await this.findAccountById(userId);
    if (!user) return [];
    const rows = await this.ex.all(
      this.db
        .selectFrom("user_tokens")
        .selectAll()
        .where("user_id", "=", userId)
        .where("kind", "=", kind)
        .orderBy("created_at")
        .compile(),
    );
    return rows.map((r) => ({
      id: r.authorization_id ?? 0,
      user,
      kind: r.kind,
      scopes: JSON.parse(r.scopes) as string[],
      note: r.note,
      lastEight: r.last_eight,
      expiresAt: r.expires_at,
      createdAt: r.created_at,
    }));
  }

  async deleteUserTokens(userId: number, kind: "personal" | "impersonation"): Promise<number> {
    return this.ex.run(
      this.db.deleteFrom("user_tokens").where("user_id", "=", userId).where("kind", "=", kind).compile(),
    );
  }

  async resetWorld(keepAccountIds: number[]): Promise<void> {
    const keep = keepAccountIds.length > 0 ? keepAccountIds : [-1];
    // Children first, so the order holds on engines that check foreign keys per statement.
    for (const table of [
      "app_manifest_codes",
      "app_manifests",
      "oauth_device_codes",
      "oauth_codes",
      "user_access_tokens",
      "oauth_grants",
      "content_attachments",
      "content_references",
      "installation_requests",
      "marketplace_purchases",
      "marketplace_plans",
      "app_content_reference_domains",
      "webhook_deliveries",
      "installation_tokens",
      "installation_repositories",
      "installations",
      "app_client_secrets",
      "app_keys",
      "apps",
      "repository_collaborators",
      "repositories",
      "org_members",
      "rate_limits",
    ] as const) {
      await this.ex.run(this.db.deleteFrom(table).compile());
    }
    await this.ex.run(this.db.deleteFrom("user_tokens").where("user_id", "not in", keep).compile());
    await this.ex.run(this.db.deleteFrom("accounts").where("id", "not in", keep).compile());
  }

  async listMarketplacePlans(appId: number, page: Page): Promise<Paged<MarketplacePlan>> {
    const [rows, count] = await Promise.all([
      this.ex.all(
        this.db
          .selectFrom("marketplace_plans")
          .selectAll()
          .where("app_id", "=", appId)
          .orderBy("number")
          .limit(sql.lit(Math.trunc(page.limit)))
          .offset(sql.lit(Math.trunc(page.offset)))
          .compile(),
      ),
      this.ex.first(
        this.db
          .selectFrom("marketplace_plans")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("app_id", "=", appId)
          .compile(),
      ),
    ]);
    return { items: rows.map(toMarketplacePlan), total: Number(count?.n ?? 0) };
  }

  async findMarketplacePlan(id: number): Promise<MarketplacePlan | undefined> {
    const row = await this.ex.first(
      this.db.selectFrom("marketplace_plans").selectAll().where("id", "=", id).compile(),
    );
    return row && toMarketplacePlan(row);
  }

  async insertMarketplacePlan(plan: NewMarketplacePlan): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("marketplace_plans")
        .values({ id: plan.id, app_id: plan.appId, ...planColumns(plan), created_at: plan.now })
        .compile(),
    );
  }

  async updateMarketplacePlan(plan: NewMarketplacePlan): Promise<void> {
    await this.ex.run(
      this.db.updateTable("marketplace_plans").set(planColumns(plan)).where("id", "=", plan.id).compile(),
    );
  }

  async deleteMarketplacePlan(id: number): Promise<boolean> {
    return (await this.ex.run(this.db.deleteFrom("marketplace_plans").where("id", "=", id).compile())) > 0;
  }

  async marketplacePlanInUse(planId: number): Promise<boolean> {
    const row = await this.ex.first(
      this.db
        .selectFrom("marketplace_purchases")
        .select("app_id")
        .where((eb) => eb.or([eb("plan_id", "=", planId), eb("pending_plan_id", "=", planId)]))
        .limit(1)
        .compile(),
    );
    return row !== undefined;
  }

  async findMarketplacePurchase(appId: number, accountId: number): Promise<MarketplacePurchase | undefined> {
    const rows = await this.ex.all(
      purchases(this.db).where("p.app_id", "=", appId).where("p.account_id", "=", accountId).compile(),
    );
    return (await this.hydratePurchases(rows))[0];
  }

  async listMarketplacePurchasesForPlan(
    planId: number,
    order: PurchaseOrder,
    page: Page,
  ): Promise<Paged<MarketplacePurchase>> {
    const column = order.sort === "updated" ? "p.updated_at" : "p.created_at";
    const [rows, count] = await Promise.all([
      this.ex.all(
        purchases(this.db)
          .where("p.plan_id", "=", planId)
          .orderBy(column, order.direction)
          .orderBy("p.account_id", order.direction)
          .limit(sql.lit(Math.trunc(page.limit)))
          .offset(sql.lit(Math.trunc(page.offset)))
          .compile(),
      ),
      this.ex.first(
        this.db
          .selectFrom("marketplace_purchases")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("plan_id", "=", planId)
          .compile(),
      ),
    ]);
    return { items: await this.hydratePurchases(rows), total: Number(count?.n ?? 0) };
  }

  async listMarketplacePurchasesForAccounts(
    accountIds: number[],
    appId: number | null,
    page: Page,
  ): Promise<Paged<MarketplacePurchase>> {
    if (accountIds.length === 0) return { items: [], total: 0 };
    const [rows, count] = await Promise.all([
      this.ex.all(
        purchases(this.db)
          .where("p.account_id", "in", accountIds)
          .$if(appId !== null, (qb) => qb.where("p.app_id", "=", appId!))
          .orderBy("p.created_at")
          .orderBy("p.app_id")
          .orderBy("p.account_id")
          .limit(sql.lit(Math.trunc(page.limit)))
          .offset(sql.lit(Math.trunc(page.offset)))
          .compile(),
      ),
      this.ex.first(
        this.db
          .selectFrom("marketplace_purchases")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("account_id", "in", accountIds)
          .$if(appId !== null, (qb) => qb.where("app_id", "=", appId!))
          .compile(),
      ),
    ]);
    return { items: await this.hydratePurchases(rows), total: Number(count?.n ?? 0) };
  }

  /** Purchase rows (joined with their account) with their plans, read in one query. */
  private async hydratePurchases(rows: Row[]): Promise<MarketplacePurchase[]> {
    if (rows.length === 0) return [];
    const planIds = new Set<number>();
    for (const row of rows) {
      planIds.add(row.plan_id as number);
      if (row.pending_plan_id != null) planIds.add(row.pending_plan_id as number);
    }
    const plans = await this.ex.all(
      this.db
        .selectFrom("marketplace_plans")
        .selectAll()
        .where("id", "in", [...planIds])
        .compile(),
    );
    const byId = new Map(plans.map((p) => [p.id, toMarketplacePlan(p)]));
    return rows.map((row) =>
      toMarketplacePurchase(
        row as unknown as Database["marketplace_purchases"],
        toAccount(row, "acc_"),
        byId,
      ),
    );
  }

  async putMarketplacePurchase(p: MarketplacePurchaseRow): Promise<void> {
    const columns = {
      plan_id: p.planId,
      billing_cycle: p.billingCycle,
      unit_count: p.unitCount,
      on_free_trial: flag(p.onFreeTrial),
      free_trial_ends_on: p.freeTrialEndsOn,
      next_billing_date: p.nextBillingDate,
      pending_id: p.pendingChange?.id ?? null,
      pending_plan_id: p.pendingChange?.planId ?? null,
      pending_unit_count: p.pendingChange?.unitCount ?? null,
      pending_billing_cycle: p.pendingChange?.billingCycle ?? null,
      pending_effective_date: p.pendingChange?.effectiveDate ?? null,
      updated_at: p.updatedAt,
    };
    await this.ex.run(
      this.db
        .insertInto("marketplace_purchases")
        .values({ app_id: p.appId, account_id: p.accountId, created_at: p.createdAt, ...columns })
        .onConflict((oc) => oc.columns(["app_id", "account_id"]).doUpdateSet(columns))
        .compile(),
    );
  }

  async deleteMarketplacePurchase(appId: number, accountId: number): Promise<boolean> {
    const n = await this.ex.run(
      this.db
        .deleteFrom("marketplace_purchases")
        .where("app_id", "=", appId)
        .where("account_id", "=", accountId)
        .compile(),
    );
    return n > 0;
  }

  async insertInstallationRequest(r: {
    id: number;
    appId: number;
    accountId: number;
    requesterId: number;
    now: number;
  }): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("installation_requests")
        .values({
          id: r.id,
          app_id: r.appId,
          account_id: r.accountId,
          requester_id: r.requesterId,
          created_at: r.now,
        })
        .compile(),
    );
  }

  async findInstallationRequest(
    appId: number,
    accountId: number,
    requesterId: number,
  ): Promise<InstallationRequest | undefined> {
    const row = await this.ex.first(
      installationRequests(this.db)
        .where("r.app_id", "=", appId)
        .where("r.account_id", "=", accountId)
        .where("r.requester_id", "=", requesterId)
        .compile(),
    );
    return row && toInstallationRequest(row);
  }

  async listInstallationRequests(appId: number, page: Page): Promise<Paged<InstallationRequest>> {
    const [rows, count] = await Promise.all([
      this.ex.all(
        installationRequests(this.db)
          .where("r.app_id", "=", appId)
          .orderBy("r.id")
          .limit(sql.lit(Math.trunc(page.limit)))
          .offset(sql.lit(Math.trunc(page.offset)))
          .compile(),
      ),
      this.ex.first(
        this.db
          .selectFrom("installation_requests")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("app_id", "=", appId)
          .compile(),
      ),
    ]);
    return { items: rows.map(toInstallationRequest), total: Number(count?.n ?? 0) };
  }

  async deleteInstallationRequests(appId: number, accountId: number): Promise<number> {
    return this.ex.run(
      this.db
        .deleteFrom("installation_requests")
        .where("app_id", "=", appId)
        .where("account_id", "=", accountId)
        .compile(),
    );
  }

  async listContentReferenceDomains(appId: number): Promise<string[]> {
    const rows = await this.ex.all(
      this.db
        .selectFrom("app_content_reference_domains")
        .select("domain")
        .where("app_id", "=", appId)
        .orderBy("domain")
        .compile(),
    );
    return rows.map((r) => r.domain);
  }

  async setContentReferenceDomains(appId: number, domains: string[]): Promise<void> {
    await this.ex.transaction(async (tx) => {
      await tx.run(this.db.deleteFrom("app_content_reference_domains").where("app_id", "=", appId).compile());
      if (domains.length === 0) return;
      await tx.run(
        this.db
          .insertInto("app_content_reference_domains")
          .values(domains.map((domain) => ({ app_id: appId, domain })))
          .compile(),
      );
    });
  }

  async insertContentReference(r: Omit<ContentReference, "createdAt"> & { now: number }): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("content_references")
        .values({
          id: r.id,
          installation_id: r.installationId,
          repository_id: r.repositoryId,
          reference: r.reference,
          created_at: r.now,
        })
        .compile(),
    );
  }

  async findContentReference(id: number): Promise<ContentReference | undefined> {
    const row = await this.ex.first(
      this.db.selectFrom("content_references").selectAll().where("id", "=", id).compile(),
    );
    return (
      row && {
        id: row.id,
        installationId: row.installation_id,
        repositoryId: row.repository_id,
        reference: row.reference,
        createdAt: row.created_at,
      }
    );
  }

  async insertContentAttachment(a: {
    id: number;
    contentReferenceId: number;
    title: string;
    body: string;
    now: number;
  }): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("content_attachments")
        .values({
          id: a.id,
          content_reference_id: a.contentReferenceId,
          title: a.title,
          body: a.body,
          created_at: a.now,
        })
        .compile(),
    );
  }

  async listClientSecretHashes(appId: number): Promise<string[]> {
    const rows = await this.ex.all(
      this.db.selectFrom("app_client_secrets").select("secret_hash").where("app_id", "=", appId).compile(),
    );
    return rows.map((r) => r.secret_hash);
  }

  // The manifest flow (migration 008): posted manifests awaiting confirmation, and conversion codes.

  async insertPendingManifest(m: PendingManifest & { idHash: string }): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("app_manifests")
        .values({
          id_hash: m.idHash,
          manifest: m.manifest,
          state: m.state,
          owner_id: m.ownerId,
          created_at: m.createdAt,
          expires_at: m.expiresAt,
        })
        .compile(),
    );
  }

  async findPendingManifest(idHash: string): Promise<PendingManifest | undefined> {
    const row = await this.ex.first(
      this.db.selectFrom("app_manifests").selectAll().where("id_hash", "=", idHash).compile(),
    );
    return (
      row && {
        manifest: row.manifest,
        state: row.state,
        ownerId: row.owner_id,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
      }
    );
  }

  async deletePendingManifest(idHash: string): Promise<boolean> {
    return (
      (await this.ex.run(this.db.deleteFrom("app_manifests").where("id_hash", "=", idHash).compile())) > 0
    );
  }

  async deleteExpiredPendingManifests(before: number): Promise<number> {
    return this.ex.run(this.db.deleteFrom("app_manifests").where("expires_at", "<=", before).compile());
  }

  async insertManifestCode(c: ManifestCode & { codeHash: string }): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("app_manifest_codes")
        .values({
          code_hash: c.codeHash,
          app_id: c.appId,
          creator_id: c.creatorId,
          created_at: c.createdAt,
          expires_at: c.expiresAt,
        })
        .compile(),
    );
  }

  async takeManifestCode(codeHash: string): Promise<ManifestCode | undefined> {
    const row = await this.ex.first(
      this.db
        .deleteFrom("app_manifest_codes")
        .where("code_hash", "=", codeHash)
        .returning(["app_id", "creator_id", "created_at", "expires_at"])
        .compile(),
    );
    return (
      row && {
        appId: row.app_id,
        creatorId: row.creator_id,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
      }
    );
  }

  async deleteExpiredManifestCodes(before: number): Promise<number> {
    return this.ex.run(this.db.deleteFrom("app_manifest_codes").where("expires_at", "<=", before).compile());
  }

  // OAuth (migration 006): grants, user access tokens, web-flow and device-flow codes.

  async findAppByClientId(clientId: string): Promise<App | undefined> {
    const row = await this.ex.first(apps(this.db).where("a.client_id", "=", clientId).compile());
    return row && toApp(row);
  }

  async findGrant(userId: number, appId: number): Promise<OAuthGrant | undefined> {
    const row = await this.ex.first(
      this.db
        .selectFrom("oauth_grants")
        .selectAll()
        .where("user_id", "=", userId)
        .where("app_id", "=", appId)
        .compile(),
    );
    return row && toGrant(row);
  }

  async findGrantById(id: number): Promise<OAuthGrant | undefined> {
    const row = await this.ex.first(
      this.db.selectFrom("oauth_grants").selectAll().where("id", "=", id).compile(),
    );
    return row && toGrant(row);
  }

  async insertGrant(g: { id: number; userId: number; appId: number; now: number }): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("oauth_grants")
        .values({ id: g.id, user_id: g.userId, app_id: g.appId, created_at: g.now })
        .compile(),
    );
  }

  async deleteGrant(id: number): Promise<boolean> {
    return (await this.ex.run(this.db.deleteFrom("oauth_grants").where("id", "=", id).compile())) > 0;
  }

  async insertUserAccessToken(t: NewUserAccessToken): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("user_access_tokens")
        .values({
          id: t.id,
          token_hash: t.tokenHash,
          refresh_token_hash: t.refreshTokenHash,
          grant_id: t.grantId,
          last_eight: t.lastEight,
          expires_at: t.expiresAt,
          refresh_expires_at: t.refreshExpiresAt,
          target_id: t.scope?.targetId ?? null,
          repository_ids: t.scope?.repositoryIds ? JSON.stringify(t.scope.repositoryIds) : null,
          permissions: t.scope?.permissions ? canonicalJson(t.scope.permissions) : null,
          created_at: t.now,
        })
        .compile(),
    );
  }

  async findUserAccessToken(tokenHash: string): Promise<UserAccessToken | undefined> {
    const row = await this.ex.first(q.userAccessToken(this.db, { hash: tokenHash }));
    return row && toUserAccessToken(row);
  }

  async findUserAccessTokenByRefresh(refreshTokenHash: string): Promise<UserAccessToken | undefined> {
    const row = await this.ex.first(
      userAccessTokens(this.db).where("t.refresh_token_hash", "=", refreshTokenHash).compile(),
    );
    return row && toUserAccessToken(row);
  }

  async replaceUserAccessTokenHash(
    id: number,
    oldHash: string,
    r: { tokenHash: string; lastEight: string; expiresAt: number | null },
  ): Promise<boolean> {
    const n = await this.ex.run(
      this.db
        .updateTable("user_access_tokens")
        .set({ token_hash: r.tokenHash, last_eight: r.lastEight, expires_at: r.expiresAt })
        .where("id", "=", id)
        .where("token_hash", "=", oldHash)
        .compile(),
    );
    return n > 0;
  }

  async deleteUserAccessToken(id: number): Promise<boolean> {
    return (await this.ex.run(this.db.deleteFrom("user_access_tokens").where("id", "=", id).compile())) > 0;
  }

  async insertAuthorizationCode(c: AuthorizationCode & { codeHash: string; now: number }): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("oauth_codes")
        .values({
          code_hash: c.codeHash,
          app_id: c.appId,
          grant_id: c.grantId,
          redirect_uri: c.redirectUri,
          code_challenge: c.codeChallenge,
          expires_at: c.expiresAt,
          created_at: c.now,
        })
        .compile(),
    );
  }

  async takeAuthorizationCode(codeHash: string): Promise<AuthorizationCode | undefined> {
    const row = await this.ex.first(
      this.db.deleteFrom("oauth_codes").where("code_hash", "=", codeHash).returningAll().compile(),
    );
    return (
      row && {
        appId: row.app_id,
        grantId: row.grant_id,
        redirectUri: row.redirect_uri,
        codeChallenge: row.code_challenge,
        expiresAt: row.expires_at,
      }
    );
  }

  async insertDeviceRequest(
    d: Omit<DeviceRequest, "lastPolledAt" | "grantId"> & { now: number },
  ): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("oauth_device_codes")
        .values({
          device_code_hash: d.deviceCodeHash,
          user_code: d.userCode,
          app_id: d.appId,
          state: d.state,
          grant_id: null,
          interval: d.interval,
          last_polled_at: null,
          expires_at: d.expiresAt,
          created_at: d.now,
        })
        .compile(),
    );
  }

  async findDeviceRequest(
    by: { deviceCodeHash: string } | { userCode: string },
  ): Promise<DeviceRequest | undefined> {
    const query = this.db.selectFrom("oauth_device_codes").selectAll();
    const row = await this.ex.first(
      ("deviceCodeHash" in by
        ? query.where("device_code_hash", "=", by.deviceCodeHash)
        : query.where("user_code", "=", by.userCode)
      ).compile(),
    );
    return (
      row && {
        deviceCodeHash: row.device_code_hash,
        userCode: row.user_code,
        appId: row.app_id,
        state: row.state,
        grantId: row.grant_id,
        interval: row.interval,
        lastPolledAt: row.last_polled_at,
        expiresAt: row.expires_at,
      }
    );
  }

  async answerDeviceRequest(
    deviceCodeHash: string,
    answer: { state: "authorized"; grantId: number } | { state: "denied" },
  ): Promise<boolean> {
    const n = await this.ex.run(
      this.db
        .updateTable("oauth_device_codes")
        .set({ state: answer.state, grant_id: answer.state === "authorized" ? answer.grantId : null })
        .where("device_code_hash", "=", deviceCodeHash)
        .where("state", "=", "pending")
        .compile(),
    );
    return n > 0;
  }

  async recordDevicePoll(deviceCodeHash: string, polledAt: number, interval: number): Promise<void> {
    await this.ex.run(
      this.db
        .updateTable("oauth_device_codes")
        .set({ last_polled_at: polledAt, interval })
        .where("device_code_hash", "=", deviceCodeHash)
        .compile(),
    );
  }

  async deleteDeviceRequest(deviceCodeHash: string): Promise<boolean> {
    const n = await this.ex.run(
      this.db.deleteFrom("oauth_device_codes").where("device_code_hash", "=", deviceCodeHash).compile(),
    );
    return n > 0;
  }

  async deleteExpiredOAuthCodes(before: number): Promise<number> {
    const codes = await this.ex.run(
      this.db.deleteFrom("oauth_codes").where("expires_at", "<", before).compile(),
    );
    const devices = await this.ex.run(
      this.db.deleteFrom("oauth_device_codes").where("expires_at", "<", before).compile(),
    );
    return codes + devices;
  }

  async listInstallationsForUser(appId: number, userId: number, page: Page): Promise<Paged<Installation>> {
    const reached = (qb: ReturnType<typeof installations>) =>
      qb.where("i.app_id", "=", appId).where((eb) =>
        eb.or([
          eb("i.account_id", "=", userId),
          eb(
            "i.account_id",
            "in",
            eb.selectFrom("org_members").select("org_id").where("user_id", "=", userId),
          ),
          eb.exists(
            eb
              .selectFrom("repository_collaborators as c")
              .innerJoin("repositories as r", "r.id", "c.repository_id")
              .select("c.repository_id")
              .where("c.user_id", "=", userId)
              .whereRef("r.owner_id", "=", "i.account_id")
              .where((inner) =>
                inner.or([
                  inner("i.repository_selection", "=", "all"),
                  inner.exists(
                    inner
                      .selectFrom("installation_repositories as ir")
                      .select("ir.repository_id")
                      .whereRef("ir.installation_id", "=", "i.id")
                      .whereRef("ir.repository_id", "=", "r.id"),
                  ),
                ]),
              ),
          ),
        ]),
      );
    const [rows, count] = await Promise.all([
      this.ex.all(
        reached(installations(this.db))
          .orderBy("i.id")
          .limit(sql.lit(Math.trunc(page.limit)))
          .offset(sql.lit(Math.trunc(page.offset)))
          .compile(),
      ),
      this.ex.first(
        reached(installations(this.db))
          .clearSelect()
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .compile(),
      ),
    ]);
    return { items: rows.map(toInstallation), total: Number(count?.n ?? 0) };
  }

  async listCollaboratorRepositoryIds(userId: number, ownerId: number): Promise<number[]> {
    const rows = await this.ex.all(
      this.db
        .selectFrom("repository_collaborators as c")
        .innerJoin("repositories as r", "r.id", "c.repository_id")
        .select("r.id")
        .where("c.user_id", "=", userId)
        .where("r.owner_id", "=", ownerId)
        .orderBy("r.id")
        .compile(),
    );
    return rows.map((r) => r.id);
  }
}

/** The columns of a plan that a declaration sets. */
function planColumns(plan: NewMarketplacePlan) {
  return {
    number: plan.number,
    name: plan.name,
    description: plan.description,
    monthly_price_in_cents: plan.monthlyPriceInCents,
    yearly_price_in_cents: plan.yearlyPriceInCents,
    price_model: plan.priceModel,
    unit_name: plan.unitName,
    has_free_trial: flag(plan.hasFreeTrial),
    bullets: JSON.stringify(plan.bullets),
    state: plan.state,
    updated_at: plan.now,
  };
}

/** Purchases with their account's columns under `acc_`. */
function purchases(db: Db) {
  return db
    .selectFrom("marketplace_purchases as p")
    .innerJoin("accounts as a", "a.id", "p.account_id")
    .selectAll("p")
    .select(accountAs("a", "acc_"));
}

/** Installation requests with their account (`acc_`) and requester (`req_`). */
function installationRequests(db: Db) {
  return db
    .selectFrom("installation_requests as r")
    .innerJoin("accounts as a", "a.id", "r.account_id")
    .innerJoin("accounts as q", "q.id", "r.requester_id")
    .select(["r.id", "r.app_id", "r.created_at"])
    .select(accountAs("a", "acc_"))
    .select(accountAs("q", "req_"));
}

function toInstallationRequest(row: Row): InstallationRequest {
  return {
    id: row.id as number,
    appId: row.app_id as number,
    account: toAccount(row, "acc_"),
    requester: toAccount(row, "req_"),
    createdAt: row.created_at as number,
  };
}

/** The store over any SQL engine: Kysely compiles, the executor runs. */
export class SqlStore extends SqlStoreOps implements Store {
  constructor(
    db: Db,
    ex: Executor,
    dialect: "sqlite" | "postgres",
    private readonly onClose: () => Promise<void>,
  ) {
    super(db, ex, dialect);
  }

  async transaction<T>(fn: (tx: StoreOps) => Promise<T>): Promise<T> {
    const committed: Array<() => void> = [];
    const result = await this.ex.transaction((tx) =>
      fn(new SqlStoreOps(this.db, tx, this.dialect, committed)),
    );
    for (const hook of committed) hook();
    return result;
  }

  generation(): number | undefined {
    return this.ex.generation?.();
  }

  async dumpTables(): Promise<Record<string, unknown[]>> {
    const dump: Record<string, unknown[]> = {};
    for (const table of TABLES) {
      dump[table] = await this.ex.all(sql`SELECT * FROM ${sql.table(table)} ORDER BY 1, 2`.compile(this.db));
    }
    return dump;
  }

  async bulkInsert(rows: BulkRows): Promise<void> {
    // 500 rows a statement keeps every engine under its bound-parameter limit.
    const chunks = <T>(items: T[] | undefined) =>
      Array.from({ length: Math.ceil((items?.length ?? 0) / 500) }, (_, i) =>
        items!.slice(i * 500, i * 500 + 500),
      );
    await this.ex.transaction(async (tx) => {
      for (const chunk of chunks(rows.accounts)) {
        await tx.run(this.db.insertInto("accounts").values(chunk.map(accountRow)).compile());
      }
      for (const chunk of chunks(rows.repositories)) {
        await tx.run(this.db.insertInto("repositories").values(chunk.map(repositoryRow)).compile());
      }
      const perApp = new Map<number, number>();
      for (const chunk of chunks(rows.installations)) {
        await tx.run(
          this.db
            .insertInto("installations")
            .values(
              chunk.map((i) => {
                perApp.set(i.appId, (perApp.get(i.appId) ?? 0) + 1);
                return installationRow(i);
              }),
            )
            .compile(),
        );
      }
      for (const chunk of chunks(rows.installationRepositories)) {
        await tx.run(
          this.db
            .insertInto("installation_repositories")
            .values(chunk.map((r) => ({ installation_id: r.installationId, repository_id: r.repositoryId })))
            .compile(),
        );
      }
      const ops = new SqlStoreOps(this.db, tx, this.dialect);
      for (const [appId, count] of perApp) await ops.adjustInstallationsCount(appId, count);
      const maxId = (items: Array<{ id: number }> | undefined) =>
        items?.reduce((m, r) => Math.max(m, r.id), 0) ?? 0;
      if (rows.accounts?.length) await ops.reserveId("accounts", maxId(rows.accounts));
      if (rows.repositories?.length) await ops.reserveId("repositories", maxId(rows.repositories));
      if (rows.installations?.length) await ops.reserveId("installations", maxId(rows.installations));
    });
  }

  close(): Promise<void> {
    return this.onClose();
  }
}
