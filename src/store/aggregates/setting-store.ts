import { sql } from "kysely";
import { SqlSlice } from "./sql-slice.js";

/** Sequences that number the world's objects; each pinned id moves its sequence past it. */
export type IdKind =
  | "accounts"
  | "repositories"
  | "apps"
  | "app_keys"
  | "app_client_secrets"
  | "installations"
  | "hooks"
  | "webhook_deliveries"
  | "authorizations"
  | "marketplace_plans"
  | "marketplace_pending_changes"
  | "installation_requests"
  | "content_references"
  | "content_attachments"
  | "oauth_grants";

export interface SettingTables {
  sequences: { name: string; next_id: number };
  settings: { key: string; value: string };
}

/** Ids, settings, and the world as a whole. */
export interface SettingStore {
  allocateId(kind: IdKind): Promise<number>;
  reserveId(kind: IdKind, id: number): Promise<void>;

  getSetting(key: string): Promise<string | undefined>;
  setSetting(key: string, value: string): Promise<void>;
  /** Empties the world but for the given accounts (and their tokens), leaving the schema and settings. */
  resetWorld(keepAccountIds: number[]): Promise<void>;
}

const SEQUENCE_START: Record<IdKind, number> = {
  accounts: 1,
  repositories: 1,
  apps: 1,
  app_keys: 1,
  app_client_secrets: 1,
  installations: 1,
  hooks: 1,
  webhook_deliveries: 1,
  authorizations: 1,
  marketplace_plans: 1,
  marketplace_pending_changes: 1,
  installation_requests: 1,
  content_references: 1,
  content_attachments: 1,
  oauth_grants: 1,
};

export class SqlSettingStore extends SqlSlice implements SettingStore {
  async allocateId(kind: IdKind): Promise<number> {
    const row = await this.ex.first(
      this.db
        .updateTable("sequences")
        .set({ next_id: sql`next_id + 1` })
        .where("name", "=", kind)
        .returning("next_id")
        .compile(),
    );
    if (row) return row.next_id - 1;
    await this.ex.run(
      this.db
        .insertInto("sequences")
        .values({ name: kind, next_id: SEQUENCE_START[kind] })
        .onConflict((oc) => oc.column("name").doNothing())
        .compile(),
    );
    return this.allocateId(kind);
  }

  async reserveId(kind: IdKind, id: number): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("sequences")
        .values({ name: kind, next_id: Math.max(id + 1, SEQUENCE_START[kind]) })
        .onConflict((oc) =>
          oc.column("name").doUpdateSet({
            next_id: sql`CASE WHEN sequences.next_id > ${id} THEN sequences.next_id ELSE ${id + 1} END`,
          }),
        )
        .compile(),
    );
  }

  async getSetting(key: string): Promise<string | undefined> {
    const row = await this.ex.first(
      this.db.selectFrom("settings").select("value").where("key", "=", key).compile(),
    );
    return row?.value;
  }

  async setSetting(key: string, value: string): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("settings")
        .values({ key, value })
        .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
        .compile(),
    );
  }

  async resetWorld(keepAccountIds: number[]): Promise<void> {
    const keep = keepAccountIds.length > 0 ? keepAccountIds : [-1];
    // Children first, so the order holds on engines that check foreign keys per statement.
    for (const table of [
      "app_manifest_codes",
      "app_manifests",
      "oauth_device_codes",
      "oauth_codes",
      "user_access_tokens",
      "oauth_grants",
      "content_attachments",
      "content_references",
      "installation_requests",
      "marketplace_purchases",
      "marketplace_plans",
      "app_content_reference_domains",
      "webhook_deliveries",
      "installation_tokens",
      "installation_repositories",
      "installations",
      "app_client_secrets",
      "app_keys",
      "apps",
      "repository_collaborators",
      "repositories",
      "org_members",
      "rate_limits",
    ] as const) {
      await this.ex.run(this.db.deleteFrom(table).compile());
    }
    await this.ex.run(this.db.deleteFrom("user_tokens").where("user_id", "not in", keep).compile());
    await this.ex.run(this.db.deleteFrom("accounts").where("id", "not in", keep).compile());
  }
}
