import { chmodSync, closeSync, mkdirSync, openSync, statSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { migrateToLatest } from "./migrations/index.js";
import type { Database as Schema } from "./schema.js";
import { SqlStore } from "./sql-store.js";
import { SqliteExecutor } from "./sqlite-executor.js";
import { openPostgresStore, StoreUnreachableError, type PostgresOptions } from "./open-postgres.js";
import type { Store } from "./store.js";

/**
 * Opens the embedded store: one SQLite file (or `:memory:`), migrated to the latest schema. WAL with
 * synchronous=NORMAL survives a killed process without losing a committed transaction.
 *
 * The file is this process's alone (exclusive locking, taken at once and kept): several
 * instances share PostgreSQL instead. Nothing else can change the file while hubcap serves from it, so
 * what it read stays right until it writes (read-cache.ts), and no statement pays for file locks
 * (in WAL mode every statement would otherwise take and drop one on the shared-memory index).
 */
export async function openSqliteStore(path: string): Promise<Store> {
  if (path !== ":memory:") createPrivately(path);
  const sqlite = new Database(path);
  try {
    // A hubcap that is stopping has this long to let go of the file.
    sqlite.pragma("busy_timeout = 5000");
    // Before WAL is entered: then SQLite keeps the WAL index in this process's memory.
    sqlite.pragma("locking_mode = EXCLUSIVE");
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("foreign_keys = ON");
    // Takes the file now, and keeps it (locking_mode), rather than at the first write.
    sqlite.exec("BEGIN EXCLUSIVE; COMMIT");
  } catch (error) {
    sqlite.close();
    if ((error as { code?: string }).code === "SQLITE_BUSY")
      throw new StoreUnreachableError(
        `the SQLite store ${path} is in use by another process: an embedded store serves one hubcap (several instances share PostgreSQL)`,
      );
    throw error;
  }
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    await migrateToLatest(db as Kysely<unknown>, "sqlite");
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return new SqlStore(db, new SqliteExecutor(sqlite), "sqlite", () => db.destroy());
}

/**
 * The database holds every sealed secret's ciphertext, token hashes and password hashes: it is the
 * operator's alone, like secret.key beside it. SQLite gives its WAL and shared-memory files the mode of
 * the database file, so a database made 0600 before SQLite opens it keeps them 0600 too. A directory
 * hubcap makes is 0700; files an older hubcap left readable to others are tightened at each start.
 */
function createPrivately(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    closeSync(openSync(path, "wx", 0o600));
  } catch (error) {
    if ((error as { code?: string }).code !== "EEXIST") throw error;
  }
  for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) {
    try {
      const mode = statSync(file).mode & 0o777;
      if (mode & 0o077) chmodSync(file, mode & 0o700);
    } catch {
      // Absent (no WAL yet), or not the operator's to change: SQLite reports what matters as it opens.
    }
  }
}

export const isPostgresUrl = (location: string) => /^postgres(ql)?:\/\//.test(location);

/** `postgres://…` selects PostgreSQL; anything else is a SQLite path. */
export async function openStore(location: string, options: PostgresOptions = {}): Promise<Store> {
  return isPostgresUrl(location) ? openPostgresStore(location, options) : openSqliteStore(location);
}
