import type { InstallationRequest } from "../../domain/model.js";
import { accountAs, toAccount } from "../rows.js";
import { paged, pageOf, type Page, type Paged } from "./page.js";
import { SqlSlice, type Db, type Row } from "./sql-slice.js";

export interface InstallationRequestTables {
  installation_requests: {
    id: number;
    app_id: number;
    account_id: number;
    requester_id: number;
    created_at: number;
  };
}

/** Requests by organization members that an owner install an app (migration 007). */
export interface InstallationRequestStore {
  insertInstallationRequest(request: {
    id: number;
    appId: number;
    accountId: number;
    requesterId: number;
    now: number;
  }): Promise<void>;
  findInstallationRequest(
    appId: number,
    accountId: number,
    requesterId: number,
  ): Promise<InstallationRequest | undefined>;
  listInstallationRequests(appId: number, page: Page): Promise<Paged<InstallationRequest>>;
  /** Clears an account's requests for an app (it has been installed there). */
  deleteInstallationRequests(appId: number, accountId: number): Promise<number>;
}

/** Installation requests with their account (`acc_`) and requester (`req_`). */
function installationRequests(db: Db) {
  return db
    .selectFrom("installation_requests as r")
    .innerJoin("accounts as a", "a.id", "r.account_id")
    .innerJoin("accounts as q", "q.id", "r.requester_id")
    .select(["r.id", "r.app_id", "r.created_at"])
    .select(accountAs("a", "acc_"))
    .select(accountAs("q", "req_"));
}

function toInstallationRequest(row: Row): InstallationRequest {
  return {
    id: row.id as number,
    appId: row.app_id as number,
    account: toAccount(row, "acc_"),
    requester: toAccount(row, "req_"),
    createdAt: row.created_at as number,
  };
}

export class SqlInstallationRequestStore extends SqlSlice implements InstallationRequestStore {
  async insertInstallationRequest(r: {
    id: number;
    appId: number;
    accountId: number;
    requesterId: number;
    now: number;
  }): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("installation_requests")
        .values({
          id: r.id,
          app_id: r.appId,
          account_id: r.accountId,
          requester_id: r.requesterId,
          created_at: r.now,
        })
        .compile(),
    );
  }

  async findInstallationRequest(
    appId: number,
    accountId: number,
    requesterId: number,
  ): Promise<InstallationRequest | undefined> {
    const row = await this.ex.first(
      installationRequests(this.db)
        .where("r.app_id", "=", appId)
        .where("r.account_id", "=", accountId)
        .where("r.requester_id", "=", requesterId)
        .compile(),
    );
    return row && toInstallationRequest(row);
  }

  async listInstallationRequests(appId: number, page: Page): Promise<Paged<InstallationRequest>> {
    return paged(
      this.ex,
      pageOf(installationRequests(this.db).where("r.app_id", "=", appId).orderBy("r.id"), page).compile(),
      this.db
        .selectFrom("installation_requests")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("app_id", "=", appId)
        .compile(),
      (rows) => rows.map(toInstallationRequest),
    );
  }

  async deleteInstallationRequests(appId: number, accountId: number): Promise<number> {
    return this.ex.run(
      this.db
        .deleteFrom("installation_requests")
        .where("app_id", "=", appId)
        .where("account_id", "=", accountId)
        .compile(),
    );
  }
}
