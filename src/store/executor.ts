import type { CompiledQuery, Compilable, Kysely } from "kysely";
import type { Database } from "./schema.js";

/**
 * How a compiled query reaches an engine. Queries are built with Kysely (so each dialect gets its own
 * SQL), but run here rather than through Kysely's driver: building a query costs ~7 µs and Kysely's
 * driver another ~11 µs, against 2.3 µs for a cached better-sqlite3 statement (measured on this
 * machine), and the hot paths run several queries per request.
 */
export interface Executor {
  all<R>(query: CompiledQuery<R>): Promise<R[]>;
  first<R>(query: CompiledQuery<R>): Promise<R | undefined>;
  run(query: CompiledQuery<unknown>): Promise<number>;
  /** Runs `fn` in one transaction; nested calls join the outer one. */
  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T>;
  /** See `Store.generation`; absent where it cannot be known cheaply. */
  generation?(): number | undefined;
}

const PARAM = Symbol("param");
interface Placeholder {
  [PARAM]: string;
}

/**
 * A query whose SQL is compiled once per dialect and re-used with new parameter values. The builder
 * receives placeholders; each becomes one bound parameter, found again by identity after compiling.
 */
export function prepared<P extends Record<string, unknown>, R>(
  build: (db: Kysely<Database>, p: { [K in keyof P]: P[K] }) => Compilable<R>,
): (db: Kysely<Database>, params: P) => CompiledQuery<R> {
  const compiled = new WeakMap<
    Kysely<Database>,
    { sql: string; names: string[]; template: CompiledQuery<R> }
  >();
  return (db, params) => {
    let entry = compiled.get(db);
    if (!entry) {
      const holders = new Proxy({} as Record<string, Placeholder>, {
        get: (cache, name: string) => (cache[name] ??= { [PARAM]: name }),
      });
      const template = build(db, holders as never).compile();
      const names = template.parameters.map((value) => {
        const name = (value as Placeholder | undefined)?.[PARAM];
        if (name === undefined) throw new Error(`prepared query has a literal parameter: ${template.sql}`);
        return name;
      });
      entry = { sql: template.sql, names, template };
      compiled.set(db, entry);
    }
    const parameters = entry.names.map((name) => params[name]);
    return {
      query: entry.template.query,
      queryId: entry.template.queryId,
      sql: entry.sql,
      parameters,
    } as CompiledQuery<R>;
  };
}

/**
 * A prepared query whose LIMIT and OFFSET are written into the SQL: SQLite plans a bound `LIMIT ?` far
 * worse (27 µs against 7 µs for one indexed row, measured here). Compiled once per page shape; the
 * values are integers checked here, never text from a request.
 */
export function preparedPage<P extends Record<string, unknown>, R>(
  build: (
    db: Kysely<Database>,
    p: { [K in keyof P]: P[K] },
    page: { limit: number; offset: number },
  ) => Compilable<R>,
): (db: Kysely<Database>, params: P, page: { limit: number; offset: number }) => CompiledQuery<R> {
  const shapes = new Map<string, ReturnType<typeof prepared<P, R>>>();
  return (db, params, page) => {
    const limit = Math.max(0, Math.trunc(page.limit));
    const offset = Math.max(0, Math.trunc(page.offset));
    if (!Number.isSafeInteger(limit) || !Number.isSafeInteger(offset)) throw new Error("page out of range");
    const key = `${limit}/${offset}`;
    let query = shapes.get(key);
    if (!query) {
      if (shapes.size >= 256) shapes.clear();
      query = prepared<P, R>((db, p) => build(db, p, { limit, offset }));
      shapes.set(key, query);
    }
    return query(db, params);
  };
}
