import { sql, type Generated } from "kysely";
import type { Account, MergeSettings, Repository, RepositoryPermission } from "../../domain/model.js";
import { prepared, preparedPage } from "../executor.js";
import { toAccount } from "../rows.js";
import { readAccountById, readAccountByLogin } from "./account-store.js";
import type { Page, Paged } from "./page.js";
import { flag, SqlSlice, type Row } from "./sql-slice.js";

export interface RepositoryTables {
  repositories: {
    id: number;
    owner_id: number;
    name: string;
    name_key: string;
    private: number;
    description: string | null;
    default_branch: string;
    created_at: number;
    updated_at: number;
    pushed_at: number;
  } & MergeSettingColumns;
  repository_collaborators: { repository_id: number; user_id: number; permission: RepositoryPermission };
}

/**
 * The merge settings' columns (migration 009), under GitHub's names; flags are 0 or 1. Each has a
 * default (GitHub's), so an insert may leave it out.
 */
type MergeSettingValues = {
  [K in keyof MergeSettings]: MergeSettings[K] extends boolean ? number : MergeSettings[K];
};
type MergeSettingColumns = { [K in keyof MergeSettings]: Generated<MergeSettingValues[K]> };

const MERGE_FLAGS = [
  "allow_rebase_merge",
  "allow_squash_merge",
  "allow_merge_commit",
  "allow_auto_merge",
  "delete_branch_on_merge",
  "allow_update_branch",
  "use_squash_pr_title_as_default",
  "web_commit_signoff_required",
] as const;
const MERGE_TEXTS = [
  "squash_merge_commit_title",
  "squash_merge_commit_message",
  "merge_commit_title",
  "merge_commit_message",
] as const;

/** The columns for the settings given; absent ones are left to the column defaults or as they are. */
function mergeSettingColumns(settings: Partial<MergeSettings> | undefined): Partial<MergeSettingValues> {
  const columns: Record<string, unknown> = {};
  for (const name of MERGE_FLAGS) if (settings?.[name] !== undefined) columns[name] = flag(settings[name]);
  for (const name of MERGE_TEXTS) if (settings?.[name] !== undefined) columns[name] = settings[name];
  return columns as Partial<MergeSettingValues>;
}

function toMergeSettings(row: Row): MergeSettings {
  const settings: Record<string, unknown> = {};
  for (const name of MERGE_FLAGS) settings[name] = row[name] === 1 || row[name] === true;
  for (const name of MERGE_TEXTS) settings[name] = row[name];
  return settings as unknown as MergeSettings;
}

export interface NewRepository {
  id: number;
  ownerId: number;
  name: string;
  private: boolean;
  description: string | null;
  defaultBranch: string;
  /** Those not given take GitHub's defaults (the columns'). */
  mergeSettings?: Partial<MergeSettings>;
  now: number;
}

/** Repositories and their collaborators. */
/** What a repository's update may change; absent fields stay as they are. */
export interface RepositoryPatch {
  name?: string;
  private?: boolean;
  description?: string | null;
  defaultBranch?: string;
  mergeSettings?: Partial<MergeSettings>;
  now: number;
}

export interface RepositoryStore {
  findRepository(ownerLogin: string, name: string): Promise<Repository | undefined>;
  findRepositoryById(id: number): Promise<Repository | undefined>;
  insertRepository(repository: NewRepository): Promise<void>;
  updateRepository(id: number, patch: RepositoryPatch): Promise<void>;
  deleteRepository(id: number): Promise<boolean>;
  listRepositoriesForAccount(accountId: number, page: Page): Promise<Paged<Repository>>;
  setCollaborator(repositoryId: number, userId: number, permission: RepositoryPermission): Promise<void>;
  removeCollaborator(repositoryId: number, userId: number): Promise<boolean>;
  listCollaborators(
    repositoryId: number,
  ): Promise<Array<{ user: Account; permission: RepositoryPermission }>>;
  findCollaboratorPermission(repositoryId: number, userId: number): Promise<RepositoryPermission | undefined>;
  /** The repositories of an owner that a user is a collaborator on. */
  listCollaboratorRepositoryIds(userId: number, ownerId: number): Promise<number[]>;
}

/** A repository's row: one place for single and bulk inserts. */
export const repositoryRow = (r: NewRepository) => ({
  id: r.id,
  owner_id: r.ownerId,
  name: r.name,
  name_key: r.name.toLowerCase(),
  private: flag(r.private),
  description: r.description,
  default_branch: r.defaultBranch,
  created_at: r.now,
  updated_at: r.now,
  pushed_at: r.now,
  ...mergeSettingColumns(r.mergeSettings),
});

export function toRepository(row: Row, owner: Account): Repository {
  return {
    id: row.id as number,
    owner,
    name: row.name as string,
    private: row.private === 1 || row.private === true,
    description: (row.description as string | null) ?? null,
    defaultBranch: row.default_branch as string,
    createdAt: row.created_at as number,
    updatedAt: row.updated_at as number,
    pushedAt: row.pushed_at as number,
    mergeSettings: toMergeSettings(row),
  };
}

/**
 * An account's repositories, a hot path (an installation on all of them lists them too). Each page
 * carries its list's total (a constant subquery, evaluated once): one read per page.
 */
