import { sql } from "kysely";
import type {
  Installation,
  InstallationGrant,
  Permissions,
  Repository,
  RepositorySelection,
} from "../../domain/model.js";
import { prepared, preparedPage } from "../executor.js";
import { accountAs, canonicalJson, toAccount } from "../rows.js";
import { adjustInstallationsCount } from "./app-store.js";
import { paged, pageOf, type Page, type Paged } from "./page.js";
import { SqlSlice, type Db, type Row } from "./sql-slice.js";

export interface InstallationTables {
  installations: {
    id: number;
    app_id: number;
    account_id: number;
    repository_selection: "all" | "selected";
    permissions: string;
    events: string;
    suspended_at: number | null;
    suspended_by_id: number | null;
    created_at: number;
    updated_at: number;
  };
  installation_repositories: { installation_id: number; repository_id: number };
}

export interface NewInstallation {
  id: number;
  appId: number;
  accountId: number;
  repositorySelection: RepositorySelection;
  permissions: Permissions;
  events: string[];
  now: number;
}

export interface InstallationListFilter {
  since?: number;
  /** Only installations whose accepted permissions differ from the app's current ones. */
  outdated?: boolean;
}

/** Installations of apps on accounts (the repositories they reach: installation-repository-store). */
export interface InstallationStore {
  findInstallation(id: number): Promise<Installation | undefined>;
  findInstallationForAccount(appId: number, accountId: number): Promise<Installation | undefined>;
  listInstallationsForApp(
    appId: number,
    filter: InstallationListFilter,
    page: Page,
  ): Promise<Paged<Installation>>;
  /** Every installation on an account (of any app), ordered by id. */
  listInstallationsOnAccount(accountId: number): Promise<Installation[]>;
  /** The installations that reach a repository now (all of its owner's, or selecting it). */
  listInstallationsReachingRepository(repository: Repository): Promise<Installation[]>;
  /**
   * An app's installations that a user reaches explicitly: on the user's own account, on an
   * organization the user belongs to, or covering a repository the user collaborates on.
   */
  listInstallationsForUser(appId: number, userId: number, page: Page): Promise<Paged<Installation>>;
  insertInstallation(installation: NewInstallation): Promise<void>;
  updateInstallation(
    id: number,
    patch: {
      repositorySelection?: RepositorySelection;
      permissions?: Permissions;
      events?: string[];
      suspendedAt?: number | null;
      suspendedById?: number | null;
      now: number;
    },
  ): Promise<void>;
  deleteInstallation(id: number): Promise<boolean>;
}

/** An installation's row: one place for single and bulk inserts. */
export const installationRow = (i: NewInstallation) => ({
  id: i.id,
  app_id: i.appId,
  account_id: i.accountId,
  repository_selection: i.repositorySelection,
  permissions: canonicalJson(i.permissions),
  events: canonicalJson(i.events),
  suspended_at: null,
  suspended_by_id: null,
  created_at: i.now,
  updated_at: i.now,
});

/** Installations with their account, app slug and client id and suspender, as every installation read needs them. */
export function installations(db: Db) {
  return db
    .selectFrom("installations as i")
    .innerJoin("accounts as a", "a.id", "i.account_id")
    .innerJoin("apps as p", "p.id", "i.app_id")
    .leftJoin("accounts as s", "s.id", "i.suspended_by_id")
    .select([
      "i.id",
      "i.app_id",
      "p.slug as app_slug",
      "p.client_id as app_client_id",
      "i.repository_selection",
      "i.permissions",
      "i.events",
      "i.suspended_at",
      "i.created_at",
      "i.updated_at",
    ])
    .select(accountAs("a", "acc_"))
    .select(accountAs("s", "sus_"));
}

export function toInstallationGrant(row: Row): InstallationGrant {
  return {
    id: row.id as number,
    appId: row.app_id as number,
    account: toAccount(row, "acc_"),
    repositorySelection: row.repository_selection as Installation["repositorySelection"],
    permissions: JSON.parse(row.permissions as string),
    suspendedAt: (row.suspended_at as number | null) ?? null,
  };
}

