/*
 * The store the domain receives, composed from one slice per aggregate (src/store/aggregates/), each
 * with its tables, queries, row mapping and types together. Why this shape:
 * - A service names the slices it uses (`AccountStore & RepositoryStore`), so what it can touch is
 *   written in its constructor, as atproto's PDS passes each helper only its `db`.
 * - `StoreOps` is the intersection of every slice, with the same method names as before the split, so
 *   code written against the whole store keeps compiling; a transaction hands every slice the same
 *   transactional executor because one object (sql-store.ts) carries all of them.
 * - An aggregate too big for one small file is two slices (apps and their credentials; installations and
 *   the repositories they reach; marketplace, installation requests and content references).
 *
 * The slices: setting-store (ids, settings, resetWorld), account-store (accounts, passwords, sessions,
 * organization memberships), repository-store (repositories, collaborators), app-store (apps, their
 * webhook configuration), app-credential-store (keys, client secrets), installation-store,
 * installation-repository-store, token-store (installation and personal tokens, rate-limit windows),
 * delivery-store, oauth-store (grants, user access tokens, codes, device requests), marketplace-store
 * (plans, purchases), installation-request-store, content-reference-store, manifest-store. Paging is
 * aggregates/page.ts; the tables' types are each slice's `*Tables`, joined in schema.ts.
 */
import type { AccountStore, NewAccount } from "./aggregates/account-store.js";
import type { AppCredentialStore } from "./aggregates/app-credential-store.js";
import type { AppStore } from "./aggregates/app-store.js";
import type { ContentReferenceStore } from "./aggregates/content-reference-store.js";
import type { DeliveryStore } from "./aggregates/delivery-store.js";
import type { InstallationRepositoryStore } from "./aggregates/installation-repository-store.js";
import type { InstallationRequestStore } from "./aggregates/installation-request-store.js";
import type { InstallationStore, NewInstallation } from "./aggregates/installation-store.js";
import type { ManifestStore } from "./aggregates/manifest-store.js";
import type { MarketplaceStore } from "./aggregates/marketplace-store.js";
import type { OAuthStore } from "./aggregates/oauth-store.js";
import type { NewRepository, RepositoryStore } from "./aggregates/repository-store.js";
import type { SettingStore } from "./aggregates/setting-store.js";
import type { TokenStore } from "./aggregates/token-store.js";

export type { AccountStore, NewAccount, NewSession } from "./aggregates/account-store.js";
export type { AppCredentialStore, AppCredentials } from "./aggregates/app-credential-store.js";
export type { AppStore, NewApp, WebhookPatch } from "./aggregates/app-store.js";
export type { ContentReferenceStore } from "./aggregates/content-reference-store.js";
export type {
  ClaimedDelivery,
  DeliveryOutcome,
  DeliveryStore,
  NewDelivery,
} from "./aggregates/delivery-store.js";
export type { InstallationRepositoryStore } from "./aggregates/installation-repository-store.js";
export type { InstallationRequestStore } from "./aggregates/installation-request-store.js";
export type {
  InstallationListFilter,
  InstallationStore,
  NewInstallation,
} from "./aggregates/installation-store.js";
export type { ManifestCode, ManifestStore, PendingManifest } from "./aggregates/manifest-store.js";
export type {
  MarketplacePurchaseRow,
  MarketplaceStore,
  NewMarketplacePlan,
  PurchaseOrder,
} from "./aggregates/marketplace-store.js";
export type { NewUserAccessToken, OAuthStore } from "./aggregates/oauth-store.js";
export type { Page, Paged } from "./aggregates/page.js";
export type { NewRepository, RepositoryStore } from "./aggregates/repository-store.js";
export type { IdKind, SettingStore } from "./aggregates/setting-store.js";
export type { NewUserToken, TokenStore } from "./aggregates/token-store.js";

/**
 * Everything hubcap keeps. Methods are plain data operations; the rules live in the domain. Every method
 * is atomic on its own; `transaction` groups several into one unit.
 */
export interface StoreOps
  extends
    SettingStore,
    AccountStore,
    RepositoryStore,
    AppStore,
    AppCredentialStore,
    InstallationStore,
    InstallationRepositoryStore,
    TokenStore,
    DeliveryStore,
    OAuthStore,
    MarketplaceStore,
    InstallationRequestStore,
    ContentReferenceStore,
    ManifestStore {
  /**
   * Runs `fn` once what was written through this object is committed: at once outside a transaction,
   * after COMMIT inside one, and never when the transaction rolls back. Work that must see the write
   * from elsewhere (a deliverer claiming a new delivery) is started here, not inside the transaction.
   */
  afterCommit(fn: () => void): void;
}

/** Rows for bulk loading a large world (the benchmark's 100,000 installations and 1,000,000 repositories). */
export interface BulkRows {
  accounts?: NewAccount[];
  repositories?: NewRepository[];
  installations?: NewInstallation[];
  installationRepositories?: Array<{ installationId: number; repositoryId: number }>;
}

export interface Store extends StoreOps {
  readonly dialect: "sqlite" | "postgres";
  transaction<T>(fn: (tx: StoreOps) => Promise<T>): Promise<T>;
  /**
   * A number that stays the same for as long as nothing stored has changed, webhook deliveries and
   * rate-limit counts aside (they change all the time, and nothing is derived from them). Undefined
   * when that cannot be known without asking the database (PostgreSQL, which other instances change)
   * or while a transaction is open. What is derived from stored data alone may be reused while it holds.
   */
  generation(): number | undefined;
  /** Every row of every table, ordered, for exports and diagnostics (and tests proving nothing changed). */
  dumpTables(): Promise<Record<string, unknown[]>>;
  /** Inserts many new rows in one transaction, keeping the derived counts and id sequences right. */
  bulkInsert(rows: BulkRows): Promise<void>;
  /** Asks the database itself (never a kept result), for readiness checks; throws UnavailableError when it is away. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** What a service that opens transactions needs beyond its slices. */
export type Transactor = Pick<Store, "transaction">;