export const ownedRepositories = preparedPage<{ accountId: number }, Row>((db, p, page) =>
  db
    .selectFrom("repositories as r")
    .selectAll("r")
    .select((eb) =>
      eb
        .selectFrom("repositories")
        .select((c) => c.fn.countAll<number>().as("n"))
        .where("owner_id", "=", p.accountId)
        .as("total_count"),
    )
    .where("r.owner_id", "=", p.accountId)
    .orderBy("r.id")
    .limit(sql.lit(page.limit))
    .offset(sql.lit(page.offset)),
);

/** The total when a page past the end has no row to carry it. */
export const countOwnedRepositories = prepared<{ accountId: number }, { n: number }>((db, p) =>
  db
    .selectFrom("repositories")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("owner_id", "=", p.accountId),
);

export class SqlRepositoryStore extends SqlSlice implements RepositoryStore {
  async findRepository(ownerLogin: string, name: string): Promise<Repository | undefined> {
    const owner = await readAccountByLogin(this.db, this.ex, ownerLogin);
    if (!owner) return undefined;
    const row = await this.ex.first(
      this.db
        .selectFrom("repositories")
        .selectAll()
        .where("owner_id", "=", owner.id)
        .where("name_key", "=", name.toLowerCase())
        .compile(),
    );
    return row && toRepository(row, owner);
  }

  async findRepositoryById(id: number): Promise<Repository | undefined> {
    const row = await this.ex.first(
      this.db.selectFrom("repositories").selectAll().where("id", "=", id).compile(),
    );
    if (!row) return undefined;
    const owner = await readAccountById(this.db, this.ex, row.owner_id);
    return owner && toRepository(row, owner);
  }

  async insertRepository(r: NewRepository): Promise<void> {
    await this.ex.run(this.db.insertInto("repositories").values(repositoryRow(r)).compile());
  }

  async updateRepository(id: number, patch: RepositoryPatch): Promise<void> {
    await this.ex.run(
      this.db
        .updateTable("repositories")
        .set({
          ...(patch.name !== undefined && { name: patch.name, name_key: patch.name.toLowerCase() }),
          ...(patch.defaultBranch !== undefined && { default_branch: patch.defaultBranch }),
          ...(patch.private !== undefined && { private: flag(patch.private) }),
          ...(patch.description !== undefined && { description: patch.description }),
          ...mergeSettingColumns(patch.mergeSettings),
          updated_at: patch.now,
        })
        .where("id", "=", id)
        .compile(),
    );
  }

  async deleteRepository(id: number): Promise<boolean> {
    return (await this.ex.run(this.db.deleteFrom("repositories").where("id", "=", id).compile())) > 0;
  }

  async listRepositoriesForAccount(accountId: number, page: Page): Promise<Paged<Repository>> {
    const owner = await readAccountById(this.db, this.ex, accountId);
    if (!owner) return { items: [], total: 0 };
    const rows = await this.ex.all(ownedRepositories(this.db, { accountId }, page));
    const total = rows[0]
      ? Number(rows[0].total_count)
      : Number((await this.ex.first(countOwnedRepositories(this.db, { accountId })))?.n ?? 0);
    return { items: rows.map((row) => toRepository(row, owner)), total };
  }

  async setCollaborator(
    repositoryId: number,
    userId: number,
    permission: RepositoryPermission,
  ): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("repository_collaborators")
        .values({ repository_id: repositoryId, user_id: userId, permission })
        .onConflict((oc) => oc.columns(["repository_id", "user_id"]).doUpdateSet({ permission }))
        .compile(),
    );
  }

  async removeCollaborator(repositoryId: number, userId: number): Promise<boolean> {
    const n = await this.ex.run(
      this.db
        .deleteFrom("repository_collaborators")
        .where("repository_id", "=", repositoryId)
        .where("user_id", "=", userId)
        .compile(),
    );
    return n > 0;
  }

  async listCollaborators(
    repositoryId: number,
  ): Promise<Array<{ user: Account; permission: RepositoryPermission }>> {
    const rows = await this.ex.all(
      this.db
        .selectFrom("repository_collaborators as c")
        .innerJoin("accounts as a", "a.id", "c.user_id")
        .selectAll("a")
        .select("c.permission")
        .where("c.repository_id", "=", repositoryId)
        .orderBy("a.id")
        .compile(),
    );
    return rows.map((row) => ({ user: toAccount(row), permission: row.permission }));
  }

  async findCollaboratorPermission(
    repositoryId: number,
    userId: number,
  ): Promise<RepositoryPermission | undefined> {
    const row = await this.ex.first(
      this.db
        .selectFrom("repository_collaborators")
        .select("permission")
        .where("repository_id", "=", repositoryId)
        .where("user_id", "=", userId)
        .compile(),
    );
    return row?.permission;
  }

  async listCollaboratorRepositoryIds(userId: number, ownerId: number): Promise<number[]> {
    const rows = await this.ex.all(
      this.db
        .selectFrom("repository_collaborators as c")
        .innerJoin("repositories as r", "r.id", "c.repository_id")
        .select("r.id")
        .where("c.user_id", "=", userId)
        .where("r.owner_id", "=", ownerId)
        .orderBy("r.id")
        .compile(),
    );
    return rows.map((r) => r.id);
  }
}
