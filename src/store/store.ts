import type {
  Account,
  AccountType,
  App,
  AppKey,
  Authorization,
  AuthorizationCode,
  DeviceRequest,
  OAuthGrant,
  TokenScope,
  UserAccessToken,
  ClientSecretInfo,
  Delivery,
  Installation,
  InstallationGrant,
  InstallationToken,
  BillingCycle,
  ContentAttachment,
  ContentReference,
  InstallationRequest,
  MarketplacePlan,
  MarketplacePurchase,
  Permissions,
  RateLimitWindow,
  Repository,
  RepositoryPermission,
  RepositorySelection,
  Session,
  UserToken,
} from "../domain/model.js";

/** Sequences that number the world's objects; each pinned id moves its sequence past it. */
export type IdKind =
  | "accounts"
  | "repositories"
  | "apps"
  | "app_keys"
  | "app_client_secrets"
  | "installations"
  | "hooks"
  | "webhook_deliveries"
  | "authorizations"
  | "marketplace_plans"
  | "marketplace_pending_changes"
  | "installation_requests"
  | "content_references"
  | "content_attachments"
  | "oauth_grants";

/** A delivery as the outbox writes it: before any attempt. */
export type NewDelivery = Pick<
  Delivery,
  | "id"
  | "guid"
  | "appId"
  | "hookId"
  | "installationId"
  | "repositoryId"
  | "event"
  | "action"
  | "payload"
  | "redelivery"
> & { now: number };

export interface DeliveryOutcome {
  url: string | null;
  deliveredAt: number;
  duration: number;
  status: string;
  statusCode: number;
  requestHeaders: Record<string, string>;
  responseHeaders: Record<string, string>;
  responseBody: string;
}

/** What a worker needs to send a claimed delivery: the row and its app's current webhook. */
export interface ClaimedDelivery {
  delivery: Delivery;
  webhook: {
    url: string | null;
    contentType: "json" | "form";
    insecureSsl: "0" | "1";
    active: boolean;
    sealedSecret: string | null;
  };
}

export interface Page {
  limit: number;
  offset: number;
}

export interface Paged<T> {
  items: T[];
  total: number;
}

export interface AppCredentials {
  appId: number;
  ownerId: number;
  /** The app's registered public keys; their PEMs are read once each (keys never change). */
  keyIds: number[];
}

export interface InstallationListFilter {
  since?: number;
  /** Only installations whose accepted permissions differ from the app's current ones. */
  outdated?: boolean;
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

export interface NewRepository {
  id: number;
  ownerId: number;
  name: string;
  private: boolean;
  description: string | null;
  defaultBranch: string;
  now: number;
}

export interface WebhookPatch {
  webhookUrl?: string | null;
  webhookSecret?: string | null;
  webhookContentType?: "json" | "form";
  webhookInsecureSsl?: "0" | "1";
  webhookActive?: boolean;
  hookId?: number;
}

export interface NewApp {
  id: number;
  slug: string;
  name: string;
  description: string | null;
  externalUrl: string;
  ownerId: number;
  public: boolean;
  clientId: string;
  permissions: Permissions;
  events: string[];
  webhookUrl: string | null;
  webhookSecret: string | null;
  callbackUrls?: string[];
  expireUserTokens?: boolean;
  deviceFlowEnabled?: boolean;
  now: number;
}

export interface NewInstallation {
  id: number;
  appId: number;
  accountId: number;
  repositorySelection: RepositorySelection;
  permissions: Permissions;
  events: string[];
  now: number;
}

/** A plan as the world or the administration API declares it. */
export type NewMarketplacePlan = Omit<MarketplacePlan, "createdAt" | "updatedAt"> & { now: number };

/** A purchase row: the plans by id (the domain reads them back whole). */
export interface MarketplacePurchaseRow {
  appId: number;
  accountId: number;
  planId: number;
  billingCycle: BillingCycle;
  unitCount: number;
  onFreeTrial: boolean;
  freeTrialEndsOn: number | null;
  nextBillingDate: number | null;
  pendingChange: {
    id: number;
    planId: number;
    unitCount: number;
    billingCycle: BillingCycle;
    effectiveDate: number;
  } | null;
  createdAt: number;
  updatedAt: number;
}

/** GitHub's orders of a plan's accounts: `sort` created or updated, `direction` asc or desc. */
export interface PurchaseOrder {
  sort: "created" | "updated";
  direction: "asc" | "desc";
}

/**
 * Everything hubcap keeps. Methods are plain data operations; the rules live in the domain. Every method
 * is atomic on its own; `transaction` groups several into one unit.
 */
export interface StoreOps {
  /**
   * Runs `fn` once what was written through this object is committed: at once outside a transaction,
   * after COMMIT inside one, and never when the transaction rolls back. Work that must see the write
   * from elsewhere (a deliverer claiming a new delivery) is started here, not inside the transaction.
   */
  afterCommit(fn: () => void): void;

