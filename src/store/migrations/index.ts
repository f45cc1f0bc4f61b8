import { Migrator, type Kysely, type Migration, type MigrationProvider } from "kysely";
import type { DialectName } from "../dialect.js";
import { foundation } from "./001-foundation.js";
import { listOrder } from "./002-list-order.js";
import { webhooks } from "./003-webhooks.js";
import { administration } from "./004-administration.js";
import { sessions } from "./005-sessions.js";
import { oauth } from "./006-oauth.js";
import { marketplace } from "./007-marketplace.js";
import { manifests } from "./008-manifests.js";
import { mergeSettings } from "./009-merge-settings.js";

/**
 * Every migration, in order, for both stores. Names are fixed forever once released: Kysely records them
 * in its own table and refuses to run when a recorded one disappears.
 */
function migrationsFor(dialect: DialectName): Record<string, Migration> {
  return {
    "001-foundation": foundation(dialect),
    "002-list-order": listOrder,
    "003-webhooks": webhooks(dialect),
    "004-administration": administration(dialect),
    "005-sessions": sessions(dialect),
    "006-oauth": oauth(dialect),
    "007-marketplace": marketplace(dialect),
    "008-manifests": manifests(dialect),
    "009-merge-settings": mergeSettings(dialect),
  };
}

/**
 * Brings a database to the latest schema. On PostgreSQL, `schema` names the schema hubcap lives in:
 * Kysely looks its bookkeeping tables up by introspection, and must not find another schema's.
 */
export async function migrateToLatest(
  db: Kysely<unknown>,
  dialect: DialectName,
  schema?: string,
): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrationsFor(dialect) };
  const migrator = new Migrator({ db, provider, ...(schema && { migrationTableSchema: schema }) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`database migration ${failed} failed: ${(error as Error).message ?? String(error)}`);
  }
}