export function toInstallation(row: Row): Installation {
  return {
    id: row.id as number,
    appId: row.app_id as number,
    appSlug: row.app_slug as string,
    appClientId: row.app_client_id as string,
    account: toAccount(row, "acc_"),
    repositorySelection: row.repository_selection as Installation["repositorySelection"],
    permissions: JSON.parse(row.permissions as string),
    events: JSON.parse(row.events as string),
    suspendedAt: (row.suspended_at as number | null) ?? null,
    suspendedBy: row.sus_id == null ? null : toAccount(row, "sus_"),
    createdAt: row.created_at as number,
    updatedAt: row.updated_at as number,
  };
}

// The hot paths, compiled once per dialect.
const q = {
  installationById: prepared<{ id: number }, Row>((db, p) => installations(db).where("i.id", "=", p.id)),
  installationByAppAccount: prepared<{ appId: number; accountId: number }, Row>((db, p) =>
    installations(db).where("i.app_id", "=", p.appId).where("i.account_id", "=", p.accountId),
  ),
  // The page's ids come from the index alone, so a deep OFFSET skips index entries, not joined rows.
  installationsForApp: preparedPage<{ appId: number }, Row>((db, p, page) =>
    installations(db)
      .select((eb) =>
        eb.selectFrom("apps").select("installations_count").where("id", "=", p.appId).as("total_count"),
      )
      .where("i.id", "in", (eb) =>
        eb
          .selectFrom("installations")
          .select("id")
          .where("app_id", "=", p.appId)
          .orderBy("id")
          .limit(sql.lit(page.limit))
          .offset(sql.lit(page.offset)),
      )
      .orderBy("i.id"),
  ),
  installationsCount: prepared<{ appId: number }, { n: number }>((db, p) =>
    db.selectFrom("apps").select("installations_count as n").where("id", "=", p.appId),
  ),
};

export class SqlInstallationStore extends SqlSlice implements InstallationStore {
  async findInstallation(id: number): Promise<Installation | undefined> {
    const row = await this.ex.first(q.installationById(this.db, { id }));
    return row && toInstallation(row);
  }

  async findInstallationForAccount(appId: number, accountId: number): Promise<Installation | undefined> {
    const row = await this.ex.first(q.installationByAppAccount(this.db, { appId, accountId }));
    return row && toInstallation(row);
  }

  async listInstallationsForApp(
    appId: number,
    filter: InstallationListFilter,
    page: Page,
  ): Promise<Paged<Installation>> {
    if (filter.since === undefined && !filter.outdated) {
      // The unfiltered list is the hot one: its total is the maintained count, not a scan of 100k rows.
      const rows = await this.ex.all(q.installationsForApp(this.db, { appId }, page));
      const total = rows[0]
        ? Number(rows[0].total_count)
        : ((await this.ex.first(q.installationsCount(this.db, { appId })))?.n ?? 0);
      return { items: rows.map(toInstallation), total };
    }
    const since = filter.since;
    return paged(
      this.ex,
      pageOf(
        installations(this.db)
          .where("i.app_id", "=", appId)
          .$if(since !== undefined, (qb) => qb.where("i.updated_at", ">=", since!))
          .$if(filter.outdated === true, (qb) => qb.whereRef("i.permissions", "<>", "p.permissions"))
          .orderBy("i.id"),
        page,
      ).compile(),
      this.db
        .selectFrom("installations as i")
        .innerJoin("apps as p", "p.id", "i.app_id")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("i.app_id", "=", appId)
        .$if(since !== undefined, (qb) => qb.where("i.updated_at", ">=", since!))
        .$if(filter.outdated === true, (qb) => qb.whereRef("i.permissions", "<>", "p.permissions"))
        .compile(),
      (rows) => rows.map(toInstallation),
    );
  }

