import type { Kysely } from "kysely";
import type { Executor } from "../executor.js";
import type { Database } from "../schema.js";

export type Db = Kysely<Database>;
export type Row = Record<string, unknown>;
export type Dialect = "sqlite" | "postgres";

/**
 * What every aggregate's SQL implementation works with: the query builder, the executor that runs what
 * it compiles, and (inside a transaction) the hooks to run once it commits. Slices declare methods only,
 * no fields or constructor: `sql-store.ts` composes them onto one prototype over this base.
 */
export class SqlSlice {
  constructor(
    protected readonly db: Db,
    protected readonly ex: Executor,
    /** A few statements differ by engine (SKIP LOCKED). */
    readonly dialect: Dialect,
    /** Inside a transaction: what runs once it commits. Outside one, a write is committed when it returns. */
    protected readonly committed?: Array<() => void>,
  ) {}

  afterCommit(fn: () => void): void {
    if (this.committed) this.committed.push(fn);
    else fn();
  }
}

export const flag = (value: boolean) => (value ? 1 : 0);
