import type { Kysely } from "kysely";

/**
 * Lists are ordered by id: installations within an app, repositories within an owner. Without these
 * indexes the database sorts or scans every row of the app or owner for each page (100,000
 * installations in the benchmark's large world).
 */
export const listOrder = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createIndex("installations_app_id")
      .on("installations")
      .columns(["app_id", "id"])
      .execute();
    await db.schema
      .createIndex("repositories_owner_id")
      .on("repositories")
      .columns(["owner_id", "id"])
      .execute();
  },
};
