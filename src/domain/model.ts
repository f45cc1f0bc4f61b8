/** The world as the domain sees it. Times are whole seconds since the epoch: GitHub shows no milliseconds. */

export type AccountType = "User" | "Organization";

export interface Account {
  id: number;
  login: string;
  type: AccountType;
  name: string | null;
  email: string | null;
  siteAdmin: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface Repository {
  id: number;
  owner: Account;
  name: string;
  private: boolean;
  description: string | null;
  defaultBranch: string;
  createdAt: number;
  updatedAt: number;
  pushedAt: number;
}

export type PermissionLevel = "read" | "write" | "admin";
export type Permissions = Record<string, PermissionLevel>;

export interface App {
  id: number;
  slug: string;
  name: string;
  description: string | null;
  externalUrl: string;
  owner: Account;
  public: boolean;
  clientId: string;
  permissions: Permissions;
  events: string[];
  webhookUrl: string | null;
  installationsCount: number;
  createdAt: number;
  updatedAt: number;
}

export interface AppKey {
  id: number;
  appId: number;
  fingerprint: string;
  publicKeyPem: string;
  createdAt: number;
}

export type RepositorySelection = "all" | "selected";

/** What authorizing needs of an installation: the part a token carries (and all a token lookup reads). */
export interface InstallationGrant {
  id: number;
  appId: number;
  account: Account;
  repositorySelection: RepositorySelection;
  permissions: Permissions;
  suspendedAt: number | null;
}

export interface Installation extends InstallationGrant {
  appSlug: string;
  events: string[];
  suspendedBy: Account | null;
  createdAt: number;
  updatedAt: number;
}

export interface InstallationToken {
  installation: InstallationGrant;
  permissions: Permissions;
  /** Set when the token was restricted to some of the installation's repositories. */
  repositoryIds: number[] | null;
  expiresAt: number;
}

export interface UserToken {
  user: Account;
  kind: "personal";
  scopes: string[];
  expiresAt: number | null;
}

/** A window of rate-limit accounting for one credential. */
export interface RateLimitWindow {
  used: number;
  resetAt: number;
}
