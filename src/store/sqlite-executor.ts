import type BetterSqlite3 from "better-sqlite3";
import type { CompiledQuery } from "kysely";
import type { Executor } from "./executor.js";
import { outage } from "./outage.js";
import { NONE, parametersKey, ReadCache, tableWritten } from "./read-cache.js";

const STATEMENT_CACHE_LIMIT = 1000;

/**
 * Runs compiled queries on one better-sqlite3 connection. Statements are cached by SQL text. Each
 * statement is synchronous, but a transaction spans awaits, so while one is open every other caller
 * waits: otherwise another request's statement would run inside it on the shared connection.
 *
 * Reads outside transactions go through a `ReadCache`, told of every write here (a transaction's at
 * its end). Reads inside a transaction bypass it: they may see the transaction's own uncommitted rows.
 *
 * Every failure passes through `outage`: a file another process holds past busy_timeout (SQLITE_BUSY) is
 * the domain's `UnavailableError` (503), never a bug.
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
    this.inTransaction = {
      all: async <R>(q: CompiledQuery<R>) => this.execute(q, all, true) as R[],
      first: async <R>(q: CompiledQuery<R>) => this.execute(q, first, true) as R | undefined,
      run: async (q) => this.execute(q, run, true),
      transaction: (fn) => fn(this.inTransaction),
    };
  }

  async all<R>(q: CompiledQuery<R>): Promise<R[]> {
    if (this.locked) await this.unlocked();
    return this.readThrough(q, "a", all) as R[];
  }

  async first<R>(q: CompiledQuery<R>): Promise<R | undefined> {
    if (this.locked) await this.unlocked();
    const row = this.readThrough(q, "f", firstOrNone);
    return (row === NONE ? undefined : row) as R | undefined;
  }

  async run(q: CompiledQuery<unknown>): Promise<number> {
    if (this.locked) await this.unlocked();
    return this.execute(q, run, false);
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
    } catch (error) {
      throw outage(error);
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
      try {
        statement = this.db.prepare(sql);
      } catch (error) {
        throw outage(error);
      }
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** A read-only statement's result from the cache, or read and kept; anything else is executed. */
  private readThrough<T>(q: CompiledQuery<unknown>, kind: "a" | "f", how: Execution<T>): T {
    const statement = this.statement(q.sql);
    const key = statement.readonly ? parametersKey(q.parameters) : undefined;
    if (key === undefined) return this.execute(q, how, false, statement);
    const kept = this.cache.get(q.sql, kind + key);
    if (kept !== undefined) return kept as T;
    let value: T;
    try {
      value = how(statement, q.parameters);
    } catch (error) {
      throw outage(error);
    }
    this.cache.set(q.sql, kind + key, value);
    return value;
  }

  /** Runs a statement; a write is reported to the cache, at once or when its transaction ends. */
  private execute<T>(
    q: CompiledQuery<unknown>,
    how: Execution<T>,
    inTransaction: boolean,
    statement = this.statement(q.sql),
  ): T {
    try {
      if (statement.readonly) return how(statement, q.parameters);
      const table = tableWritten(q.sql);
      try {
        return how(statement, q.parameters);
      } finally {
        if (inTransaction) this.transactionWrites.add(table);
        else this.cache.written([table]);
      }
    } catch (error) {
      throw outage(error);
    }
  }
}

type Execution<T> = (statement: BetterSqlite3.Statement, parameters: readonly unknown[]) => T;

const all: Execution<unknown[]> = (statement, parameters) => statement.all(...parameters);
// A statement that returns no rows answers undefined without running (no caller asks that of `first`).
const first: Execution<unknown> = (statement, parameters) =>
  statement.reader ? statement.get(...parameters) : undefined;
const firstOrNone: Execution<unknown> = (statement, parameters) => first(statement, parameters) ?? NONE;
const run: Execution<number> = (statement, parameters) =>
  statement.reader ? statement.all(...parameters).length : statement.run(...parameters).changes;
