/*
 * The SQL store, composed from one class per aggregate (aggregates/*-store.ts). Each slice class holds
 * only methods over `SqlSlice`'s query builder and executor; here their methods are set on one prototype,
 * so a store (or a transaction's view of it) is still one object, made with one allocation, whose
 * methods are found exactly as they were before the split: the hot paths pay nothing for it. A method
 * defined by two slices is refused when this module loads. (atproto's PDS composes plain `(db, …)`
 * functions behind a facade that delegates each call; with 130 methods that facade would be a second
 * copy of every signature.)
 */
import { sql } from "kysely";
import type { Executor } from "./executor.js";
import type { Database } from "./schema.js";
import type { BulkRows, Store, StoreOps } from "./store.js";
import { accountRow, SqlAccountStore } from "./aggregates/account-store.js";
import { SqlAppCredentialStore } from "./aggregates/app-credential-store.js";
import { adjustInstallationsCount, SqlAppStore } from "./aggregates/app-store.js";
import { SqlContentReferenceStore } from "./aggregates/content-reference-store.js";
import { SqlDeliveryStore } from "./aggregates/delivery-store.js";
import { SqlInstallationRepositoryStore } from "./aggregates/installation-repository-store.js";
import { SqlInstallationRequestStore } from "./aggregates/installation-request-store.js";
import { installationRow, SqlInstallationStore } from "./aggregates/installation-store.js";
import { SqlManifestStore } from "./aggregates/manifest-store.js";
import { SqlMarketplaceStore } from "./aggregates/marketplace-store.js";
import { SqlOAuthStore } from "./aggregates/oauth-store.js";
import { repositoryRow, SqlRepositoryStore } from "./aggregates/repository-store.js";
import { SqlSettingStore } from "./aggregates/setting-store.js";
import { SqlSlice, type Db, type Dialect } from "./aggregates/sql-slice.js";
import { SqlTokenStore } from "./aggregates/token-store.js";

type Slices = SqlSettingStore &
  SqlAccountStore &
  SqlRepositoryStore &
  SqlAppStore &
  SqlAppCredentialStore &
  SqlInstallationStore &
  SqlInstallationRepositoryStore &
  SqlTokenStore &
  SqlDeliveryStore &
  SqlOAuthStore &
  SqlMarketplaceStore &
  SqlInstallationRequestStore &
  SqlContentReferenceStore &
  SqlManifestStore;

function composeSlices(
  slices: Array<abstract new (...args: never[]) => SqlSlice>,
): new (db: Db, ex: Executor, dialect: Dialect, committed?: Array<() => void>) => Slices {
  class Composed extends SqlSlice {}
  for (const slice of slices) {
    for (const name of Object.getOwnPropertyNames(slice.prototype)) {
      if (name === "constructor") continue;
      if (Object.hasOwn(Composed.prototype, name)) throw new Error(`two store slices define ${name}`);
      Object.defineProperty(
        Composed.prototype,
        name,
        Object.getOwnPropertyDescriptor(slice.prototype, name)!,
      );
    }
  }
  return Composed as never;
}

/** Every method of `StoreOps`, over one executor (the store's, or a transaction's). */
export class SqlStoreOps
  extends composeSlices([
    SqlSettingStore,
    SqlAccountStore,
    SqlRepositoryStore,
    SqlAppStore,
    SqlAppCredentialStore,
    SqlInstallationStore,
    SqlInstallationRepositoryStore,
    SqlTokenStore,
    SqlDeliveryStore,
    SqlOAuthStore,
    SqlMarketplaceStore,
    SqlInstallationRequestStore,
    SqlContentReferenceStore,
    SqlManifestStore,
  ])
  implements StoreOps {}

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

/** The store over any SQL engine: Kysely compiles, the executor runs. */
export class SqlStore extends SqlStoreOps implements Store {
  constructor(
    db: Db,
    ex: Executor,
    dialect: Dialect,
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
      for (const [appId, count] of perApp) await adjustInstallationsCount(this.db, tx, appId, count);
      const ops = new SqlStoreOps(this.db, tx, this.dialect);
      const maxId = (items: Array<{ id: number }> | undefined) =>
        items?.reduce((m, r) => Math.max(m, r.id), 0) ?? 0;
      if (rows.accounts?.length) await ops.reserveId("accounts", maxId(rows.accounts));
      if (rows.repositories?.length) await ops.reserveId("repositories", maxId(rows.repositories));
      if (rows.installations?.length) await ops.reserveId("installations", maxId(rows.installations));
    });
  }

  async ping(): Promise<void> {
    // `run`, not `first`: the embedded store would answer a read from its cache without asking SQLite.
    await this.ex.run(sql`select count(*) from settings`.compile(this.db));
  }

  close(): Promise<void> {
    return this.onClose();
  }
}
