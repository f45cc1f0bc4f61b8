/** At most this many rows are kept, in all; a result of more rows than a page is never kept. */
const MAX_ROWS = 20_000;
const MAX_ROWS_PER_RESULT = 100;

/**
 * Tables written all the time whose rows nothing else is derived from: no trigger, no foreign key
 * points at them, nothing elsewhere counts them. A write to one of them drops only the results read
 * from it and leaves the generation as it is, so that the webhook deliverer, the rate limiter and token
 * minting do not empty the caches the API is served from. No answer kept by the generation (a route
 * marked `cached`) may read the first two; it may depend on an installation token, whose row never
 * changes once written (it is deleted instead) and which authentication reads afresh each request.
 */
const ISOLATED_TABLES: ReadonlySet<string> = new Set([
  "webhook_deliveries",
  "rate_limits",
  "installation_tokens",
]);

/**
 * The table a write statement changes (as Kysely writes them, or unquoted); undefined when not
 * recognised, which counts as a change to everything.
 */
export function tableWritten(sql: string): string | undefined {
  return /^\s*(?:insert\s+(?:or\s+\w+\s+)?into|update|delete\s+from)\s+"?(\w+)"?/i.exec(sql)?.[1];
}

/** Every table a read statement names (from and join clauses, subqueries included; quoted or not). */
function tablesRead(sql: string): string[] {
  return [...sql.matchAll(/\b(?:from|join)\s+"?(\w+)"?/gi)].map((match) => match[1]!);
}

/**
 * Results of read-only statements on the embedded store's connection, kept until a write changes them.
 * The file is this process's alone (open-store.ts), so only a write through the same executor can change
 * what was read, and the executor reports every one: a revoked token is refused on the very next
 * request, as without it. A hit costs a map lookup; a token lookup costs ~15 µs alone and several times
 * that in a busy server (measured with bench/).
 *
 * Kept rows are frozen: callers share them, and one that tried to change a row would fail loudly.
 */
export class ReadCache {
  /** SQL → the isolated tables it reads, and parameters → rows (`all`) or row (`first`; none: `NONE`). */
  private readonly entries = new Map<string, { isolated: string[]; results: Map<string, unknown> }>();
  private rows = 0;
  /** Counts writes beyond the isolated tables: see `generation()`. */
  private changes = 0;

  get(sql: string, key: string): unknown {
    return this.entries.get(sql)?.results.get(key);
  }

  set(sql: string, key: string, value: unknown): void {
    const count = Array.isArray(value) ? value.length : 1;
    if (count > MAX_ROWS_PER_RESULT) return;
    if (this.rows + count > MAX_ROWS) this.drop();
    let entry = this.entries.get(sql);
    if (entry === undefined) {
      const isolated = tablesRead(sql).filter((table) => ISOLATED_TABLES.has(table));
      this.entries.set(sql, (entry = { isolated, results: new Map() }));
    }
    entry.results.set(key, freeze(value));
    this.rows += count;
  }

  /**
   * Tables were written (undefined: which is not known). Writes to isolated tables drop what was read
   * from them; any other write drops everything and starts a new generation.
   */
  written(tables: Iterable<string | undefined>): void {
    const isolated: string[] = [];
    for (const table of tables) {
      if (table === undefined || !ISOLATED_TABLES.has(table)) {
        this.changes++;
        this.drop();
        return;
      }
      isolated.push(table);
    }
    if (isolated.length === 0) return;
    for (const [sql, entry] of this.entries) {
      if (!entry.isolated.some((table) => isolated.includes(table))) continue;
      this.entries.delete(sql);
      for (const value of entry.results.values()) this.rows -= Array.isArray(value) ? value.length : 1;
    }
  }

  /**
   * A number that stays the same while nothing stored has changed, but for the isolated tables (which
   * no answer kept by this number may read).
   */
  generation(): number {
    return this.changes;
  }

  private drop(): void {
    this.entries.clear();
    this.rows = 0;
  }
}

/** What `first` keeps when there is no row: a miss must not look like a hit of nothing. */
export const NONE = Symbol("no row");

function freeze(value: unknown): unknown {
  if (Array.isArray(value)) for (const row of value) Object.freeze(row);
  return Object.freeze(value);
}

/** Parameters as a map key: types matter to SQLite (1 and "1" may match different rows). */
export function parametersKey(parameters: readonly unknown[]): string | undefined {
  if (parameters.length === 1) {
    const only = parameters[0];
    if (typeof only === "string") return `s${only}`;
    if (typeof only === "number") return `n${only}`;
  }
  let key = "";
  for (const value of parameters) {
    if (typeof value === "string") key += `s${value.length}:${value}`;
    else if (typeof value === "number" || typeof value === "bigint") key += `n${value};`;
    else if (value === null) key += "z;";
    // Buffers and anything unusual: not worth a key.
    else return undefined;
  }
  return key;
}
