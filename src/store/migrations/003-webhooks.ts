import type { Kysely } from "kysely";
import { columnTypes, type DialectName } from "../dialect.js";

/** App webhook configuration, and the outbox of deliveries (written in the transaction of each change). */
export function webhooks(dialect: DialectName) {
  const { int } = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable("apps")
        .addColumn("webhook_content_type", "text", (c) => c.notNull().defaultTo("json"))
        .execute();
      await db.schema
        .alterTable("apps")
        .addColumn("webhook_insecure_ssl", "text", (c) => c.notNull().defaultTo("0"))
        .execute();
      await db.schema
        .alterTable("apps")
        .addColumn("webhook_active", int, (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.alterTable("apps").addColumn("hook_id", int).execute();
      await db.schema
        .createTable("webhook_deliveries")
        .addColumn("id", int, (c) => c.primaryKey())
        .addColumn("guid", "text", (c) => c.notNull())
        .addColumn("app_id", int, (c) => c.notNull().references("apps.id").onDelete("cascade"))
        .addColumn("hook_id", int, (c) => c.notNull())
        .addColumn("installation_id", int)
        .addColumn("repository_id", int)
        .addColumn("event", "text", (c) => c.notNull())
        .addColumn("action", "text")
        .addColumn("payload", "text", (c) => c.notNull())
        .addColumn("redelivery", int, (c) => c.notNull())
        // pending → delivering (claimed by one worker) → done
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("claimed_by", "text")
        .addColumn("claimed_at", int)
        .addColumn("url", "text")
        .addColumn("delivered_at", int)
        .addColumn("duration", "real")
        .addColumn("status", "text")
        .addColumn("status_code", int)
        .addColumn("request_headers", "text")
        .addColumn("response_headers", "text")
        .addColumn("response_body", "text")
        .addColumn("created_at", int, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("webhook_deliveries_state")
        .on("webhook_deliveries")
        .columns(["state", "id"])
        .execute();
      await db.schema
        .createIndex("webhook_deliveries_app")
        .on("webhook_deliveries")
        .columns(["app_id", "id"])
        .execute();
    },
  };
}
