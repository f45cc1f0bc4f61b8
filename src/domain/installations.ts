import { seconds, type Clock } from "./clock.js";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors.js";
import type {
  Account,
  Installation,
  InstallationToken,
  Permissions,
  Repository,
  RepositorySelection,
} from "./model.js";
import { intersect, requestedPermissions } from "./permissions.js";
import { SUSPENDED_MESSAGE } from "./token-auth.js";
import { generateToken, hashToken } from "./tokens.js";
import type { EventSink } from "./events.js";
import type {
  AccountStore,
  InstallationListFilter,
  InstallationRepositoryStore,
  InstallationStore,
  Page,
  Paged,
  RepositoryStore,
  StoreOps,
  TokenStore,
  Transactor,
} from "../store/store.js";

export interface AccessTokenRequest {
  repositories?: string[];
  repositoryIds?: number[];
  permissions?: Record<string, unknown>;
}

export interface IssuedAccessToken {
  token: string;
  expiresAt: number;
  permissions: Permissions;
  repositorySelection: RepositorySelection;
  /** Present when the token was restricted to some repositories. */
  repositories: Repository[] | null;
}

/** GitHub's limits and messages for `POST /app/installations/{id}/access_tokens`. */
export const TOKEN_LIFETIME_SECONDS = 3600;
export const MAX_TOKEN_REPOSITORIES = 500;
const INACCESSIBLE_REPOSITORY =
  "There is at least one repository that does not exist or is not accessible to the parent installation.";
const PERMISSIONS_NOT_GRANTED = "The permissions requested are not granted to this installation.";

/** Installations as an app sees them, and the tokens minted for them. */
export class Installations {
  constructor(
    private readonly store: InstallationStore &
      InstallationRepositoryStore &
      TokenStore &
      AccountStore &
      RepositoryStore &
      Transactor,
    private readonly clock: Clock,
    private readonly events: EventSink,
  ) {}

  /** Any installation, of any app (for site administration). */
  async getAny(installationId: number): Promise<Installation> {
    const installation = await this.store.findInstallation(installationId);
    if (!installation) throw new NotFoundError();
    return installation;
  }

  /** An installation of this app; another app's installation is as unknown as a missing one. */
  async getForApp(appId: number, installationId: number): Promise<Installation> {
    const installation = await this.store.findInstallation(installationId);
    if (!installation || installation.appId !== appId) throw new NotFoundError();
    return installation;
  }

  listForApp(appId: number, filter: InstallationListFilter, page: Page): Promise<Paged<Installation>> {
    return this.store.listInstallationsForApp(appId, filter, page);
  }

  async getForAccount(appId: number, login: string, type?: Account["type"]): Promise<Installation> {
    const account = await this.store.findAccountByLogin(login);
    if (!account || (type && account.type !== type)) throw new NotFoundError();
    const installation = await this.store.findInstallationForAccount(appId, account.id);
    if (!installation) throw new NotFoundError();
    return installation;
  }

  async getForRepository(appId: number, owner: string, name: string): Promise<Installation> {
    const repository = await this.store.findRepository(owner, name);
    if (!repository) throw new NotFoundError();
    const installation = await this.store.findInstallationForAccount(appId, repository.owner.id);
    if (!installation || !(await this.store.installationHasRepository(installation, repository.id))) {
      throw new NotFoundError();
    }
    return installation;
  }

  /** Uninstalls; the app hears `installation.deleted` (sent by its owner, for whom the app acts). */
  async delete(appId: number, installationId: number): Promise<void> {
    await this.store.transaction(async (tx) => {
      const installation = await this.inTransaction(tx, appId, installationId);
      const repositories = await this.selectedRepositories(tx, installation);
      if (!(await tx.deleteInstallation(installationId))) throw new NotFoundError();
      await this.events.record(tx, appId, {
        event: "installation",
        action: "deleted",
        installation,
        sender: await this.actor(tx, appId),
        repositories,
      });
    });
  }

  async suspend(appId: number, installationId: number): Promise<void> {
    await this.setSuspended(appId, installationId, true);
  }

  async unsuspend(appId: number, installationId: number): Promise<void> {
    await this.setSuspended(appId, installationId, false);
  }

  private async setSuspended(appId: number, installationId: number, suspended: boolean): Promise<void> {
    await this.store.transaction(async (tx) => {
      const before = await this.inTransaction(tx, appId, installationId);
      if ((before.suspendedAt !== null) === suspended) return;
      const now = seconds(this.clock);
      await tx.updateInstallation(installationId, {
        suspendedAt: suspended ? now : null,
        suspendedById: null,
        now,
      });
      const installation = (await tx.findInstallation(installationId))!;
      await this.events.record(tx, appId, {
        event: "installation",
        action: suspended ? "suspend" : "unsuspend",
        installation,
        sender: await this.actor(tx, appId),
        repositories: await this.selectedRepositories(tx, installation),
      });
    });
  }

  private async inTransaction(tx: StoreOps, appId: number, installationId: number): Promise<Installation> {
    const installation = await tx.findInstallation(installationId);
    if (!installation || installation.appId !== appId) throw new NotFoundError();
    return installation;
  }

