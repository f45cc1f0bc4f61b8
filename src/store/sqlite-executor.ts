import type BetterSqlite3 from "better-sqlite3";
import type { CompiledQuery } from "kysely";
import type { Executor } from "./executor.js";
import { NONE, parametersKey, ReadCache, tableWritten } from "./read-cache.js";

const STATEMENT_CACHE_LIMIT = 1000;

/**
 * Runs compiled queries on one better-sqlite3 connection. Statements are cached by SQL text. Each
 * statement is synchronous, but a transaction spans awaits, so while one is open every other caller
 * waits: otherwise another request's statement would run inside it on the shared connection.
 *
 * Reads outside transactions go through a `ReadCache`, told of every write here (a transaction's at
 * its end). Reads inside a transaction bypass it: they may see the transaction's own uncommitted rows.
 */
export class SqliteExecutor implements Executor {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  private locked = false;
  private waiting: Array<() => void> = [];
  private readonly inTransaction: Executor;
  private readonly cache = new ReadCache();
  /** The tables the open transaction has written to. */
  private readonly transactionWrites = new Set<string | undefined>();

  constructor(private readonly db: BetterSqlite3.Database) {
    const noted = <T>(q: CompiledQuery<unknown>, result: T): T => {
      if (!this.statement(q.sql).readonly) this.transactionWrites.add(tableWritten(q.sql));
      return result;
    };
    this.inTransaction = {
      all: async (q) => noted(q, this.doAll(q)),
      first: async (q) => noted(q, this.doFirst(q)),
      run: async (q) => noted(q, this.doRun(q)),
      transaction: (fn) => fn(this.inTransaction),
    };
  }

  async all<R>(q: CompiledQuery<R>): Promise<R[]> {
    if (this.locked) await this.unlocked();
    return this.cached(q, "a", () => this.doAll(q)) as R[];
  }

  async first<R>(q: CompiledQuery<R>): Promise<R | undefined> {
    if (this.locked) await this.unlocked();
    const row = this.cached(q, "f", () => this.doFirst(q) ?? NONE);
    return (row === NONE ? undefined : row) as R | undefined;
  }

  async run(q: CompiledQuery<unknown>): Promise<number> {
    if (this.locked) await this.unlocked();
    try {
      return this.doRun(q);
    } finally {
      this.cache.written([tableWritten(q.sql)]);
    }
  }

  /** Unknown while a transaction is open: its writes are not yet counted. */
  generation(): number | undefined {
    return this.locked ? undefined : this.cache.generation();
  }

  async transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    while (this.locked) await this.unlocked();
    this.locked = true;
    try {
      this.db.exec("BEGIN IMMEDIATE");
      try {
        const result = await fn(this.inTransaction);
        this.db.exec("COMMIT");
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec("ROLLBACK");
        throw error;
      }
    } finally {
      this.cache.written(this.transactionWrites);
      this.transactionWrites.clear();
      this.locked = false;
      const waiting = this.waiting;
      this.waiting = [];
      for (const wake of waiting) wake();
    }
  }

  private async unlocked(): Promise<void> {
    while (this.locked) await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private statement(sql: string): BetterSqlite3.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= STATEMENT_CACHE_LIMIT) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** A read-only statement's result from the cache, or read and kept; a write is reported to it. */
  private cached(q: CompiledQuery<unknown>, kind: "a" | "f", read: () => unknown): unknown {
    const statement = this.statement(q.sql);
    if (!statement.readonly) {
      try {
        return read();
      } finally {
        this.cache.written([tableWritten(q.sql)]);
      }
    }
    const key = parametersKey(q.parameters);
    if (key === undefined) return read();
    const kept = this.cache.get(q.sql, kind + key);
    if (kept !== undefined) return kept;
    const value = read();
    this.cache.set(q.sql, kind + key, value);
    return value;
  }

  private doAll<R>(q: CompiledQuery<R>): R[] {
    return this.statement(q.sql).all(...(q.parameters as unknown[])) as R[];
  }

  private doFirst<R>(q: CompiledQuery<R>): R | undefined {
    const statement = this.statement(q.sql);
    return (statement.reader ? statement.get(...(q.parameters as unknown[])) : undefined) as R | undefined;
  }

  private doRun(q: CompiledQuery<unknown>): number {
    const statement = this.statement(q.sql);
    if (statement.reader) return statement.all(...(q.parameters as unknown[])).length;
    return statement.run(...(q.parameters as unknown[])).changes;
  }
}
