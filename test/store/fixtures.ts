import { afterEach, beforeEach, expect } from "vitest";
import type {
  Account,
  App,
  Installation,
  MarketplacePlan,
  OAuthGrant,
  Repository,
} from "../../src/domain/model.js";
import { openStore } from "../../src/store/open-store.js";
import type {
  DeliveryOutcome,
  NewAccount,
  NewApp,
  NewInstallation,
  NewMarketplacePlan,
  NewRepository,
  Store,
  StoreOps,
} from "../../src/store/store.js";
import { freshStore } from "../helpers/store.js";

/**
 * Builders for the store contract suite: each writes one object through the store's own methods (ids
 * from its sequences) and reads it back, so a test states only what it is about.
 */

/** A time in whole seconds, as the domain writes them. */
export const NOW = 1_700_000_000;

/** A fresh, migrated store for each test of the enclosing `describe`, closed after it. */
export function useStore(): { readonly store: Store; readonly location: string } {
  const current: { store?: Store; location?: string } = {};
  beforeEach(async () => {
    current.location = await freshStore();
    current.store = await openStore(current.location);
  });
  afterEach(async () => {
    await current.store?.close();
    current.store = undefined;
  });
  return {
    get store() {
      return current.store!;
    },
    get location() {
      return current.location!;
    },
  };
}

export async function addAccount(
  store: StoreOps,
  login: string,
  over: Partial<Omit<NewAccount, "login">> = {},
): Promise<Account> {
  const id = over.id ?? (await store.allocateId("accounts"));
  await store.insertAccount({
    id,
    login,
    type: "User",
    name: null,
    email: null,
    siteAdmin: false,
    now: NOW,
    ...over,
  });
  return (await store.findAccountById(id))!;
}

export const addOrg = (store: StoreOps, login: string, over: Partial<Omit<NewAccount, "login">> = {}) =>
  addAccount(store, login, { type: "Organization", ...over });

export async function addRepository(
  store: StoreOps,
  owner: Account,
  name: string,
  over: Partial<Omit<NewRepository, "ownerId" | "name">> = {},
): Promise<Repository> {
  const id = over.id ?? (await store.allocateId("repositories"));
  await store.insertRepository({
    id,
    ownerId: owner.id,
    name,
    private: false,
    description: null,
    defaultBranch: "main",
    now: NOW,
    ...over,
  });
  return (await store.findRepositoryById(id))!;
}

export async function addApp(
  store: StoreOps,
  owner: Account,
  slug: string,
  over: Partial<Omit<NewApp, "ownerId" | "slug">> = {},
): Promise<App> {
  const id = over.id ?? (await store.allocateId("apps"));
  await store.insertApp({
    id,
    slug,
    name: slug,
    description: null,
    externalUrl: `https://example.com/${slug}`,
    ownerId: owner.id,
    public: true,
    clientId: `Iv1.${slug}`,
    permissions: { metadata: "read" },
    events: [],
    webhookUrl: null,
    webhookSecret: null,
    now: NOW,
    ...over,
  });
  return (await store.findAppById(id))!;
}

export async function addInstallation(
  store: StoreOps,
  app: App,
  account: Account,
  over: Partial<Omit<NewInstallation, "appId" | "accountId">> = {},
): Promise<Installation> {
  const id = over.id ?? (await store.allocateId("installations"));
  await store.insertInstallation({
    id,
    appId: app.id,
    accountId: account.id,
    repositorySelection: "all",
    permissions: app.permissions,
    events: app.events,
    now: NOW,
    ...over,
  });
  return (await store.findInstallation(id))!;
}

/** A pending delivery of `app`'s webhook; its id. */
export async function addDelivery(
  store: StoreOps,
  app: App,
  over: { id?: number; event?: string; installationId?: number | null; now?: number } = {},
): Promise<number> {
  const id = over.id ?? (await store.allocateId("webhook_deliveries"));
  await store.insertDelivery({
    id,
    guid: `guid-${id}`,
    appId: app.id,
    hookId: app.hookId ?? 1,
    installationId: over.installationId ?? null,
    repositoryId: null,
    event: over.event ?? "installation",
    action: "created",
    payload: JSON.stringify({ n: id }),
    redelivery: false,
    now: over.now ?? NOW,
  });
  return id;
}

export function outcome(statusCode: number, over: Partial<DeliveryOutcome> = {}): DeliveryOutcome {
  return {
    url: "https://receiver.example/hook",
    deliveredAt: NOW + 1,
    duration: 0.25,
    status: statusCode === 200 ? "OK" : "failed",
    statusCode,
    requestHeaders: { "x-github-event": "installation" },
    responseHeaders: { "content-type": "text/plain" },
    responseBody: "thanks",
    ...over,
  };
}

export async function addGrant(store: StoreOps, user: Account, app: App): Promise<OAuthGrant> {
  const id = await store.allocateId("oauth_grants");
  await store.insertGrant({ id, userId: user.id, appId: app.id, now: NOW });
  return (await store.findGrantById(id))!;
}

export function planOf(
  app: App,
  number: number,
  over: Partial<Omit<NewMarketplacePlan, "appId" | "number">> = {},
): NewMarketplacePlan {
  return {
    id: 0,
    appId: app.id,
    number,
    name: `Plan ${number}`,
    description: `The plan numbered ${number}`,
    monthlyPriceInCents: 1000 * number,
    yearlyPriceInCents: 10_000 * number,
    priceModel: "FLAT_RATE",
    unitName: null,
    hasFreeTrial: false,
    bullets: ["fast", "friendly"],
    state: "published",
    now: NOW,
    ...over,
  };
}

export async function addPlan(
  store: StoreOps,
  app: App,
  number: number,
  over: Partial<Omit<NewMarketplacePlan, "appId" | "number">> = {},
): Promise<MarketplacePlan> {
  const id = over.id ?? (await store.allocateId("marketplace_plans"));
  await store.insertMarketplacePlan(planOf(app, number, { ...over, id }));
  return (await store.findMarketplacePlan(id))!;
}

/** A page of `limit` from `offset`. */
export const page = (limit: number, offset = 0) => ({ limit, offset });

/**
 * Awaits a write the database must refuse for a constraint (`unique`: a duplicate key; `foreign key`:
 * a row it points at is missing) and checks the driver's own error says so.
 */
export async function expectConstraintError(
  write: Promise<unknown>,
  kind: "unique" | "foreign key" = "unique",
): Promise<void> {
  const error = (await write.then(
    () => undefined,
    (e: unknown) => e,
  )) as { code?: string } | undefined;
  expect(error, "the write should have been refused").toBeInstanceOf(Error);
  const codes =
    kind === "unique"
      ? ["SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY", "23505"]
      : ["SQLITE_CONSTRAINT_FOREIGNKEY", "23503"];
  expect(codes).toContain(error?.code);
}

/** Runs a refused write and proves it left every table as it was. */
export async function expectRefusedUnchanged(
  store: Store,
  write: () => Promise<unknown>,
  kind: "unique" | "foreign key" = "unique",
): Promise<void> {
  const before = await store.dumpTables();
  await expectConstraintError(write(), kind);
  expect(await store.dumpTables()).toEqual(before);
}

/** The number of rows of each named table. */
export async function rowCounts(store: Store, ...tables: string[]): Promise<Record<string, number>> {
  const dump = await store.dumpTables();
  return Object.fromEntries(tables.map((table) => [table, dump[table]?.length ?? -1]));
}
