import {
  administeredAccounts,
  belongsTo,
  canAdministerAccount,
  canManageApp,
  canSeeApp,
  canSeeDeliveries,
  canSeeInstallation,
  repositoryRole,
  type AppViewer,
  type RepositoryRole,
} from "./access.js";
import type { Account, App, Installation, Repository } from "./model.js";
import { worldOverview, type WorldOverview } from "./world-overview.js";
import type { AccountStore, AppStore, InstallationStore, RepositoryStore } from "../store/store.js";

/**
 * Who may see and do what (the rules of access.ts), over the hub's store: what the API's handlers and
 * the pages ask, so neither reaches the store to answer it.
 */
export class AccessControl {
  constructor(private readonly store: AccountStore & RepositoryStore & AppStore & InstallationStore) {}

  repositoryRole(
    user: Account,
    repository: Repository,
    options: { explicit?: boolean } = {},
  ): Promise<RepositoryRole | undefined> {
    return repositoryRole(this.store, user, repository, options);
  }

  canAdministerAccount(user: Account, account: Account): Promise<boolean> {
    return canAdministerAccount(this.store, user, account);
  }

  canManageApp(user: Account, app: App): Promise<boolean> {
    return canManageApp(this.store, user, app);
  }

  administeredAccounts(user: Account): Promise<Account[]> {
    return administeredAccounts(this.store, user);
  }

  belongsTo(user: Account, account: Account): Promise<boolean> {
    return belongsTo(this.store, user, account);
  }

  canSeeApp(app: App, viewer: AppViewer): Promise<boolean> {
    return canSeeApp(this.store, app, viewer);
  }

  canSeeDeliveries(user: Account, app: App): Promise<boolean> {
    return canSeeDeliveries(this.store, user, app);
  }

  canSeeInstallation(user: Account, installation: Installation, app: App): Promise<boolean> {
    return canSeeInstallation(this.store, user, installation, app);
  }

  /** The world as one signed-in user may see it (hubcap's overview page). */
  worldOverview(user: Account): Promise<WorldOverview> {
    return worldOverview(this.store, user);
  }
}
