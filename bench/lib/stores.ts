import { copyFileSync, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { Build } from "./server.js";

/**
 * Where each server keeps its data: a SQLite file in the bench's directory, or a fresh schema of the
 * PostgreSQL database given with --db.
 */
export class Stores {
  private readonly schemas: string[] = [];

  constructor(
    private readonly dir: string,
    private readonly postgres: string | undefined,
  ) {}

  describe(): string {
    return this.postgres
      ? `PostgreSQL (${new URL(this.postgres).host}), a fresh schema per server`
      : "embedded SQLite";
  }

  get isPostgres(): boolean {
    return this.postgres !== undefined;
  }

  /**
   * A store for each build, filled by `fill` (which this build's domain runs). A SQLite store is filled
   * once and copied for each server, so every server starts on the same file; PostgreSQL schemas are
   * filled one by one. `fill`'s answer for the first store is returned (what it measured of the filling).
   */
  async prepare<T>(
    name: string,
    builds: readonly Build[],
    fill: (location: string) => Promise<T>,
  ): Promise<{ locations: Map<Build["name"], string>; filled: T }> {
    const locations = new Map<Build["name"], string>();
    if (!this.postgres) {
      const template = join(this.dir, `${name}.db`);
      const filled = await fill(template);
      for (const build of builds) {
        const copy = join(this.dir, `${name}-${build.name}.db`);
        copyFileSync(template, copy);
        // A store closed cleanly has checkpointed its write-ahead log; one left behind goes along.
        if (existsSync(`${template}-wal`)) copyFileSync(`${template}-wal`, `${copy}-wal`);
        if (build.name !== "current") forgetNewerMigrations(copy, build);
        locations.set(build.name, copy);
      }
      return { locations, filled };
    }
    let filled: T | undefined;
    for (const build of builds) {
      const location = await this.schema(`${name}_${build.name}`);
      const answer = await fill(location);
      filled ??= answer;
      locations.set(build.name, location);
    }
    return { locations, filled: filled as T };
  }

  private async schema(name: string): Promise<string> {
    const schema = `hubcap_bench_${name}_${process.pid}`;
    await this.sql([`DROP SCHEMA IF EXISTS ${schema} CASCADE`, `CREATE SCHEMA ${schema}`]);
    this.schemas.push(schema);
    const url = new URL(this.postgres!);
    url.searchParams.set("options", `-c search_path=${schema}`);
    return url.toString();
  }

  /** Drops the schemas made (SQLite files go with the bench's directory). */
  async drop(): Promise<void> {
    if (this.schemas.length === 0) return;
    await this.sql(this.schemas.map((schema) => `DROP SCHEMA IF EXISTS ${schema} CASCADE`));
  }

  private async sql(statements: string[]): Promise<void> {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: this.postgres });
    await client.connect();
    try {
      for (const statement of statements) await client.query(statement);
    } finally {
      await client.end();
    }
  }
}

/**
 * This checkout fills the store, so it records migrations an older baseline does not know, which that
 * baseline refuses to start on. Their columns and tables are additive: the baseline's copy forgets
 * their records (and so ignores them), and the two builds are measured on the same rows.
 */
function forgetNewerMigrations(file: string, build: Build): void {
  const known = readdirSync(join(build.root, "dist/store/migrations"))
    .filter((f) => f.endsWith(".js") && f !== "index.js")
    .map((f) => f.slice(0, -3));
  const db = new Database(file);
  try {
    const recorded = db.prepare("SELECT name FROM kysely_migration").pluck().all() as string[];
    const forget = db.prepare("DELETE FROM kysely_migration WHERE name = ?");
    for (const name of recorded) if (!known.includes(name)) forget.run(name);
  } finally {
    db.close();
  }
}
