import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { migrateToLatest } from "./migrations/index.js";
import type { Database as Schema } from "./schema.js";
import { SqlStore } from "./sql-store.js";
import { SqliteExecutor } from "./sqlite-executor.js";
import { openPostgresStore, type PostgresOptions } from "./open-postgres.js";
import type { Store } from "./store.js";

/**
 * Opens the embedded store: one SQLite file (or `:memory:`), migrated to the latest schema. WAL with
 * synchronous=NORMAL survives a killed process without losing a committed transaction.
 */
export async function openSqliteStore(path: string): Promise<Store> {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    await migrateToLatest(db as Kysely<unknown>, "sqlite");
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return new SqlStore(db, new SqliteExecutor(sqlite), "sqlite", () => db.destroy());
}

export const isPostgresUrl = (location: string) => /^postgres(ql)?:\/\//.test(location);

/** `postgres://…` selects PostgreSQL; anything else is a SQLite path. */
export async function openStore(location: string, options: PostgresOptions = {}): Promise<Store> {
  return isPostgresUrl(location) ? openPostgresStore(location, options) : openSqliteStore(location);
}
