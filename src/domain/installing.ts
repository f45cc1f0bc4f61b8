import { canAdministerAccount } from "./access.js";
import { seconds, type Clock } from "./clock.js";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors.js";
import type { EventSink } from "./events.js";
import type { Account, Installation, Repository, RepositorySelection } from "./model.js";
import { reachableRepositories, reportRepositoryChanges } from "./repository-changes.js";
import { sameJson } from "./same-json.js";
import type { StoreOps, Transactor } from "../store/store.js";

export interface RepositoryChoice {
  selection: RepositorySelection;
  /** The chosen repositories, for a selection of some; each must belong to the installation's account. */
  repositoryIds?: number[];
}

/**
 * What people do to installations on GitHub's pages (install, choose repositories, accept new
 * permissions, suspend, uninstall), done by `actor`: a user who administers the account (or a site admin).
 * The app hears each change with `actor` as its sender.
 */
export class Installing {
  constructor(
    private readonly store: Transactor,
    private readonly clock: Clock,
    private readonly events: EventSink,
  ) {}

  async install(
    appId: number,
    account: Account,
    choice: RepositoryChoice,
    actor: Account,
  ): Promise<Installation> {
    return this.store.transaction(async (tx) => {
      const app = await tx.findAppById(appId);
      if (!app) throw new NotFoundError();
      await this.mayActFor(tx, actor, account);
      if (await tx.findInstallationForAccount(appId, account.id)) {
        throw new ValidationError(`${app.name} is already installed on ${account.login}.`, [
          { resource: "Installation", field: "account", code: "already_exists" },
        ]);
      }
      const repositoryIds = await this.chosenRepositories(tx, account, choice);
      const now = seconds(this.clock);
      const id = await tx.allocateId("installations");
      await tx.insertInstallation({
        id,
        appId,
        accountId: account.id,
        repositorySelection: choice.selection,
        permissions: app.permissions,
        events: app.events,
        now,
      });
      await tx.setInstallationRepositories(id, repositoryIds);
      // An admin installing answers the members' requests for it.
      await tx.deleteInstallationRequests(appId, account.id);
      const installation = (await tx.findInstallation(id))!;
      await this.events.record(tx, appId, {
        event: "installation",
        action: "created",
        installation,
        sender: actor,
        repositories: await this.selected(tx, installation),
      });
      return installation;
    });
  }

  async setRepositories(
    installationId: number,
    choice: RepositoryChoice,
    actor: Account,
  ): Promise<Installation> {
    return this.store.transaction(async (tx) => {
      const found = await this.existing(tx, installationId, actor);
      const repositoryIds = await this.chosenRepositories(tx, found.account, choice);
      const before = await reachableRepositories(tx, found);
      const now = seconds(this.clock);
      if (found.repositorySelection !== choice.selection) {
        await tx.updateInstallation(installationId, { repositorySelection: choice.selection, now });
      }
      await tx.setInstallationRepositories(installationId, repositoryIds);
      const installation = (await tx.findInstallation(installationId))!;
      await reportRepositoryChanges(tx, this.events, installation, before, actor);
      return installation;
    });
  }

  /** Takes the app's current permissions and events, as an account admin does on the review page. */
  async acceptPermissions(installationId: number, actor: Account): Promise<Installation> {
    return this.store.transaction(async (tx) => {
      const found = await this.existing(tx, installationId, actor);
      const app = (await tx.findAppById(found.appId))!;
      if (sameJson(found.permissions, app.permissions) && sameJson(found.events, app.events)) return found;
      await tx.updateInstallation(installationId, {
        permissions: app.permissions,
        events: app.events,
        now: seconds(this.clock),
      });
      const installation = (await tx.findInstallation(installationId))!;
      await this.events.record(tx, found.appId, {
        event: "installation",
        action: "new_permissions_accepted",
        installation,
        sender: actor,
        repositories: await this.selected(tx, installation),
      });
      return installation;
    });
  }

  async suspend(installationId: number, actor: Account): Promise<Installation> {
    return this.setSuspended(installationId, actor, true);
  }

  async unsuspend(installationId: number, actor: Account): Promise<Installation> {
    return this.setSuspended(installationId, actor, false);
  }

  async uninstall(installationId: number, actor: Account): Promise<void> {
    await this.store.transaction(async (tx) => {
      const installation = await this.existing(tx, installationId, actor);
      const repositories = await this.selected(tx, installation);
      await tx.deleteInstallation(installationId);
      await this.events.record(tx, installation.appId, {
        event: "installation",
        action: "deleted",
        installation,
        sender: actor,
        repositories,
      });
    });
  }

  private async setSuspended(
    installationId: number,
    actor: Account,
    suspended: boolean,
  ): Promise<Installation> {
    return this.store.transaction(async (tx) => {
      const found = await this.existing(tx, installationId, actor);
      if ((found.suspendedAt !== null) === suspended) return found;
      const now = seconds(this.clock);
      await tx.updateInstallation(installationId, {
        suspendedAt: suspended ? now : null,
        suspendedById: suspended ? actor.id : null,
        now,
      });
      const installation = (await tx.findInstallation(installationId))!;
      await this.events.record(tx, installation.appId, {
        event: "installation",
        action: suspended ? "suspend" : "unsuspend",
        installation,
        sender: actor,
        repositories: await this.selected(tx, installation),
      });
      return installation;
    });
  }

  /** An installation the actor may change; one on an account they don't administer is not found. */
  private async existing(tx: StoreOps, installationId: number, actor: Account): Promise<Installation> {
    const installation = await tx.findInstallation(installationId);
    if (!installation) throw new NotFoundError();
    if (!(await canAdministerAccount(tx, actor, installation.account))) throw new NotFoundError();
    return installation;
  }

  private async mayActFor(tx: StoreOps, actor: Account, account: Account): Promise<void> {
    if (!(await canAdministerAccount(tx, actor, account))) {
      throw new ForbiddenError(`You must be an admin of ${account.login} to install apps on it.`);
    }
  }

  private async chosenRepositories(
    tx: StoreOps,
    account: Account,
    choice: RepositoryChoice,
  ): Promise<number[]> {
    const ids = [...new Set(choice.repositoryIds ?? [])];
    if (choice.selection === "all") {
      if (ids.length > 0) {
        throw new ValidationError("Repositories are chosen only for a selection of some.", [
          { resource: "Installation", field: "repositories", code: "invalid" },
        ]);
      }
      return [];
    }
    if (ids.length === 0) {
      throw new ValidationError("Choose at least one repository.", [
        { resource: "Installation", field: "repositories", code: "missing_field" },
      ]);
    }
    for (const id of ids) {
      const repository = await tx.findRepositoryById(id);
      if (!repository || repository.owner.id !== account.id) {
        throw new ValidationError(`Repository ${id} does not belong to ${account.login}.`, [
          { resource: "Installation", field: "repositories", code: "invalid" },
        ]);
      }
    }
    return ids.sort((a, b) => a - b);
  }

  private async selected(tx: StoreOps, installation: Installation): Promise<Repository[] | null> {
    if (installation.repositorySelection === "all") return null;
    return reachableRepositories(tx, installation);
  }
}
