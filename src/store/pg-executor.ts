import type { CompiledQuery } from "kysely";
import type pg from "pg";
import type { Executor } from "./executor.js";

type Queryable = Pick<pg.PoolClient, "query">;

/**
 * Runs compiled queries on a PostgreSQL pool. Outside a transaction each query takes any pooled
 * connection; a transaction holds one connection from BEGIN to COMMIT.
 */
export class PgExecutor implements Executor {
  constructor(
    private readonly pool: pg.Pool,
    private readonly client?: Queryable,
  ) {}

  private get target(): Queryable {
    return this.client ?? this.pool;
  }

  async all<R>(q: CompiledQuery<R>): Promise<R[]> {
    return (await this.target.query(q.sql, q.parameters as unknown[])).rows as R[];
  }

  async first<R>(q: CompiledQuery<R>): Promise<R | undefined> {
    return (await this.target.query(q.sql, q.parameters as unknown[])).rows[0] as R | undefined;
  }

  async run(q: CompiledQuery<unknown>): Promise<number> {
    const result = await this.target.query(q.sql, q.parameters as unknown[]);
    return result.command === "SELECT" ? result.rows.length : (result.rowCount ?? 0);
  }

  async transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    if (this.client) return fn(this);
    const client = await this.pool.connect();
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
      throw error;
    } finally {
      client.release(broken);
    }
  }
}
