import type { Kysely } from "kysely";
import { columnTypes, type DialectName } from "../dialect.js";

/**
 * A repository's pull-request merge settings (domain/merge-settings.ts), one column each under
 * GitHub's name; existing repositories get GitHub's defaults. Flags are integers, as `private` is.
 * Written out rather than read from the domain: a released migration never changes.
 */
const COLUMNS: Array<[string, boolean | string]> = [
  ["allow_rebase_merge", true],
  ["allow_squash_merge", true],
  ["allow_merge_commit", true],
  ["allow_auto_merge", false],
  ["delete_branch_on_merge", false],
  ["allow_update_branch", false],
  ["use_squash_pr_title_as_default", false],
  ["squash_merge_commit_title", "COMMIT_OR_PR_TITLE"],
  ["squash_merge_commit_message", "COMMIT_MESSAGES"],
  ["merge_commit_title", "MERGE_MESSAGE"],
  ["merge_commit_message", "PR_TITLE"],
  ["web_commit_signoff_required", false],
];

export function mergeSettings(dialect: DialectName) {
  const { int } = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const [name, value] of COLUMNS) {
        await db.schema
          .alterTable("repositories")
          .addColumn(name, typeof value === "boolean" ? int : "text", (c) =>
            c.notNull().defaultTo(typeof value === "boolean" ? Number(value) : value),
          )
          .execute();
      }
    },
  };
}
