import type { Kysely } from "kysely";
import { columnTypes, type DialectName } from "../dialect.js";

/**
 * What administering a world needs: repository collaborators (who, besides the owner and an
 * organization's people, may act in a repository) and authorization details of user tokens
 * (impersonation tokens are listed and revoked as authorizations, by id).
 */
export function administration(dialect: DialectName) {
  const { int } = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("repository_collaborators")
        .addColumn("repository_id", int, (c) => c.notNull().references("repositories.id").onDelete("cascade"))
        .addColumn("user_id", int, (c) => c.notNull().references("accounts.id").onDelete("cascade"))
        .addColumn("permission", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("repository_collaborators_pk", ["repository_id", "user_id"])
        .execute();
      await db.schema
        .createIndex("repository_collaborators_user")
        .on("repository_collaborators")
        .column("user_id")
        .execute();
      await db.schema.alterTable("user_tokens").addColumn("authorization_id", int).execute();
      await db.schema.alterTable("user_tokens").addColumn("note", "text").execute();
      await db.schema.alterTable("user_tokens").addColumn("last_eight", "text").execute();
    },
  };
}
