import type { Account, AccountType, Session } from "../../domain/model.js";
import { prepared, type Executor } from "../executor.js";
import { accountAs, toAccount } from "../rows.js";
import { adjustInstallationsCount } from "./app-store.js";
import { paged, pageOf, type Page, type Paged } from "./page.js";
import { flag, SqlSlice, type Db, type Row } from "./sql-slice.js";

export interface AccountTables {
  accounts: {
    id: number;
    login: string;
    login_key: string;
    type: "User" | "Organization";
    name: string | null;
    email: string | null;
    site_admin: number;
    created_at: number;
    updated_at: number;
    password_hash: string | null;
  };
  org_members: { org_id: number; user_id: number; role: "member" | "admin" };
  sessions: { id_hash: string; user_id: number; csrf_token: string; created_at: number; expires_at: number };
}

export interface NewSession {
  idHash: string;
  userId: number;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
}

export interface NewAccount {
  id: number;
  login: string;
  type: AccountType;
  name: string | null;
  email: string | null;
  siteAdmin: boolean;
  now: number;
}

/** Users and organizations, their memberships, and signing in to the web pages. */
/** What an account's update may change; absent fields stay as they are. */
export interface AccountPatch {
  name?: string | null;
  email?: string | null;
  siteAdmin?: boolean;
  now: number;
}

export interface AccountStore {
  findPasswordHash(accountId: number): Promise<string | null>;
  setPasswordHash(accountId: number, passwordHash: string | null): Promise<void>;
  insertSession(session: NewSession): Promise<void>;
  findSession(idHash: string): Promise<Session | undefined>;
  deleteSession(idHash: string): Promise<boolean>;
  deleteExpiredSessions(before: number): Promise<number>;

  findAccountById(id: number): Promise<Account | undefined>;
  findAccountByLogin(login: string): Promise<Account | undefined>;
  insertAccount(account: NewAccount): Promise<void>;
  updateAccount(id: number, patch: AccountPatch): Promise<void>;
  renameAccount(id: number, login: string, now: number): Promise<void>;
  /** Deletes an account and everything it owns (repositories, installations on it, memberships, tokens). */
  deleteAccount(id: number): Promise<boolean>;
  listAccounts(page: Page): Promise<Paged<Account>>;
  setOrgMembership(orgId: number, userId: number, role: "member" | "admin"): Promise<void>;
  findOrgRole(orgId: number, userId: number): Promise<"member" | "admin" | undefined>;
  removeOrgMembership(orgId: number, userId: number): Promise<boolean>;
  /** The organizations a user belongs to, with the user's role in each. */
  listOrgsOfUser(userId: number): Promise<Array<{ org: Account; role: "member" | "admin" }>>;
}

/** An account's row: one place for single and bulk inserts. */
export const accountRow = (a: NewAccount) => ({
  id: a.id,
  login: a.login,
  login_key: a.login.toLowerCase(),
  type: a.type,
  name: a.name,
  email: a.email,
  site_admin: flag(a.siteAdmin),
  created_at: a.now,
  updated_at: a.now,
});

// The hot paths, compiled once per dialect.
const q = {
  accountById: prepared<{ id: number }, Row>((db, p) =>
    db.selectFrom("accounts").selectAll().where("id", "=", p.id),
  ),
  accountByLogin: prepared<{ key: string }, Row>((db, p) =>
    db.selectFrom("accounts").selectAll().where("login_key", "=", p.key),
  ),
  session: prepared<{ hash: string }, Row>((db, p) =>
    db
      .selectFrom("sessions as s")
      .innerJoin("accounts as u", "u.id", "s.user_id")
      .select(["s.csrf_token", "s.created_at", "s.expires_at"])
      .select(accountAs("u", "acc_"))
      .where("s.id_hash", "=", p.hash),
  ),
};

/** An account by id, for the aggregates that read one with their own rows. */
export async function readAccountById(db: Db, ex: Executor, id: number): Promise<Account | undefined> {
  const row = await ex.first(q.accountById(db, { id }));
  return row && toAccount(row);
}

/** An account by login, in any case. */
export async function readAccountByLogin(db: Db, ex: Executor, login: string): Promise<Account | undefined> {
  const row = await ex.first(q.accountByLogin(db, { key: login.toLowerCase() }));
  return row && toAccount(row);
}

export class SqlAccountStore extends SqlSlice implements AccountStore {
  async findPasswordHash(accountId: number): Promise<string | null> {
    const row = await this.ex.first(
      this.db.selectFrom("accounts").select("password_hash").where("id", "=", accountId).compile(),
    );
    return row?.password_hash ?? null;
  }

