import type { Account, App, Installation, Permissions, Repository, RepositoryPermission } from "./model.js";
import type { AccountStore, RepositoryStore } from "../store/store.js";

/** What a person may do in a repository, in GitHub's `permissions` shape. */
export interface RepositoryRole {
  admin: boolean;
  maintain: boolean;
  push: boolean;
  triage: boolean;
  pull: boolean;
}

const LEVELS: RepositoryPermission[] = ["pull", "triage", "push", "maintain", "admin"];

/** GitHub's `permissions` object for a role: each level includes those below it. */
function roleOf(permission: RepositoryPermission): RepositoryRole {
  const rank = LEVELS.indexOf(permission);
  return {
    admin: rank >= 4,
    maintain: rank >= 3,
    push: rank >= 2,
    triage: rank >= 1,
    pull: true,
  };
}

/**
 * What an installation token may do in a repository it reaches, as GitHub's `permissions` object: the
 * app's repository permissions, not a person's role. Metadata alone gives none of them (PyGithub
 * tests/ReplayData/Installation.testGetRepos.txt: all false for a `metadata: read` token).
 */
export function installationRepositoryRole(permissions: Permissions): RepositoryRole {
  const write = (name: string) => permissions[name] === "write" || permissions[name] === "admin";
  const admin = write("administration");
  const push = write("contents");
  return {
    admin,
    maintain: admin,
    push,
    triage: push || write("issues") || write("pull_requests"),
    pull: permissions.contents !== undefined,
  };
}

/**
 * A user's role in a repository: its owner, the owning organization's admins and site admins
 * administer it; members read it (GitHub's default base permission); collaborators have the role
 * they were given; anyone reads a public one. The highest of these applies.
 */
export async function repositoryRole(
  store: AccountStore & RepositoryStore,
  user: Account,
  repository: Repository,
  /**
   * Only the access GitHub calls explicit (ownership, organization membership, collaboration): what
   * decides which installations and repositories a user reaches through an app.
   */
  options: { explicit?: boolean } = {},
): Promise<RepositoryRole | undefined> {
  if (repository.owner.id === user.id || (user.siteAdmin && !options.explicit)) return roleOf("admin");
  let best: RepositoryPermission | undefined = repository.private || options.explicit ? undefined : "pull";
  const raise = (p: RepositoryPermission | undefined) => {
    if (p && (!best || LEVELS.indexOf(p) > LEVELS.indexOf(best))) best = p;
  };
  if (repository.owner.type === "Organization") {
    const role = await store.findOrgRole(repository.owner.id, user.id);
    raise(role === "admin" ? "admin" : role === "member" ? "pull" : undefined);
  }
  raise(await store.findCollaboratorPermission(repository.id, user.id));
  return best && roleOf(best);
}

/**
 * Whether a user may act for an account (install apps on it, manage its apps): it is the user, the
 * user administers the organization, or the user is a site admin.
 */
export async function canAdministerAccount(
  store: AccountStore,
  user: Account,
  account: Account,
): Promise<boolean> {
  if (user.id === account.id || user.siteAdmin) return true;
  return account.type === "Organization" && (await store.findOrgRole(account.id, user.id)) === "admin";
}

/** Who manages an app's settings (keys, secrets, webhook, permissions): whoever administers its owner. */
export function canManageApp(store: AccountStore, user: Account, app: App): Promise<boolean> {
  return canAdministerAccount(store, user, app.owner);
}

/** The accounts a user may act for: the user, then the organizations the user administers. */
export async function administeredAccounts(store: AccountStore, user: Account): Promise<Account[]> {
  const orgs = await store.listOrgsOfUser(user.id);
  return [user, ...orgs.filter((o) => o.role === "admin").map((o) => o.org)];
}

/** Whether a user belongs to an account: is it, or is a member of the organization. */
export async function belongsTo(store: AccountStore, user: Account, account: Account): Promise<boolean> {
  if (user.id === account.id) return true;
  return account.type === "Organization" && (await store.findOrgRole(account.id, user.id)) !== undefined;
}

export type AppViewer =
  | { kind: "app"; appId: number }
  | { kind: "installation"; appId: number }
  | { kind: "user"; user: Account }
  | undefined;

/** A public app is seen by anyone; a private one by its owner's people, itself and its own installations. */
export async function canSeeApp(store: AccountStore, app: App, viewer: AppViewer): Promise<boolean> {
  if (app.public) return true;
  if (!viewer) return false;
  if (viewer.kind === "user") return belongsTo(store, viewer.user, app.owner);
  return viewer.appId === app.id;
}

/**
 * An app's webhook deliveries (payloads included) are shown to those who manage the app.
 * https://docs.github.com/en/apps/maintaining-github-apps/about-github-app-managers
 */
export function canSeeDeliveries(store: AccountStore, user: Account, app: App): Promise<boolean> {
  return canManageApp(store, user, app);
}

/** Who sees an installation: whoever manages its app or administers the account it is on. */
export async function canSeeInstallation(
  store: AccountStore,
  user: Account,
  installation: Installation,
  app: App,
): Promise<boolean> {
  return (
    (await canAdministerAccount(store, user, installation.account)) || (await canManageApp(store, user, app))
  );
}
