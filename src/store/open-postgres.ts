import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { migrateToLatest } from "./migrations/index.js";
import { PgExecutor } from "./pg-executor.js";
import type { Database } from "./schema.js";
import { SqlStore } from "./sql-store.js";
import type { Store } from "./store.js";

export interface PostgresOptions {
  /** Connections per instance (default 10). */
  poolSize?: number;
  /** Longest a statement may run, in ms (default 10,000); a stuck query fails rather than holding a connection. */
  statementTimeoutMs?: number;
  /** Longest to wait for a connection, in ms (default 5,000). */
  connectTimeoutMs?: number;
}

export class StoreUnreachableError extends Error {}

/** bigint (int8) columns and count(*) as JavaScript numbers: every id, time and count stays below 2^53. */
const INT8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * Opens the PostgreSQL store: checks the database answers (a clear error otherwise), migrates it (Kysely
 * locks the migration, so instances starting together migrate once), and hands queries to a pool.
 */
export async function openPostgresStore(url: string, options: PostgresOptions = {}): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    statement_timeout: options.statementTimeoutMs ?? 10_000,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    types,
  });
  // An idle connection that the server drops must not crash the process: the next query reconnects.
  pool.on("error", () => {});
  let schema: string;
  try {
    schema = (await pool.query<{ schema: string }>("SELECT current_schema() AS schema")).rows[0]!.schema;
  } catch (error) {
    await pool.end().catch(() => {});
    const where = describe(url);
    throw new StoreUnreachableError(
      `cannot reach PostgreSQL at ${where}: ${(error as Error).message || (error as { code?: string }).code}`,
    );
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateToLatest(db as Kysely<unknown>, "postgres", schema);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return new SqlStore(db, new PgExecutor(pool), "postgres", () => db.destroy());
}

/** host:port/database, never the password. */
function describe(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return "(unparseable URL)";
  }
}