  async setPasswordHash(accountId: number, passwordHash: string | null): Promise<void> {
    await this.ex.run(
      this.db
        .updateTable("accounts")
        .set({ password_hash: passwordHash })
        .where("id", "=", accountId)
        .compile(),
    );
  }

  async insertSession(s: NewSession): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("sessions")
        .values({
          id_hash: s.idHash,
          user_id: s.userId,
          csrf_token: s.csrfToken,
          created_at: s.createdAt,
          expires_at: s.expiresAt,
        })
        .compile(),
    );
  }

  async findSession(idHash: string): Promise<Session | undefined> {
    const row = await this.ex.first(q.session(this.db, { hash: idHash }));
    if (!row) return undefined;
    return {
      user: toAccount(row, "acc_"),
      csrfToken: row.csrf_token as string,
      createdAt: row.created_at as number,
      expiresAt: row.expires_at as number,
    };
  }

  async deleteSession(idHash: string): Promise<boolean> {
    return (await this.ex.run(this.db.deleteFrom("sessions").where("id_hash", "=", idHash).compile())) > 0;
  }

  async deleteExpiredSessions(before: number): Promise<number> {
    return this.ex.run(this.db.deleteFrom("sessions").where("expires_at", "<", before).compile());
  }

  async findAccountById(id: number): Promise<Account | undefined> {
    const row = await this.ex.first(q.accountById(this.db, { id }));
    return row && toAccount(row);
  }

  async findAccountByLogin(login: string): Promise<Account | undefined> {
    const row = await this.ex.first(q.accountByLogin(this.db, { key: login.toLowerCase() }));
    return row && toAccount(row);
  }

  async insertAccount(a: NewAccount): Promise<void> {
    await this.ex.run(this.db.insertInto("accounts").values(accountRow(a)).compile());
  }

  async updateAccount(id: number, patch: AccountPatch): Promise<void> {
    await this.ex.run(
      this.db
        .updateTable("accounts")
        .set({
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.email !== undefined && { email: patch.email }),
          ...(patch.siteAdmin !== undefined && { site_admin: flag(patch.siteAdmin) }),
          updated_at: patch.now,
        })
        .where("id", "=", id)
        .compile(),
    );
  }

  async renameAccount(id: number, login: string, now: number): Promise<void> {
    await this.ex.run(
      this.db
        .updateTable("accounts")
        .set({ login, login_key: login.toLowerCase(), updated_at: now })
        .where("id", "=", id)
        .compile(),
    );
  }

  async deleteAccount(id: number): Promise<boolean> {
    return this.ex.transaction(async (tx) => {
      // Installations on the account go with it (a cascade), so their apps' counts are adjusted first.
      const perApp = await tx.all(
        this.db
          .selectFrom("installations")
          .select(["app_id", (eb) => eb.fn.countAll<number>().as("n")])
          .where("account_id", "=", id)
          .groupBy("app_id")
          .compile(),
      );
      for (const row of perApp) await adjustInstallationsCount(this.db, tx, row.app_id, -Number(row.n));
      return (await tx.run(this.db.deleteFrom("accounts").where("id", "=", id).compile())) > 0;
    });
  }

  async listAccounts(page: Page): Promise<Paged<Account>> {
    return paged(
      this.ex,
      pageOf(this.db.selectFrom("accounts").selectAll().orderBy("id"), page).compile(),
      this.db
        .selectFrom("accounts")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .compile(),
      (rows) => rows.map((row) => toAccount(row)),
    );
  }

  async setOrgMembership(orgId: number, userId: number, role: "member" | "admin"): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("org_members")
        .values({ org_id: orgId, user_id: userId, role })
        .onConflict((oc) => oc.columns(["org_id", "user_id"]).doUpdateSet({ role }))
        .compile(),
    );
  }

  async findOrgRole(orgId: number, userId: number): Promise<"member" | "admin" | undefined> {
    const row = await this.ex.first(
      this.db
        .selectFrom("org_members")
        .select("role")
        .where("org_id", "=", orgId)
        .where("user_id", "=", userId)
        .compile(),
    );
    return row?.role;
  }

  async removeOrgMembership(orgId: number, userId: number): Promise<boolean> {
    const n = await this.ex.run(
      this.db.deleteFrom("org_members").where("org_id", "=", orgId).where("user_id", "=", userId).compile(),
    );
    return n > 0;
  }

  async listOrgsOfUser(userId: number): Promise<Array<{ org: Account; role: "member" | "admin" }>> {
    const rows = await this.ex.all(
      this.db
        .selectFrom("org_members as m")
        .innerJoin("accounts as a", "a.id", "m.org_id")
        .selectAll("a")
        .select("m.role")
        .where("m.user_id", "=", userId)
        .orderBy("a.id")
        .compile(),
    );
    return rows.map((row) => ({ org: toAccount(row), role: row.role }));
  }
}
