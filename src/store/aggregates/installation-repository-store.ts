import { sql } from "kysely";
import type { InstallationGrant, Repository } from "../../domain/model.js";
import { prepared, preparedPage, type Executor } from "../executor.js";
import { paged, pageOf, type Page, type Paged } from "./page.js";
import { countOwnedRepositories, ownedRepositories, toRepository } from "./repository-store.js";
import { SqlSlice, type Db, type Row } from "./sql-slice.js";

/**
 * The repositories an installation reaches: all of its account's, or those it selected (the
 * `installation_repositories` table, whose type lives with the installations').
 */
export interface InstallationRepositoryStore {
  setInstallationRepositories(installationId: number, repositoryIds: number[]): Promise<void>;

  /**
   * The repositories an installation reaches (all of its account's, or the selected ones), optionally
   * narrowed to `onlyIds`, ordered by id.
   */
  listInstallationRepositories(
    installation: InstallationGrant,
    onlyIds: number[] | null,
    page: Page,
  ): Promise<Paged<Repository>>;
  /** Of the given names or ids, those the installation reaches. */
  findInstallationRepositories(
    installation: InstallationGrant,
    by: { names: string[] } | { ids: number[] },
  ): Promise<Array<{ id: number; name: string }>>;
  installationHasRepository(installation: InstallationGrant, repositoryId: number): Promise<boolean>;
}

// The hot paths, compiled once per dialect (an installation on all repositories pages its account's:
// repository-store). Each page carries its list's total (a constant subquery, evaluated once).
const q = {
  selectedRepositories: preparedPage<{ installationId: number }, Row>((db, p, page) =>
    db
      .selectFrom("installation_repositories as ir")
      .innerJoin("repositories as r", "r.id", "ir.repository_id")
      .selectAll("r")
      .select((eb) =>
        eb
          .selectFrom("installation_repositories")
          .select((c) => c.fn.countAll<number>().as("n"))
          .where("installation_id", "=", p.installationId)
          .as("total_count"),
      )
      .where("ir.installation_id", "=", p.installationId)
      .orderBy("r.id")
      .limit(sql.lit(page.limit))
      .offset(sql.lit(page.offset)),
  ),
  countSelectedRepositories: prepared<{ installationId: number }, { n: number }>((db, p) =>
    db
      .selectFrom("installation_repositories")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("installation_id", "=", p.installationId),
  ),
};

/** Replaces an installation's selection, in chunks that keep every engine under its parameter limit. */
async function replaceInstallationRepositories(
  db: Db,
  ex: Executor,
  installationId: number,
  repositoryIds: number[],
): Promise<void> {
  await ex.run(
    db.deleteFrom("installation_repositories").where("installation_id", "=", installationId).compile(),
  );
  for (let i = 0; i < repositoryIds.length; i += 500) {
    const chunk = repositoryIds.slice(i, i + 500);
    await ex.run(
      db
        .insertInto("installation_repositories")
        .values(chunk.map((repository_id) => ({ installation_id: installationId, repository_id })))
        .onConflict((oc) => oc.doNothing())
        .compile(),
    );
  }
}

export class SqlInstallationRepositoryStore extends SqlSlice implements InstallationRepositoryStore {
  async setInstallationRepositories(installationId: number, repositoryIds: number[]): Promise<void> {
    await this.ex.transaction((tx) =>
      replaceInstallationRepositories(this.db, tx, installationId, repositoryIds),
    );
  }

  async listInstallationRepositories(
    installation: InstallationGrant,
    onlyIds: number[] | null,
    page: Page,
  ): Promise<Paged<Repository>> {
    const owner = installation.account;
    if (onlyIds === null) {
      const all = installation.repositorySelection === "all";
      const rows = await this.ex.all(
        all
          ? ownedRepositories(this.db, { accountId: owner.id }, page)
          : q.selectedRepositories(this.db, { installationId: installation.id }, page),
      );
      // A page past the end has no row to carry the total.
      const total = rows[0]
        ? Number(rows[0].total_count)
        : Number(
            (
              await this.ex.first(
                all
                  ? countOwnedRepositories(this.db, { accountId: owner.id })
                  : q.countSelectedRepositories(this.db, { installationId: installation.id }),
              )
            )?.n ?? 0,
          );
      return { items: rows.map((row) => toRepository(row, owner)), total };
    }
    if (onlyIds.length === 0) return { items: [], total: 0 };
    const reachable = this.reachable(installation).where("r.id", "in", onlyIds);
    return paged(
      this.ex,
      pageOf(reachable.selectAll("r").orderBy("r.id"), page).compile(),
      reachable.select((eb) => eb.fn.countAll<number>().as("n")).compile(),
      (rows) => rows.map((row) => toRepository(row, owner)),
    );
  }

  async findInstallationRepositories(
    installation: InstallationGrant,
    by: { names: string[] } | { ids: number[] },
  ): Promise<Array<{ id: number; name: string }>> {
    const reachable = this.reachable(installation);
    const query =
      "names" in by
        ? reachable.where(
            "r.name_key",
            "in",
            by.names.map((n) => n.toLowerCase()),
          )
        : reachable.where("r.id", "in", by.ids);
    return this.ex.all(query.select(["r.id", "r.name"]).orderBy("r.id").compile());
  }

  async installationHasRepository(installation: InstallationGrant, repositoryId: number): Promise<boolean> {
    const row = await this.ex.first(
      this.reachable(installation).select("r.id").where("r.id", "=", repositoryId).compile(),
    );
    return row !== undefined;
  }

  /** Repositories an installation reaches, as a query to narrow further. */
  private reachable(installation: InstallationGrant) {
    const base = this.db.selectFrom("repositories as r").where("r.owner_id", "=", installation.account.id);
    if (installation.repositorySelection === "all") return base;
    return base.where((eb) =>
      eb.exists(
        eb
          .selectFrom("installation_repositories as ir")
          .select("ir.repository_id")
          .whereRef("ir.repository_id", "=", "r.id")
          .where("ir.installation_id", "=", installation.id),
      ),
    );
  }
}
