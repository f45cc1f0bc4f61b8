import type { Account, App, Installation, Repository } from "./model.js";
import type { Store } from "../store/store.js";

/** What a person may do in a repository, in GitHub's `permissions` shape. */
export interface RepositoryRole {
  admin: boolean;
  maintain: boolean;
  push: boolean;
  triage: boolean;
  pull: boolean;
}

const ADMIN: RepositoryRole = { admin: true, maintain: true, push: true, triage: true, pull: true };
const READ: RepositoryRole = { admin: false, maintain: false, push: false, triage: false, pull: true };

/**
 * A user's role in a repository: its owner and the owning organization's admins administer it;
 * members read it (GitHub's default base permission); anyone reads a public one.
 */
export async function repositoryRole(
  store: Store,
  user: Account,
  repository: Repository,
): Promise<RepositoryRole | undefined> {
  if (repository.owner.id === user.id) return ADMIN;
  if (repository.owner.type === "Organization") {
    const role = await store.findOrgRole(repository.owner.id, user.id);
    if (role === "admin") return ADMIN;
    if (role === "member") return READ;
  }
  return repository.private ? undefined : READ;
}

/** Whether a user belongs to an account: is it, or is a member of the organization. */
export async function belongsTo(store: Store, user: Account, account: Account): Promise<boolean> {
  if (user.id === account.id) return true;
  return account.type === "Organization" && (await store.findOrgRole(account.id, user.id)) !== undefined;
}

export type AppViewer =
  | { kind: "app"; appId: number }
  | { kind: "installation"; appId: number }
  | { kind: "user"; user: Account }
  | undefined;

/** A public app is seen by anyone; a private one by its owner's people, itself and its own installations. */
export async function canSeeApp(store: Store, app: App, viewer: AppViewer): Promise<boolean> {
  if (app.public) return true;
  if (!viewer) return false;
  if (viewer.kind === "user") return belongsTo(store, viewer.user, app.owner);
  return viewer.appId === app.id;
}

/**
 * An app's webhook deliveries (payloads included) are shown to those who manage the app: the user who
 * owns it, an admin of the organization that owns it, or a site admin.
 * https://docs.github.com/en/apps/maintaining-github-apps/about-github-app-managers
 */
export async function canSeeDeliveries(store: Store, user: Account, app: App): Promise<boolean> {
  if (user.siteAdmin || app.owner.id === user.id) return true;
  return app.owner.type === "Organization" && (await store.findOrgRole(app.owner.id, user.id)) === "admin";
}

/**
 * Who sees an installation: whoever manages its app or administers the account it is on (the user
 * itself, an admin of the organization), and site admins.
 */
export async function canSeeInstallation(
  store: Store,
  user: Account,
  installation: Installation,
  app: App,
): Promise<boolean> {
  if (user.siteAdmin || installation.account.id === user.id) return true;
  if (await canSeeDeliveries(store, user, app)) return true;
  return (
    installation.account.type === "Organization" &&
    (await store.findOrgRole(installation.account.id, user.id)) === "admin"
  );
}
