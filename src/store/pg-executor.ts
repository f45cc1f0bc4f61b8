import type { CompiledQuery } from "kysely";
import type pg from "pg";
import type { Executor } from "./executor.js";
import { translated } from "./outage.js";
import { pgParameters } from "./pg-parameters.js";

type Queryable = Pick<pg.PoolClient, "query">;

/**
 * Runs compiled queries on a PostgreSQL pool. Outside a transaction each query takes any pooled
 * connection; a transaction holds one connection from BEGIN to COMMIT. Every failure passes through
 * `outage`, so a database that is not there is the domain's `UnavailableError` (503), never a bug.
 */
export class PgExecutor implements Executor {
  constructor(
    private readonly pool: pg.Pool,
    private readonly client?: Queryable,
  ) {}

  private get target(): Queryable {
    return this.client ?? this.pool;
  }

  private query(q: CompiledQuery<unknown>): Promise<pg.QueryResult> {
    return this.target.query(q.sql, pgParameters(q.parameters)).catch(translated);
  }

  async all<R>(q: CompiledQuery<R>): Promise<R[]> {
    return (await this.query(q)).rows as R[];
  }

  async first<R>(q: CompiledQuery<R>): Promise<R | undefined> {
    return (await this.query(q)).rows[0] as R | undefined;
  }

  async run(q: CompiledQuery<unknown>): Promise<number> {
    const result = await this.query(q);
    return result.command === "SELECT" ? result.rows.length : (result.rowCount ?? 0);
  }

  async transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    if (this.client) return fn(this);
    // A pool that finds no connection in time ("timeout exceeded when trying to connect") is an outage.
    const client = await this.pool.connect().catch(translated);
    let broken = false;
    try {
      await client.query("BEGIN");
      const result = await fn(new PgExecutor(this.pool, client));
      await client.query("COMMIT");
      return result;
    } catch (error) {
      try {
        await client.query("ROLLBACK");
      } catch {
        broken = true; // the connection itself failed: do not return it to the pool
      }
      return translated(error);
    } finally {
      client.release(broken);
    }
  }
}
