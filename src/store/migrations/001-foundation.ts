import type { Kysely } from "kysely";
import { columnTypes, type DialectName } from "../dialect.js";

/** The world (accounts, repositories, apps, installations), credentials and counters. */
export function foundation(dialect: DialectName) {
  const { int } = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("sequences")
        .addColumn("name", "text", (c) => c.primaryKey())
        .addColumn("next_id", int, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("settings")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("value", "text", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("accounts")
        .addColumn("id", int, (c) => c.primaryKey())
        .addColumn("login", "text", (c) => c.notNull())
        .addColumn("login_key", "text", (c) => c.notNull().unique())
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("name", "text")
        .addColumn("email", "text")
        .addColumn("site_admin", int, (c) => c.notNull().defaultTo(0))
        .addColumn("created_at", int, (c) => c.notNull())
        .addColumn("updated_at", int, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("org_members")
        .addColumn("org_id", int, (c) => c.notNull().references("accounts.id").onDelete("cascade"))
        .addColumn("user_id", int, (c) => c.notNull().references("accounts.id").onDelete("cascade"))
        .addColumn("role", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("org_members_pk", ["org_id", "user_id"])
        .execute();
      await db.schema.createIndex("org_members_user").on("org_members").column("user_id").execute();

      await db.schema
        .createTable("repositories")
        .addColumn("id", int, (c) => c.primaryKey())
        .addColumn("owner_id", int, (c) => c.notNull().references("accounts.id").onDelete("cascade"))
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("name_key", "text", (c) => c.notNull())
        .addColumn("private", int, (c) => c.notNull())
        .addColumn("description", "text")
        .addColumn("default_branch", "text", (c) => c.notNull())
        .addColumn("created_at", int, (c) => c.notNull())
        .addColumn("updated_at", int, (c) => c.notNull())
        .addColumn("pushed_at", int, (c) => c.notNull())
        .addUniqueConstraint("repositories_owner_name", ["owner_id", "name_key"])
        .execute();

      await db.schema
        .createTable("apps")
        .addColumn("id", int, (c) => c.primaryKey())
        .addColumn("slug", "text", (c) => c.notNull().unique())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("description", "text")
        .addColumn("external_url", "text", (c) => c.notNull())
        .addColumn("owner_id", int, (c) => c.notNull().references("accounts.id"))
        .addColumn("public", int, (c) => c.notNull())
        .addColumn("client_id", "text", (c) => c.notNull().unique())
        .addColumn("permissions", "text", (c) => c.notNull())
        .addColumn("events", "text", (c) => c.notNull())
        .addColumn("webhook_url", "text")
        .addColumn("webhook_secret", "text")
        .addColumn("installations_count", int, (c) => c.notNull().defaultTo(0))
        .addColumn("created_at", int, (c) => c.notNull())
        .addColumn("updated_at", int, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("app_keys")
        .addColumn("id", int, (c) => c.primaryKey())
        .addColumn("app_id", int, (c) => c.notNull().references("apps.id").onDelete("cascade"))
        .addColumn("fingerprint", "text", (c) => c.notNull())
        .addColumn("public_key_pem", "text", (c) => c.notNull())
        .addColumn("created_at", int, (c) => c.notNull())
        .addUniqueConstraint("app_keys_app_fingerprint", ["app_id", "fingerprint"])
        .execute();
      await db.schema
        .createTable("app_client_secrets")
        .addColumn("id", int, (c) => c.primaryKey())
        .addColumn("app_id", int, (c) => c.notNull().references("apps.id").onDelete("cascade"))
        .addColumn("secret_hash", "text", (c) => c.notNull().unique())
        .addColumn("last_eight", "text", (c) => c.notNull())
        .addColumn("created_at", int, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("app_client_secrets_app")
        .on("app_client_secrets")
        .column("app_id")
        .execute();

      await db.schema
        .createTable("installations")
        .addColumn("id", int, (c) => c.primaryKey())
        .addColumn("app_id", int, (c) => c.notNull().references("apps.id").onDelete("cascade"))
        .addColumn("account_id", int, (c) => c.notNull().references("accounts.id").onDelete("cascade"))
        .addColumn("repository_selection", "text", (c) => c.notNull())
        .addColumn("permissions", "text", (c) => c.notNull())
        .addColumn("events", "text", (c) => c.notNull())
        .addColumn("suspended_at", int)
        .addColumn("suspended_by_id", int, (c) => c.references("accounts.id").onDelete("set null"))
        .addColumn("created_at", int, (c) => c.notNull())
        .addColumn("updated_at", int, (c) => c.notNull())
        .addUniqueConstraint("installations_app_account", ["app_id", "account_id"])
        .execute();
      await db.schema.createIndex("installations_account").on("installations").column("account_id").execute();
      await db.schema
        .createIndex("installations_app_updated")
        .on("installations")
        .columns(["app_id", "updated_at"])
        .execute();
      await db.schema
        .createTable("installation_repositories")
        .addColumn("installation_id", int, (c) =>
          c.notNull().references("installations.id").onDelete("cascade"),
        )
        .addColumn("repository_id", int, (c) => c.notNull().references("repositories.id").onDelete("cascade"))
        .addPrimaryKeyConstraint("installation_repositories_pk", ["installation_id", "repository_id"])
        .execute();
      await db.schema
        .createIndex("installation_repositories_repo")
        .on("installation_repositories")
        .column("repository_id")
        .execute();

      await db.schema
        .createTable("installation_tokens")
        .addColumn("token_hash", "text", (c) => c.primaryKey())
        .addColumn("installation_id", int, (c) =>
          c.notNull().references("installations.id").onDelete("cascade"),
        )
        .addColumn("permissions", "text", (c) => c.notNull())
        .addColumn("repository_ids", "text")
        .addColumn("expires_at", int, (c) => c.notNull())
        .addColumn("created_at", int, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("installation_tokens_installation")
        .on("installation_tokens")
        .column("installation_id")
        .execute();
      await db.schema
        .createIndex("installation_tokens_expires")
        .on("installation_tokens")
        .column("expires_at")
        .execute();
      await db.schema
        .createTable("user_tokens")
        .addColumn("token_hash", "text", (c) => c.primaryKey())
        .addColumn("user_id", int, (c) => c.notNull().references("accounts.id").onDelete("cascade"))
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("scopes", "text", (c) => c.notNull())
        .addColumn("expires_at", int)
        .addColumn("created_at", int, (c) => c.notNull())
        .execute();
      await db.schema.createIndex("user_tokens_user").on("user_tokens").column("user_id").execute();

      await db.schema
        .createTable("rate_limits")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("reset_at", int, (c) => c.notNull())
        .addColumn("used", int, (c) => c.notNull())
        .execute();
    },
  };
}