  async listInstallationsOnAccount(accountId: number): Promise<Installation[]> {
    const rows = await this.ex.all(
      installations(this.db).where("i.account_id", "=", accountId).orderBy("i.id").compile(),
    );
    return rows.map(toInstallation);
  }

  async listInstallationsReachingRepository(repository: Repository): Promise<Installation[]> {
    const rows = await this.ex.all(
      installations(this.db)
        .where("i.account_id", "=", repository.owner.id)
        .where((eb) =>
          eb.or([
            eb("i.repository_selection", "=", "all"),
            eb.exists(
              eb
                .selectFrom("installation_repositories as ir")
                .select("ir.repository_id")
                .whereRef("ir.installation_id", "=", "i.id")
                .where("ir.repository_id", "=", repository.id),
            ),
          ]),
        )
        .orderBy("i.id")
        .compile(),
    );
    return rows.map(toInstallation);
  }

  async listInstallationsForUser(appId: number, userId: number, page: Page): Promise<Paged<Installation>> {
    const reached = (qb: ReturnType<typeof installations>) =>
      qb.where("i.app_id", "=", appId).where((eb) =>
        eb.or([
          eb("i.account_id", "=", userId),
          eb(
            "i.account_id",
            "in",
            eb.selectFrom("org_members").select("org_id").where("user_id", "=", userId),
          ),
          eb.exists(
            eb
              .selectFrom("repository_collaborators as c")
              .innerJoin("repositories as r", "r.id", "c.repository_id")
              .select("c.repository_id")
              .where("c.user_id", "=", userId)
              .whereRef("r.owner_id", "=", "i.account_id")
              .where((inner) =>
                inner.or([
                  inner("i.repository_selection", "=", "all"),
                  inner.exists(
                    inner
                      .selectFrom("installation_repositories as ir")
                      .select("ir.repository_id")
                      .whereRef("ir.installation_id", "=", "i.id")
                      .whereRef("ir.repository_id", "=", "r.id"),
                  ),
                ]),
              ),
          ),
        ]),
      );
    return paged(
      this.ex,
      pageOf(reached(installations(this.db)).orderBy("i.id"), page).compile(),
      reached(installations(this.db))
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .compile(),
      (rows) => rows.map(toInstallation),
    );
  }

  async insertInstallation(i: NewInstallation): Promise<void> {
    // The row and the app's count change together, or not at all.
    await this.ex.transaction(async (tx) => {
      await tx.run(this.db.insertInto("installations").values(installationRow(i)).compile());
      await adjustInstallationsCount(this.db, tx, i.appId, 1);
    });
  }

  async updateInstallation(
    id: number,
    p: {
      repositorySelection?: "all" | "selected";
      permissions?: Record<string, string>;
      events?: string[];
      suspendedAt?: number | null;
      suspendedById?: number | null;
      now: number;
    },
  ): Promise<void> {
    await this.ex.run(
      this.db
        .updateTable("installations")
        .set({
          ...(p.repositorySelection !== undefined && { repository_selection: p.repositorySelection }),
          ...(p.permissions !== undefined && { permissions: canonicalJson(p.permissions) }),
          ...(p.events !== undefined && { events: canonicalJson(p.events) }),
          ...(p.suspendedAt !== undefined && { suspended_at: p.suspendedAt }),
          ...(p.suspendedById !== undefined && { suspended_by_id: p.suspendedById }),
          updated_at: p.now,
        })
        .where("id", "=", id)
        .compile(),
    );
  }

  async deleteInstallation(id: number): Promise<boolean> {
    return this.ex.transaction(async (tx) => {
      const deleted = await tx.first(
        this.db.deleteFrom("installations").where("id", "=", id).returning("app_id").compile(),
      );
      if (!deleted) return false;
      await adjustInstallationsCount(this.db, tx, deleted.app_id, -1);
      return true;
    });
  }
}