  allocateId(kind: IdKind): Promise<number>;
  reserveId(kind: IdKind, id: number): Promise<void>;

  getSetting(key: string): Promise<string | undefined>;
  setSetting(key: string, value: string): Promise<void>;

  // Signing in to the web pages: passwords (scrypt hashes) and browser sessions (by a hash of their id).
  findPasswordHash(accountId: number): Promise<string | null>;
  setPasswordHash(accountId: number, passwordHash: string | null): Promise<void>;
  insertSession(session: NewSession): Promise<void>;
  findSession(idHash: string): Promise<Session | undefined>;
  deleteSession(idHash: string): Promise<boolean>;
  deleteExpiredSessions(before: number): Promise<number>;

  findAccountById(id: number): Promise<Account | undefined>;
  findAccountByLogin(login: string): Promise<Account | undefined>;
  insertAccount(account: NewAccount): Promise<void>;
  updateAccount(
    id: number,
    patch: { name?: string | null; email?: string | null; siteAdmin?: boolean; now: number },
  ): Promise<void>;
  setOrgMembership(orgId: number, userId: number, role: "member" | "admin"): Promise<void>;
  findOrgRole(orgId: number, userId: number): Promise<"member" | "admin" | undefined>;

  findRepository(ownerLogin: string, name: string): Promise<Repository | undefined>;
  findRepositoryById(id: number): Promise<Repository | undefined>;
  insertRepository(repository: NewRepository): Promise<void>;
  updateRepository(
    id: number,
    patch: {
      name?: string;
      private?: boolean;
      description?: string | null;
      defaultBranch?: string;
      now: number;
    },
  ): Promise<void>;

  findAppById(id: number): Promise<App | undefined>;
  findAppBySlug(slug: string): Promise<App | undefined>;
  /** The hot path of app authentication: the app's id, owner and public keys in one read. */
  findAppCredentials(by: { id: number } | { clientId: string }): Promise<AppCredentials | undefined>;
  insertApp(app: NewApp): Promise<void>;
  updateApp(id: number, patch: Partial<Omit<NewApp, "id" | "now">> & { now: number }): Promise<void>;
  listAppKeys(appId: number): Promise<AppKey[]>;
  findAppKeyPem(keyId: number): Promise<string | undefined>;
  insertAppKey(key: {
    id: number;
    appId: number;
    fingerprint: string;
    publicKeyPem: string;
    now: number;
  }): Promise<void>;
  updateWebhook(appId: number, patch: WebhookPatch, now: number): Promise<void>;
  findWebhookSecret(appId: number): Promise<string | null>;
  insertClientSecret(secret: {
    id: number;
    appId: number;
    secretHash: string;
    lastEight: string;
    now: number;
  }): Promise<void>;
  /** The app a client secret belongs to (secrets are unique across apps). */
  findClientSecretApp(secretHash: string): Promise<number | undefined>;

  findInstallation(id: number): Promise<Installation | undefined>;
  findInstallationForAccount(appId: number, accountId: number): Promise<Installation | undefined>;
  listInstallationsForApp(
    appId: number,
    filter: InstallationListFilter,
    page: Page,
  ): Promise<Paged<Installation>>;
  insertInstallation(installation: NewInstallation): Promise<void>;
  updateInstallation(
    id: number,
    patch: {
      repositorySelection?: RepositorySelection;
      permissions?: Permissions;
      events?: string[];
      suspendedAt?: number | null;
      suspendedById?: number | null;
      now: number;
    },
  ): Promise<void>;
  deleteInstallation(id: number): Promise<boolean>;
  setInstallationRepositories(installationId: number, repositoryIds: number[]): Promise<void>;

