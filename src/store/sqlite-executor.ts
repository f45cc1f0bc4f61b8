import type BetterSqlite3 from "better-sqlite3";
import type { CompiledQuery } from "kysely";
import type { Executor } from "./executor.js";

const STATEMENT_CACHE_LIMIT = 1000;

/**
 * Runs compiled queries on one better-sqlite3 connection. Statements are cached by SQL text. Each
 * statement is synchronous, but a transaction spans awaits, so while one is open every other caller
 * waits: otherwise another request's statement would run inside it on the shared connection.
 */
export class SqliteExecutor implements Executor {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  private locked = false;
  private waiting: Array<() => void> = [];
  private readonly inTransaction: Executor;

  constructor(private readonly db: BetterSqlite3.Database) {
    this.inTransaction = {
      all: async (q) => this.doAll(q),
      first: async (q) => this.doFirst(q),
      run: async (q) => this.doRun(q),
      transaction: (fn) => fn(this.inTransaction),
    };
  }

  async all<R>(q: CompiledQuery<R>): Promise<R[]> {
    if (this.locked) await this.unlocked();
    return this.doAll(q);
  }

  async first<R>(q: CompiledQuery<R>): Promise<R | undefined> {
    if (this.locked) await this.unlocked();
    return this.doFirst(q);
  }

  async run(q: CompiledQuery<unknown>): Promise<number> {
    if (this.locked) await this.unlocked();
    return this.doRun(q);
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
