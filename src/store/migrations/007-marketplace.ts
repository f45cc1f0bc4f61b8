import type { Kysely } from "kysely";
import { columnTypes, type DialectName } from "../dialect.js";

/**
 * What apps sell and hear beyond installations: Marketplace listings (plans) and the accounts' purchases
 * of them, installation requests from organization members, and content references (links to an app's
 * declared domains) with the attachments apps answer them with.
 */
export function marketplace(dialect: DialectName) {
  const { int } = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("marketplace_plans")
        .addColumn("id", int, (c) => c.primaryKey())
        .addColumn("app_id", int, (c) => c.notNull().references("apps.id").onDelete("cascade"))
        .addColumn("number", int, (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("description", "text", (c) => c.notNull())
        .addColumn("monthly_price_in_cents", int, (c) => c.notNull())
        .addColumn("yearly_price_in_cents", int, (c) => c.notNull())
        .addColumn("price_model", "text", (c) => c.notNull())
        .addColumn("unit_name", "text")
        .addColumn("has_free_trial", int, (c) => c.notNull())
        .addColumn("bullets", "text", (c) => c.notNull())
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("created_at", int, (c) => c.notNull())
        .addColumn("updated_at", int, (c) => c.notNull())
        .addUniqueConstraint("marketplace_plans_number", ["app_id", "number"])
        .execute();
      await db.schema
        .createTable("marketplace_purchases")
        .addColumn("app_id", int, (c) => c.notNull().references("apps.id").onDelete("cascade"))
        .addColumn("account_id", int, (c) => c.notNull().references("accounts.id").onDelete("cascade"))
        .addColumn("plan_id", int, (c) => c.notNull().references("marketplace_plans.id").onDelete("cascade"))
        .addColumn("billing_cycle", "text", (c) => c.notNull())
        .addColumn("unit_count", int, (c) => c.notNull())
        .addColumn("on_free_trial", int, (c) => c.notNull())
        .addColumn("free_trial_ends_on", int)
        .addColumn("next_billing_date", int)
        .addColumn("pending_id", int)
        .addColumn("pending_plan_id", int, (c) => c.references("marketplace_plans.id").onDelete("cascade"))
        .addColumn("pending_unit_count", int)
        .addColumn("pending_billing_cycle", "text")
        .addColumn("pending_effective_date", int)
        .addColumn("created_at", int, (c) => c.notNull())
        .addColumn("updated_at", int, (c) => c.notNull())
        .addPrimaryKeyConstraint("marketplace_purchases_pk", ["app_id", "account_id"])
        .execute();
      await db.schema
        .createIndex("marketplace_purchases_plan")
        .on("marketplace_purchases")
        .columns(["plan_id", "created_at"])
        .execute();
      await db.schema
        .createIndex("marketplace_purchases_account")
        .on("marketplace_purchases")
        .column("account_id")
        .execute();
      await db.schema
        .createTable("installation_requests")
        .addColumn("id", int, (c) => c.primaryKey())
        .addColumn("app_id", int, (c) => c.notNull().references("apps.id").onDelete("cascade"))
        .addColumn("account_id", int, (c) => c.notNull().references("accounts.id").onDelete("cascade"))
        .addColumn("requester_id", int, (c) => c.notNull().references("accounts.id").onDelete("cascade"))
        .addColumn("created_at", int, (c) => c.notNull())
        .addUniqueConstraint("installation_requests_unique", ["app_id", "account_id", "requester_id"])
        .execute();
      await db.schema
        .createTable("app_content_reference_domains")
        .addColumn("app_id", int, (c) => c.notNull().references("apps.id").onDelete("cascade"))
        .addColumn("domain", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("app_content_reference_domains_pk", ["app_id", "domain"])
        .execute();
      await db.schema
        .createTable("content_references")
        .addColumn("id", int, (c) => c.primaryKey())
        .addColumn("installation_id", int, (c) =>
          c.notNull().references("installations.id").onDelete("cascade"),
        )
        .addColumn("repository_id", int, (c) => c.notNull().references("repositories.id").onDelete("cascade"))
        .addColumn("reference", "text", (c) => c.notNull())
        .addColumn("created_at", int, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("content_attachments")
        .addColumn("id", int, (c) => c.primaryKey())
        .addColumn("content_reference_id", int, (c) =>
          c.notNull().references("content_references.id").onDelete("cascade"),
        )
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("body", "text", (c) => c.notNull())
        .addColumn("created_at", int, (c) => c.notNull())
        .execute();
    },
  };
}