  /**
   * The repositories an installation reaches (all of its account's, or the selected ones), optionally
   * narrowed to `onlyIds`, ordered by id.
   */
  listInstallationRepositories(
    installation: InstallationGrant,
    onlyIds: number[] | null,
    page: Page,
  ): Promise<Paged<Repository>>;
  /** Of the given names or ids, those the installation reaches. */
  findInstallationRepositories(
    installation: InstallationGrant,
    by: { names: string[] } | { ids: number[] },
  ): Promise<Array<{ id: number; name: string }>>;
  installationHasRepository(installation: InstallationGrant, repositoryId: number): Promise<boolean>;

  insertInstallationToken(token: {
    tokenHash: string;
    installationId: number;
    permissions: Permissions;
    repositoryIds: number[] | null;
    expiresAt: number;
    now: number;
  }): Promise<void>;
  findInstallationToken(tokenHash: string): Promise<InstallationToken | undefined>;
  deleteInstallationToken(tokenHash: string): Promise<boolean>;
  deleteExpiredInstallationTokens(before: number): Promise<number>;

  insertUserToken(token: {
    tokenHash: string;
    userId: number;
    scopes: string[];
    expiresAt: number | null;
    now: number;
    kind?: "personal" | "impersonation";
    authorizationId?: number;
    note?: string | null;
    lastEight?: string;
  }): Promise<void>;
  findUserToken(tokenHash: string): Promise<UserToken | undefined>;

  insertDelivery(delivery: NewDelivery): Promise<void>;
  /**
   * Claims up to `limit` pending deliveries for one worker, atomically: no two workers get the same one.
   * Deliveries of `skipAppIds` (apps at their in-flight cap) stay for later.
   */
  claimDeliveries(
    worker: string,
    now: number,
    limit: number,
    skipAppIds?: number[],
  ): Promise<ClaimedDelivery[]>;
  /** Gives claimed deliveries back to the queue, unsent. */
  releaseDeliveries(worker: string, ids: number[]): Promise<void>;
  /** Returns to the queue deliveries claimed before `staleBefore` (ms) and never finished: their worker died. */
  releaseStaleDeliveries(staleBefore: number): Promise<number>;
  /** Records an attempt; false when the claim was lost (another worker took the delivery over). */
  completeDelivery(id: number, worker: string, outcome: DeliveryOutcome): Promise<boolean>;
  listDeliveries(
    appId: number,
    options: { beforeId?: number; limit: number; status?: "success" | "failure" },
  ): Promise<Delivery[]>;
  findDelivery(appId: number, id: number): Promise<Delivery | undefined>;

  // Administration: what people do to a world (accounts, repositories, apps) beyond what apps do.
  renameAccount(id: number, login: string, now: number): Promise<void>;
  /** Deletes an account and everything it owns (repositories, installations on it, memberships, tokens). */
  deleteAccount(id: number): Promise<boolean>;
  removeOrgMembership(orgId: number, userId: number): Promise<boolean>;
  /** The organizations a user belongs to, with the user's role in each. */
  listOrgsOfUser(userId: number): Promise<Array<{ org: Account; role: "member" | "admin" }>>;
  listAccounts(page: Page): Promise<Paged<Account>>;
  listRepositoriesForAccount(accountId: number, page: Page): Promise<Paged<Repository>>;
  deleteRepository(id: number): Promise<boolean>;
  setCollaborator(repositoryId: number, userId: number, permission: RepositoryPermission): Promise<void>;
  removeCollaborator(repositoryId: number, userId: number): Promise<boolean>;
  listCollaborators(
    repositoryId: number,
  ): Promise<Array<{ user: Account; permission: RepositoryPermission }>>;
  findCollaboratorPermission(repositoryId: number, userId: number): Promise<RepositoryPermission | undefined>;
  /** Every installation on an account (of any app), ordered by id. */
  listInstallationsOnAccount(accountId: number): Promise<Installation[]>;
  /** The installations that reach a repository now (all of its owner's, or selecting it). */
  listInstallationsReachingRepository(repository: Repository): Promise<Installation[]>;
  listApps(page: Page): Promise<Paged<App>>;
  listAppsOwnedBy(accountId: number): Promise<App[]>;
  /** Deletes an app with its keys, secrets, installations (and their tokens) and deliveries. */
  deleteApp(id: number): Promise<boolean>;
  deleteAppKey(appId: number, keyId: number): Promise<boolean>;
  listClientSecrets(appId: number): Promise<ClientSecretInfo[]>;
  deleteClientSecret(appId: number, id: number): Promise<boolean>;
  listAuthorizations(userId: number, kind: "personal" | "impersonation"): Promise<Authorization[]>;
  deleteUserTokens(userId: number, kind: "personal" | "impersonation"): Promise<number>;
  /** Empties the world but for the given accounts (and their tokens), leaving the schema and settings. */
  resetWorld(keepAccountIds: number[]): Promise<void>;

