import { seconds, type Clock } from "./clock.js";
import { NotFoundError, ValidationError } from "./errors.js";
import type { EventSink } from "./events.js";
import { checkLength, FIELD_LIMITS } from "./field-limits.js";
import type { Account, AccountType, Authorization } from "./model.js";
import { generateToken, hashToken } from "./tokens.js";
import type { AccountStore, SettingStore, TokenStore, Transactor } from "../store/store.js";

/** GitHub's login rule: alphanumerics and single inner hyphens, at most 39 characters. */
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

export interface NewUser {
  login: string;
  email?: string | null;
  name?: string | null;
  siteAdmin?: boolean;
}

/**
 * Users and organizations as a site admin manages them (GitHub Enterprise Server's admin API): create,
 * rename, delete, memberships and impersonation tokens. Renames and deletions reach the installations
 * on the account and the apps that hear of them.
 */
export class Accounts {
  constructor(
    private readonly store: AccountStore & SettingStore & TokenStore & Transactor,
    private readonly clock: Clock,
    private readonly events: EventSink,
  ) {}

  async get(login: string, type?: AccountType): Promise<Account> {
    const account = await this.store.findAccountByLogin(login);
    if (!account || (type && account.type !== type)) throw new NotFoundError();
    return account;
  }

  async createUser(user: NewUser): Promise<Account> {
    return this.create("User", user.login, {
      name: user.name ?? null,
      email: user.email ?? null,
      siteAdmin: user.siteAdmin ?? false,
    });
  }

  /** An organization with its first admin. */
  async createOrganization(login: string, admin: Account, name: string | null): Promise<Account> {
    return this.store.transaction(async (tx) => {
      const org = await this.create("Organization", login, { name, email: null, siteAdmin: false }, tx);
      await tx.setOrgMembership(org.id, admin.id, "admin");
      return org;
    });
  }

  /** Renames an account; each app installed on it hears `installation_target.renamed`. */
  async rename(account: Account, login: string, actor: Account): Promise<Account> {
    this.checkLogin(login);
    return this.store.transaction(async (tx) => {
      const taken = await tx.findAccountByLogin(login);
      if (taken && taken.id !== account.id) throw this.taken(login);
      if (account.login === login) return account;
      await tx.renameAccount(account.id, login, seconds(this.clock));
      const renamed = (await tx.findAccountById(account.id))!;
      for (const installation of await tx.listInstallationsOnAccount(account.id)) {
        await this.events.record(tx, installation.appId, {
          event: "installation_target",
          action: "renamed",
          installation,
          account: renamed,
          changes: { login: { from: account.login } },
          sender: actor,
        });
      }
      return renamed;
    });
  }

  /**
   * Deletes an account with what it owns: its apps, its repositories and the installations on it (each
   * app hears `installation.deleted`).
   */
  async delete(account: Account, actor: Account): Promise<void> {
    await this.store.transaction(async (tx) => {
      for (const app of await tx.listAppsOwnedBy(account.id)) await tx.deleteApp(app.id);
      for (const installation of await tx.listInstallationsOnAccount(account.id)) {
        await this.events.record(tx, installation.appId, {
          event: "installation",
          action: "deleted",
          installation,
          sender: actor,
          repositories: null,
        });
      }
      await tx.deleteAccount(account.id);
    });
  }

  async setMembership(org: Account, user: Account, role: "member" | "admin"): Promise<void> {
    if (org.type !== "Organization" || user.type !== "User") throw new NotFoundError();
    await this.store.setOrgMembership(org.id, user.id, role);
  }

  async removeMembership(org: Account, user: Account): Promise<void> {
    if (!(await this.store.removeOrgMembership(org.id, user.id))) throw new NotFoundError();
  }

  /** A new personal or impersonation token; the token is shown once, hubcap keeps its hash. */
  async createToken(
    user: Account,
    kind: "personal" | "impersonation",
    scopes: string[],
    note: string | null = null,
  ): Promise<{ token: string; authorization: Authorization }> {
    if (user.type !== "User") throw new NotFoundError();
    const token = generateToken(kind === "personal" ? "ghp_" : "gho_");
    const now = seconds(this.clock);
    const authorizationId = await this.store.allocateId("authorizations");
    await this.store.insertUserToken({
      tokenHash: hashToken(token),
      userId: user.id,
      scopes,
      expiresAt: null,
      now,
      kind,
      authorizationId,
      note,
      lastEight: token.slice(-8),
    });
    const authorization = (await this.store.listAuthorizations(user.id, kind)).find(
      (a) => a.id === authorizationId,
    )!;
    return { token, authorization };
  }

  async deleteTokens(user: Account, kind: "personal" | "impersonation"): Promise<void> {
    await this.store.deleteUserTokens(user.id, kind);
  }

  private async create(
    type: AccountType,
    login: string,
    fields: { name: string | null; email: string | null; siteAdmin: boolean },
    tx: AccountStore & SettingStore = this.store,
  ): Promise<Account> {
    this.checkLogin(login);
    const resource = type === "User" ? "User" : "Organization";
    checkLength(resource, "name", fields.name, FIELD_LIMITS.accountName);
    checkLength(resource, "email", fields.email, FIELD_LIMITS.accountEmail);
    if (await tx.findAccountByLogin(login)) throw this.taken(login);
    const id = await tx.allocateId("accounts");
    await tx.insertAccount({ id, login, type, ...fields, now: seconds(this.clock) });
    return (await tx.findAccountById(id))!;
  }

  private checkLogin(login: string): void {
    if (!LOGIN.test(login)) {
      throw new ValidationError("Validation Failed", [
        {
          resource: "User",
          field: "login",
          code: "custom",
          message:
            "login may only contain alphanumeric characters or single hyphens, and cannot begin or end with a hyphen",
        },
      ]);
    }
  }

  private taken(login: string): ValidationError {
    return new ValidationError("Validation Failed", [
      { resource: "User", field: "login", code: "custom", message: `login '${login}' is already taken` },
    ]);
  }

  /** The account a login names, or undefined. */
  find(login: string): Promise<Account | undefined> {
    return this.store.findAccountByLogin(login);
  }

  /** The organizations a user belongs to, with the user's role in each. */
  listOrganizationsOf(user: Account): Promise<Array<{ org: Account; role: "member" | "admin" }>> {
    return this.store.listOrgsOfUser(user.id);
  }
}
