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
  mergeSettings: MergeSettings;
}

/** A repository's pull-request merge settings, under GitHub's names (see merge-settings.ts). */
export interface MergeSettings {
  allow_rebase_merge: boolean;
  allow_squash_merge: boolean;
  allow_merge_commit: boolean;
  allow_auto_merge: boolean;
  delete_branch_on_merge: boolean;
  allow_update_branch: boolean;
  use_squash_pr_title_as_default: boolean;
  squash_merge_commit_title: "PR_TITLE" | "COMMIT_OR_PR_TITLE";
  squash_merge_commit_message: "PR_BODY" | "COMMIT_MESSAGES" | "BLANK";
  merge_commit_title: "PR_TITLE" | "MERGE_MESSAGE";
  merge_commit_message: "PR_BODY" | "PR_TITLE" | "BLANK";
  web_commit_signoff_required: boolean;
}

/** A collaborator's role in a repository, as GitHub names them. */
export type RepositoryPermission = "pull" | "triage" | "push" | "maintain" | "admin";

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
  webhookContentType: "json" | "form";
  webhookInsecureSsl: "0" | "1";
  webhookActive: boolean;
  /** The id of the app's webhook (X-GitHub-Hook-ID), given when a webhook is first configured. */
  hookId: number | null;
  installationsCount: number;
  /** Where the web flow may send people back (the first is the default). */
  callbackUrls: string[];
  /** Whether user access tokens expire after 8 hours and come with refresh tokens (GitHub's default). */
  expireUserTokens: boolean;
  deviceFlowEnabled: boolean;
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
  /** The app's client id, which GitHub's `installation` carries. */
  appClientId: string;
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
  kind: "personal" | "impersonation";
  scopes: string[];
  expiresAt: number | null;
}

/** A signed-in browser: who, the token its forms carry (CSRF), and until when (seconds). */
export interface Session {
  user: Account;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
}

/** A window of rate-limit accounting for one credential. */
export interface RateLimitWindow {
  used: number;
  resetAt: number;
}

/** One delivery of the app webhook outbox. */
export interface Delivery {
  id: number;
  guid: string;
  appId: number;
  hookId: number;
  installationId: number | null;
  repositoryId: number | null;
  event: string;
  action: string | null;
  /** The JSON payload, exactly as sent. */
  payload: string;
  redelivery: boolean;
  url: string | null;
  /** Set once attempted. */
  deliveredAt: number | null;
  /** Seconds. */
  duration: number | null;
  status: string | null;
  statusCode: number | null;
  requestHeaders: Record<string, string> | null;
  responseHeaders: Record<string, string> | null;
  responseBody: string | null;
  createdAt: number;
}

/** A user token as GitHub lists an authorization: never the token itself. */
export interface Authorization {
  id: number;
  user: Account;
  kind: "personal" | "impersonation";
  scopes: string[];
  note: string | null;
  lastEight: string | null;
  expiresAt: number | null;
  createdAt: number;
}

/** A client secret as an app's settings list it: its last eight characters only. */
/** A client secret as hubcap keeps it: never the secret, its hash (base64url SHA-256) and last eight. */
export interface KeptClientSecret {
  secretHash: string;
  lastEight: string;
}

export interface ClientSecretInfo {
  id: number;
  appId: number;
  lastEight: string;
  createdAt: number;
}

/** How a Marketplace plan charges: GitHub's `price_model`. */
export type PriceModel = "FREE" | "FLAT_RATE" | "PER_UNIT";

/** A plan of an app's GitHub Marketplace listing. Prices are in cents. */
export interface MarketplacePlan {
  id: number;
  appId: number;
  /** The plan's position in its listing (1, 2, …): how a world file names it. */
  number: number;
  name: string;
  description: string;
  monthlyPriceInCents: number;
  yearlyPriceInCents: number;
  priceModel: PriceModel;
  unitName: string | null;
  hasFreeTrial: boolean;
  bullets: string[];
  state: "published" | "draft";
  createdAt: number;
  updatedAt: number;
}

export type BillingCycle = "monthly" | "yearly";

/** A change that takes effect at the end of the billing cycle (a downgrade). */
export interface MarketplacePendingChange {
  id: number;
  plan: MarketplacePlan;
  unitCount: number;
  billingCycle: BillingCycle;
  effectiveDate: number;
}

/** An account's purchase of an app's Marketplace plan: at most one per app and account. */
export interface MarketplacePurchase {
  appId: number;
  account: Account;
  plan: MarketplacePlan;
  billingCycle: BillingCycle;
  unitCount: number;
  onFreeTrial: boolean;
  freeTrialEndsOn: number | null;
  /** Null for free plans: nothing is billed. */
  nextBillingDate: number | null;
  pendingChange: MarketplacePendingChange | null;
  /** Whether the app is installed on the account (GitHub's `marketplace_purchase.is_installed`). */
  isInstalled: boolean;
  createdAt: number;
  updatedAt: number;
}

/** An organization member's request that an admin install an app on the organization. */
export interface InstallationRequest {
  id: number;
  appId: number;
  account: Account;
  requester: Account;
  createdAt: number;
}

/** A link to one of an app's declared domains, posted in a repository the installation reaches. */
export interface ContentReference {
  id: number;
  installationId: number;
  repositoryId: number;
  reference: string;
  createdAt: number;
}

export interface ContentAttachment {
  id: number;
  contentReferenceId: number;
  title: string;
  body: string;
  createdAt: number;
}

/** A person's authorization of an app ("sign in with GitHub"); every user access token belongs to one. */
export interface OAuthGrant {
  id: number;
  userId: number;
  appId: number;
  createdAt: number;
}

/** What a scoped user access token is narrowed to: one installation, and of it some repositories and permissions. */
export interface TokenScope {
  /** The account the installation is on. */
  targetId: number;
  repositoryIds: number[] | null;
  permissions: Permissions | null;
}

/** A GitHub App's user access token (`ghu_`): it acts for `user`, through `appId`'s installations. */
export interface UserAccessToken {
  /** The authorization's id, as `POST /applications/{client_id}/token` shows it. */
  id: number;
  grantId: number;
  user: Account;
  appId: number;
  lastEight: string;
  expiresAt: number | null;
  refreshExpiresAt: number | null;
  scope: TokenScope | null;
  createdAt: number;
}

/** A web-flow code, as stored: single use, bound to the redirect URI and PKCE challenge it was issued with. */
export interface AuthorizationCode {
  appId: number;
  grantId: number;
  redirectUri: string | null;
  codeChallenge: string | null;
  expiresAt: number;
}

/** A device-flow request, from `POST /login/device/code` to the person's answer on `/login/device`. */
export interface DeviceRequest {
  deviceCodeHash: string;
  userCode: string;
  appId: number;
  state: "pending" | "authorized" | "denied";
  grantId: number | null;
  interval: number;
  lastPolledAt: number | null;
  expiresAt: number;
}