  // OAuth (migration 006): grants, user access tokens, web-flow and device-flow codes.
  findAppByClientId(clientId: string): Promise<App | undefined>;
  findGrant(userId: number, appId: number): Promise<OAuthGrant | undefined>;
  findGrantById(id: number): Promise<OAuthGrant | undefined>;
  insertGrant(grant: { id: number; userId: number; appId: number; now: number }): Promise<void>;
  /** Deletes a grant with every token and code under it. */
  deleteGrant(id: number): Promise<boolean>;
  insertUserAccessToken(token: NewUserAccessToken): Promise<void>;
  findUserAccessToken(tokenHash: string): Promise<UserAccessToken | undefined>;
  findUserAccessTokenByRefresh(refreshTokenHash: string): Promise<UserAccessToken | undefined>;
  /** Gives a token a new secret (a reset): the old one stops working. False when it is gone. */
  replaceUserAccessTokenHash(
    id: number,
    oldHash: string,
    replacement: { tokenHash: string; lastEight: string; expiresAt: number | null },
  ): Promise<boolean>;
  deleteUserAccessToken(id: number): Promise<boolean>;
  insertAuthorizationCode(code: AuthorizationCode & { codeHash: string; now: number }): Promise<void>;
  /** Removes a code and returns it, atomically: a code is exchanged at most once. */
  takeAuthorizationCode(codeHash: string): Promise<AuthorizationCode | undefined>;
  insertDeviceRequest(
    request: Omit<DeviceRequest, "lastPolledAt" | "grantId"> & { now: number },
  ): Promise<void>;
  findDeviceRequest(
    by: { deviceCodeHash: string } | { userCode: string },
  ): Promise<DeviceRequest | undefined>;
  /** Answers a pending request (false when it was no longer pending). */
  answerDeviceRequest(
    deviceCodeHash: string,
    answer: { state: "authorized"; grantId: number } | { state: "denied" },
  ): Promise<boolean>;
  recordDevicePoll(deviceCodeHash: string, polledAt: number, interval: number): Promise<void>;
  deleteDeviceRequest(deviceCodeHash: string): Promise<boolean>;
  /** Sweeps codes and device requests that expired before `before`. */
  deleteExpiredOAuthCodes(before: number): Promise<number>;
  /**
   * An app's installations that a user reaches explicitly: on the user's own account, on an
   * organization the user belongs to, or covering a repository the user collaborates on.
   */
  listInstallationsForUser(appId: number, userId: number, page: Page): Promise<Paged<Installation>>;
  /** The repositories of an owner that a user is a collaborator on. */
  listCollaboratorRepositoryIds(userId: number, ownerId: number): Promise<number[]>;

  /** Adds `delta` to a credential's usage in its current window (opening a new one at `now` if it ended). */
  addRateLimitUsage(key: string, delta: number, now: number, windowSeconds: number): Promise<RateLimitWindow>;

