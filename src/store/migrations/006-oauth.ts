import type { Kysely } from "kysely";
import { columnTypes, type DialectName } from "../dialect.js";

/**
 * Signing in with GitHub: an app's OAuth settings, the grants people give apps, the user access tokens
 * (`ghu_`, with `ghr_` refresh tokens) issued under them, and the short-lived codes of the web and device
 * flows. Every secret is stored as a hash.
 */
export function oauth(dialect: DialectName) {
  const { int } = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable("apps")
        .addColumn("callback_urls", "text", (c) => c.notNull().defaultTo("[]"))
        .execute();
      // On by default, as on GitHub ("Expire user authorization tokens").
      await db.schema
        .alterTable("apps")
        .addColumn("expire_user_tokens", int, (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema
        .alterTable("apps")
        .addColumn("device_flow_enabled", int, (c) => c.notNull().defaultTo(0))
        .execute();

      await db.schema
        .createTable("oauth_grants")
        .addColumn("id", int, (c) => c.primaryKey())
        .addColumn("user_id", int, (c) => c.notNull().references("accounts.id").onDelete("cascade"))
        .addColumn("app_id", int, (c) => c.notNull().references("apps.id").onDelete("cascade"))
        .addColumn("created_at", int, (c) => c.notNull())
        .addUniqueConstraint("oauth_grants_user_app", ["user_id", "app_id"])
        .execute();
      await db.schema.createIndex("oauth_grants_app").on("oauth_grants").column("app_id").execute();

      await db.schema
        .createTable("user_access_tokens")
        .addColumn("id", int, (c) => c.primaryKey())
        .addColumn("token_hash", "text", (c) => c.notNull().unique())
        .addColumn("refresh_token_hash", "text", (c) => c.unique())
        .addColumn("grant_id", int, (c) => c.notNull().references("oauth_grants.id").onDelete("cascade"))
        .addColumn("last_eight", "text", (c) => c.notNull())
        .addColumn("expires_at", int)
        .addColumn("refresh_expires_at", int)
        // A scoped token: the account whose installation it is narrowed to, and what of it.
        .addColumn("target_id", int, (c) => c.references("accounts.id").onDelete("cascade"))
        .addColumn("repository_ids", "text")
        .addColumn("permissions", "text")
        .addColumn("created_at", int, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("user_access_tokens_grant")
        .on("user_access_tokens")
        .column("grant_id")
        .execute();

      await db.schema
        .createTable("oauth_codes")
        .addColumn("code_hash", "text", (c) => c.primaryKey())
        .addColumn("app_id", int, (c) => c.notNull().references("apps.id").onDelete("cascade"))
        .addColumn("grant_id", int, (c) => c.notNull().references("oauth_grants.id").onDelete("cascade"))
        .addColumn("redirect_uri", "text")
        .addColumn("code_challenge", "text")
        .addColumn("expires_at", int, (c) => c.notNull())
        .addColumn("created_at", int, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("oauth_device_codes")
        .addColumn("device_code_hash", "text", (c) => c.primaryKey())
        .addColumn("user_code", "text", (c) => c.notNull().unique())
        .addColumn("app_id", int, (c) => c.notNull().references("apps.id").onDelete("cascade"))
        // pending → authorized (grant_id set) or denied
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("grant_id", int, (c) => c.references("oauth_grants.id").onDelete("cascade"))
        .addColumn("interval", int, (c) => c.notNull())
        .addColumn("last_polled_at", int)
        .addColumn("expires_at", int, (c) => c.notNull())
        .addColumn("created_at", int, (c) => c.notNull())
        .execute();
    },
  };
}
