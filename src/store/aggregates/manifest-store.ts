import { SqlSlice } from "./sql-slice.js";

export interface ManifestTables {
  app_manifests: {
    id_hash: string;
    manifest: string;
    state: string | null;
    owner_id: number | null;
    created_at: number;
    expires_at: number;
  };
  app_manifest_codes: {
    code_hash: string;
    app_id: number;
    creator_id: number;
    created_at: number;
    expires_at: number;
  };
}

/** A manifest another site posted, kept until a signed-in person confirms or cancels it. */
export interface PendingManifest {
  /** The manifest as posted (JSON), checked when it arrived. */
  manifest: string;
  state: string | null;
  /** The organization it was posted for; null when it is for the account of whoever confirms it. */
  ownerId: number | null;
  createdAt: number;
  expiresAt: number;
}

/** What a manifest code is exchanged for: the app created, by whom. */
export interface ManifestCode {
  appId: number;
  creatorId: number;
  createdAt: number;
  expiresAt: number;
}

/** The manifest flow (migration 008): posted manifests awaiting confirmation, and one-time codes. */
export interface ManifestStore {
  insertPendingManifest(manifest: PendingManifest & { idHash: string }): Promise<void>;
  findPendingManifest(idHash: string): Promise<PendingManifest | undefined>;
  deletePendingManifest(idHash: string): Promise<boolean>;
  deleteExpiredPendingManifests(before: number): Promise<number>;
  /** How many posted manifests are still waiting at `now` (the cap on what anonymous posts may keep). */
  countPendingManifests(now: number): Promise<number>;
  insertManifestCode(code: ManifestCode & { codeHash: string }): Promise<void>;
  /** Removes a code and returns what it was for, in one statement: a code is used at most once. */
  takeManifestCode(codeHash: string): Promise<ManifestCode | undefined>;
  deleteExpiredManifestCodes(before: number): Promise<number>;
}

export class SqlManifestStore extends SqlSlice implements ManifestStore {
  async insertPendingManifest(m: PendingManifest & { idHash: string }): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("app_manifests")
        .values({
          id_hash: m.idHash,
          manifest: m.manifest,
          state: m.state,
          owner_id: m.ownerId,
          created_at: m.createdAt,
          expires_at: m.expiresAt,
        })
        .compile(),
    );
  }

  async findPendingManifest(idHash: string): Promise<PendingManifest | undefined> {
    const row = await this.ex.first(
      this.db.selectFrom("app_manifests").selectAll().where("id_hash", "=", idHash).compile(),
    );
    return (
      row && {
        manifest: row.manifest,
        state: row.state,
        ownerId: row.owner_id,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
      }
    );
  }

  async deletePendingManifest(idHash: string): Promise<boolean> {
    return (
      (await this.ex.run(this.db.deleteFrom("app_manifests").where("id_hash", "=", idHash).compile())) > 0
    );
  }

  async deleteExpiredPendingManifests(before: number): Promise<number> {
    return this.ex.run(this.db.deleteFrom("app_manifests").where("expires_at", "<=", before).compile());
  }

  async countPendingManifests(now: number): Promise<number> {
    const row = await this.ex.first(
      this.db
        .selectFrom("app_manifests")
        .select((eb) => eb.fn.countAll<number>().as("count"))
        .where("expires_at", ">", now)
        .compile(),
    );
    return Number(row?.count ?? 0);
  }

  async insertManifestCode(c: ManifestCode & { codeHash: string }): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("app_manifest_codes")
        .values({
          code_hash: c.codeHash,
          app_id: c.appId,
          creator_id: c.creatorId,
          created_at: c.createdAt,
          expires_at: c.expiresAt,
        })
        .compile(),
    );
  }

  async takeManifestCode(codeHash: string): Promise<ManifestCode | undefined> {
    const row = await this.ex.first(
      this.db
        .deleteFrom("app_manifest_codes")
        .where("code_hash", "=", codeHash)
        .returning(["app_id", "creator_id", "created_at", "expires_at"])
        .compile(),
    );
    return (
      row && {
        appId: row.app_id,
        creatorId: row.creator_id,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
      }
    );
  }

  async deleteExpiredManifestCodes(before: number): Promise<number> {
    return this.ex.run(this.db.deleteFrom("app_manifest_codes").where("expires_at", "<=", before).compile());
  }
}
