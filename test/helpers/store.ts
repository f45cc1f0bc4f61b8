import { randomBytes } from "node:crypto";
import { join } from "node:path";
import pg from "pg";
import { inject } from "vitest";

/** Which store this test run exercises: the vitest project sets it. */
export const TEST_STORE = process.env.HUBCAP_TEST_STORE === "postgres" ? "postgres" : "sqlite";

/**
 * A fresh, empty store location for one hubcap: on SQLite an in-memory store (or a file in `dir` when
 * one is given); on PostgreSQL a new schema of the run's cluster.
 */
export async function freshStore(dir?: string): Promise<string> {
  if (TEST_STORE === "sqlite")
    return dir ? join(dir, `hubcap-${randomBytes(4).toString("hex")}.db`) : ":memory:";
  const base = inject("postgresUrl");
  const schema = `hubcap_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await client.end();
  }
  const url = new URL(base);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return url.toString();
}
