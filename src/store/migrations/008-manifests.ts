import type { Kysely } from "kysely";
import { columnTypes, type DialectName } from "../dialect.js";

/**
 * The manifest flow (https://docs.github.com/apps/sharing-github-apps/registering-a-github-app-from-a-manifest):
 * manifests posted by another site and waiting for a signed-in person to confirm them, and the one-time
 * codes an app exchanges for its credentials. Both are kept by a SHA-256 hash of their id, never the id.
 */
export function manifests(dialect: DialectName) {
  const { int } = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("app_manifests")
        .addColumn("id_hash", "text", (c) => c.primaryKey())
        .addColumn("manifest", "text", (c) => c.notNull())
        .addColumn("state", "text")
        // The organization it was posted for; null: the account of whoever confirms it.
        .addColumn("owner_id", int, (c) => c.references("accounts.id").onDelete("cascade"))
        .addColumn("created_at", int, (c) => c.notNull())
        .addColumn("expires_at", int, (c) => c.notNull())
        .execute();
      await db.schema.createIndex("app_manifests_expires").on("app_manifests").column("expires_at").execute();
      await db.schema
        .createTable("app_manifest_codes")
        .addColumn("code_hash", "text", (c) => c.primaryKey())
        .addColumn("app_id", int, (c) => c.notNull().references("apps.id").onDelete("cascade"))
        .addColumn("creator_id", int, (c) => c.notNull().references("accounts.id").onDelete("cascade"))
        .addColumn("created_at", int, (c) => c.notNull())
        .addColumn("expires_at", int, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("app_manifest_codes_expires")
        .on("app_manifest_codes")
        .column("expires_at")
        .execute();
    },
  };
}