  listAccounts(page: Page): Promise<Paged<Account>>;
  listRepositoriesForAccount(accountId: number, page: Page): Promise<Paged<Repository>>;
  /** Every installation on an account (of any app), ordered by id. */
  listInstallationsOnAccount(accountId: number): Promise<Installation[]>;
  listApps(page: Page): Promise<Paged<App>>;
  // Marketplace listings and purchases, installation requests, content references (migration 007).
  listMarketplacePlans(appId: number, page: Page): Promise<Paged<MarketplacePlan>>;
  findMarketplacePlan(id: number): Promise<MarketplacePlan | undefined>;
  insertMarketplacePlan(plan: NewMarketplacePlan): Promise<void>;
  updateMarketplacePlan(plan: NewMarketplacePlan): Promise<void>;
  deleteMarketplacePlan(id: number): Promise<boolean>;
  /** Whether any purchase is on the plan, or is changing to it. */
  marketplacePlanInUse(planId: number): Promise<boolean>;
  findMarketplacePurchase(appId: number, accountId: number): Promise<MarketplacePurchase | undefined>;
  /** The purchases currently on a plan (not those only changing to it). */
  listMarketplacePurchasesForPlan(
    planId: number,
    order: PurchaseOrder,
    page: Page,
  ): Promise<Paged<MarketplacePurchase>>;
  /** Purchases by any of the accounts, of one app's listing or of every app's, oldest first. */
  listMarketplacePurchasesForAccounts(
    accountIds: number[],
    appId: number | null,
    page: Page,
  ): Promise<Paged<MarketplacePurchase>>;
  putMarketplacePurchase(purchase: MarketplacePurchaseRow): Promise<void>;
  deleteMarketplacePurchase(appId: number, accountId: number): Promise<boolean>;
  insertInstallationRequest(request: {
    id: number;
    appId: number;
    accountId: number;
    requesterId: number;
    now: number;
  }): Promise<void>;
  findInstallationRequest(
    appId: number,
    accountId: number,
    requesterId: number,
  ): Promise<InstallationRequest | undefined>;
  listInstallationRequests(appId: number, page: Page): Promise<Paged<InstallationRequest>>;
  /** Clears an account's requests for an app (it has been installed there). */
  deleteInstallationRequests(appId: number, accountId: number): Promise<number>;
  listContentReferenceDomains(appId: number): Promise<string[]>;
  setContentReferenceDomains(appId: number, domains: string[]): Promise<void>;
  insertContentReference(reference: Omit<ContentReference, "createdAt"> & { now: number }): Promise<void>;
  findContentReference(id: number): Promise<ContentReference | undefined>;
  insertContentAttachment(attachment: Omit<ContentAttachment, "createdAt"> & { now: number }): Promise<void>;
  /** The hashes of an app's client secrets, for Basic client authentication. */
  listClientSecretHashes(appId: number): Promise<string[]>;

  // The manifest flow (migration 008): posted manifests awaiting confirmation, and one-time codes.
  insertPendingManifest(manifest: PendingManifest & { idHash: string }): Promise<void>;
  findPendingManifest(idHash: string): Promise<PendingManifest | undefined>;
  deletePendingManifest(idHash: string): Promise<boolean>;
  deleteExpiredPendingManifests(before: number): Promise<number>;
  insertManifestCode(code: ManifestCode & { codeHash: string }): Promise<void>;
  /** Removes a code and returns what it was for, in one statement: a code is used at most once. */
  takeManifestCode(codeHash: string): Promise<ManifestCode | undefined>;
  deleteExpiredManifestCodes(before: number): Promise<number>;
}

export interface NewUserAccessToken {
  id: number;
  tokenHash: string;
  refreshTokenHash: string | null;
  grantId: number;
  lastEight: string;
  expiresAt: number | null;
  refreshExpiresAt: number | null;
  scope: TokenScope | null;
  now: number;
}

/** Rows for bulk loading a large world (the benchmark's 100,000 installations and 1,000,000 repositories). */
export interface BulkRows {
  accounts?: NewAccount[];
  repositories?: NewRepository[];
  installations?: NewInstallation[];
  installationRepositories?: Array<{ installationId: number; repositoryId: number }>;
}

export interface Store extends StoreOps {
  readonly dialect: "sqlite" | "postgres";
  transaction<T>(fn: (tx: StoreOps) => Promise<T>): Promise<T>;
  /**
   * A number that stays the same for as long as nothing stored has changed, webhook deliveries and
   * rate-limit counts aside (they change all the time, and nothing is derived from them). Undefined
   * when that cannot be known without asking the database (PostgreSQL, which other instances change)
   * or while a transaction is open. What is derived from stored data alone may be reused while it holds.
   */
  generation(): number | undefined;
  /** Every row of every table, ordered, for exports and diagnostics (and tests proving nothing changed). */
  dumpTables(): Promise<Record<string, unknown[]>>;
  /** Inserts many new rows in one transaction, keeping the derived counts and id sequences right. */
  bulkInsert(rows: BulkRows): Promise<void>;
  close(): Promise<void>;
}

/** A manifest another site posted, kept until a signed-in person confirms or cancels it. */
export interface PendingManifest {
  /** The manifest as posted (JSON), checked when it arrived. */
  manifest: string;
  state: string | null;
  /** The organization it was posted for; null when it is for the account of whoever confirms it. */
  ownerId: number | null;
  createdAt: number;
  expiresAt: number;
}

/** What a manifest code is exchanged for: the app created, by whom. */
export interface ManifestCode {
  appId: number;
  creatorId: number;
  createdAt: number;
  expiresAt: number;
}
