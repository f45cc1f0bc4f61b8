import {
  canAdministerAccount,
  canSeeApp,
  canSeeDeliveries,
  canSeeInstallation,
  repositoryRole,
} from "./access.js";
import type { Account, App, Installation, Repository } from "./model.js";
import type { AccountStore, AppStore, InstallationStore, RepositoryStore } from "../store/store.js";

/** How much of each kind the overview reads: it is a glance at a world, not an export of one. */
export const OVERVIEW_LIMIT = 100;

export interface WorldOverview {
  accounts: Account[];
  accountsTotal: number;
  repositories: Repository[];
  apps: Array<{ app: App; manages: boolean }>;
  /** With whether the user administers the account (and so may change the installation). */
  installations: Array<{ installation: Installation; administers: boolean }>;
}

/**
 * The world as one signed-in user may see it: every account (logins are public on GitHub), the
 * repositories the user can read, the apps the user can see (and which of them the user manages), and
 * the installations the user can see.
 */
export async function worldOverview(
  store: AccountStore & RepositoryStore & AppStore & InstallationStore,
  user: Account,
): Promise<WorldOverview> {
  const page = { limit: OVERVIEW_LIMIT, offset: 0 };
  const accounts = await store.listAccounts(page);
  const appsById = new Map<number, App>();
  const apps: WorldOverview["apps"] = [];
  for (const app of (await store.listApps(page)).items) {
    appsById.set(app.id, app);
    if (await canSeeApp(store, app, { kind: "user", user })) {
      apps.push({ app, manages: await canSeeDeliveries(store, user, app) });
    }
  }
  const repositories: Repository[] = [];
  const installations: WorldOverview["installations"] = [];
  for (const account of accounts.items) {
    for (const repository of (await store.listRepositoriesForAccount(account.id, page)).items) {
      if (await repositoryRole(store, user, repository)) repositories.push(repository);
    }
    for (const installation of await store.listInstallationsOnAccount(account.id)) {
      const app = appsById.get(installation.appId) ?? (await store.findAppById(installation.appId));
      if (app && (await canSeeInstallation(store, user, installation, app))) {
        installations.push({ installation, administers: await canAdministerAccount(store, user, account) });
      }
    }
  }
  return { accounts: accounts.items, accountsTotal: accounts.total, repositories, apps, installations };
}