  /** Who acts when an app acts through the API: GitHub names the app's owner as the sender. */
  private async actor(tx: StoreOps, appId: number): Promise<Account> {
    return (await tx.findAppById(appId))!.owner;
  }

  private async selectedRepositories(tx: StoreOps, installation: Installation): Promise<Repository[] | null> {
    if (installation.repositorySelection === "all") return null;
    return (await tx.listInstallationRepositories(installation, null, { limit: 1000, offset: 0 })).items;
  }

  async createAccessToken(
    appId: number,
    installationId: number,
    request: AccessTokenRequest,
  ): Promise<IssuedAccessToken> {
    const installation = await this.getForApp(appId, installationId);
    if (installation.suspendedAt !== null) throw new ForbiddenError(SUSPENDED_MESSAGE);

    const permissions =
      request.permissions === undefined || Object.keys(request.permissions).length === 0
        ? installation.permissions
        : requestedPermissions(
            request.permissions,
            installation.permissions,
            () => new ValidationError(PERMISSIONS_NOT_GRANTED),
          );

    const repositories = await this.restrictedRepositories(installation, request);
    const now = seconds(this.clock);
    const token = generateToken("ghs_");
    const expiresAt = now + TOKEN_LIFETIME_SECONDS;
    await this.store
      .insertInstallationToken({
        tokenHash: hashToken(token),
        installationId,
        permissions,
        repositoryIds: repositories && repositories.map((r) => r.id),
        expiresAt,
        now,
      })
      .catch(async (error: unknown) => {
        // Deleted since it was read (the token's reference to it fails): gone, as GitHub answers.
        if (!(await this.store.findInstallation(installationId))) throw new NotFoundError();
        throw error;
      });
    return {
      token,
      expiresAt,
      permissions,
      repositorySelection: repositories ? "selected" : installation.repositorySelection,
      repositories,
    };
  }

  /** The repositories a token request names, each checked against the installation; null for all. */
  private async restrictedRepositories(
    installation: Installation,
    request: AccessTokenRequest,
  ): Promise<Repository[] | null> {
    const names = [...new Set((request.repositories ?? []).map((n) => n.toLowerCase()))];
    const ids = [...new Set(request.repositoryIds ?? [])];
    if (names.length === 0 && ids.length === 0) return null;
    if (names.length + ids.length > MAX_TOKEN_REPOSITORIES) {
      throw new ValidationError(`Too many repositories requested; the maximum is ${MAX_TOKEN_REPOSITORIES}.`);
    }
    const found = new Map<number, { id: number; name: string }>();
    if (names.length > 0) {
      const byName = await this.store.findInstallationRepositories(installation, { names });
      if (byName.length !== names.length) throw new ValidationError(INACCESSIBLE_REPOSITORY);
      for (const r of byName) found.set(r.id, r);
    }
    if (ids.length > 0) {
      const byId = await this.store.findInstallationRepositories(installation, { ids });
      if (byId.length !== ids.length) throw new ValidationError(INACCESSIBLE_REPOSITORY);
      for (const r of byId) found.set(r.id, r);
    }
    const page = await this.store.listInstallationRepositories(installation, [...found.keys()], {
      limit: MAX_TOKEN_REPOSITORIES,
      offset: 0,
    });
    return page.items;
  }

  /** The repositories a token reaches now: the installation's, narrowed to the token's own list. */
  listTokenRepositories(token: InstallationToken, page: Page): Promise<Paged<Repository>> {
    return this.store.listInstallationRepositories(token.installation, token.repositoryIds, page);
  }

  async tokenReaches(token: InstallationToken, repository: Repository): Promise<boolean> {
    if (token.repositoryIds && !token.repositoryIds.includes(repository.id)) return false;
    if (repository.owner.id !== token.installation.account.id) return false;
    return this.store.installationHasRepository(token.installation, repository.id);
  }

  /**
   * A token's effective permissions: what it was minted with, less anything the installation has since
   * lost. Every permission check of an installation token asks this, never the token's own record.
   */
  tokenPermissions(token: InstallationToken): Permissions {
    return tokenPermissions(token);
  }

  async revokeToken(tokenHash: string): Promise<void> {
    await this.store.deleteInstallationToken(tokenHash);
  }

  /** Any installation, of any app, or undefined. */
  find(installationId: number): Promise<Installation | undefined> {
    return this.store.findInstallation(installationId);
  }

  /** The app's installation on an account, or undefined. */
  findForAccount(appId: number, account: Account): Promise<Installation | undefined> {
    return this.store.findInstallationForAccount(appId, account.id);
  }

  listOnAccount(account: Account): Promise<Installation[]> {
    return this.store.listInstallationsOnAccount(account.id);
  }

  /** The repositories an installation reaches (all of its account's, or those selected). */
  listRepositories(installation: Installation, page: Page): Promise<Paged<Repository>> {
    return this.store.listInstallationRepositories(installation, null, page);
  }
}

/** What an installation token may do now: its own permissions within what the installation grants now. */
export function tokenPermissions(token: InstallationToken): Permissions {
  return intersect(token.permissions, token.installation.permissions);
}
