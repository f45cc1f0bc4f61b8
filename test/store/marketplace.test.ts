import { describe, expect, it } from "vitest";
import type { Account, App, MarketplacePlan } from "../../src/domain/model.js";
import type { MarketplacePurchaseRow } from "../../src/store/store.js";
import {
  NOW,
  addAccount,
  addApp,
  addInstallation,
  addOrg,
  addPlan,
  addRepository,
  expectRefusedUnchanged,
  page,
  planOf,
  useStore,
} from "./fixtures.js";

const purchase = (
  app: App,
  account: Account,
  plan: MarketplacePlan,
  over: Partial<MarketplacePurchaseRow> = {},
): MarketplacePurchaseRow => ({
  appId: app.id,
  accountId: account.id,
  planId: plan.id,
  billingCycle: "monthly",
  unitCount: 1,
  onFreeTrial: false,
  freeTrialEndsOn: null,
  nextBillingDate: NOW + 30 * 86_400,
  pendingChange: null,
  createdAt: NOW,
  updatedAt: NOW,
  ...over,
});

describe("store contract: Marketplace, installation requests and content references", () => {
  const t = useStore();

  it("reads a plan back as declared, and lists an app's plans by number with the total", async () => {
    const { store } = t;
    const owner = await addAccount(store, "owner");
    const app = await addApp(store, owner, "app");
    const other = await addApp(store, owner, "other");
    await store.insertMarketplacePlan({
      ...planOf(app, 2),
      id: 10,
      priceModel: "PER_UNIT",
      unitName: "seat",
      hasFreeTrial: true,
      state: "draft",
    });
    expect(await store.findMarketplacePlan(10)).toEqual({
      id: 10,
      appId: app.id,
      number: 2,
      name: "Plan 2",
      description: "The plan numbered 2",
      monthlyPriceInCents: 2000,
      yearlyPriceInCents: 20_000,
      priceModel: "PER_UNIT",
      unitName: "seat",
      hasFreeTrial: true,
      bullets: ["fast", "friendly"],
      state: "draft",
      createdAt: NOW,
      updatedAt: NOW,
    });
    await addPlan(store, app, 3, { id: 5 });
    await addPlan(store, app, 1, { id: 20 });
    await addPlan(store, other, 1, { id: 30 });
    const first = await store.listMarketplacePlans(app.id, page(2));
    expect(first.total).toBe(3);
    expect(first.items.map((p) => p.number)).toEqual([1, 2]);
    expect((await store.listMarketplacePlans(app.id, page(2, 2))).items.map((p) => p.id)).toEqual([5]);
    expect(await store.listMarketplacePlans(app.id, page(2, 3))).toEqual({ items: [], total: 3 });
    expect(await store.listMarketplacePlans(404, page(2))).toEqual({ items: [], total: 0 });
    expect(await store.findMarketplacePlan(404)).toBeUndefined();
  });

  it("refuses a second plan numbered alike in one listing, changing nothing", async () => {
    const { store } = t;
    const owner = await addAccount(store, "owner");
    const app = await addApp(store, owner, "app");
    await addPlan(store, app, 1);
    await expectRefusedUnchanged(store, () => store.insertMarketplacePlan({ ...planOf(app, 1), id: 99 }));
  });

  it("updates a plan in place, keeping when it was created", async () => {
    const { store } = t;
    const owner = await addAccount(store, "owner");
    const app = await addApp(store, owner, "app");
    const plan = await addPlan(store, app, 1);
    await store.updateMarketplacePlan({
      ...planOf(app, 4, { id: plan.id }),
      name: "Pro",
      bullets: [],
      priceModel: "FREE",
      monthlyPriceInCents: 0,
      state: "draft",
      now: NOW + 50,
    });
    expect(await store.findMarketplacePlan(plan.id)).toEqual({
      ...plan,
      number: 4,
      name: "Pro",
      description: "The plan numbered 4",
      bullets: [],
      priceModel: "FREE",
      monthlyPriceInCents: 0,
      yearlyPriceInCents: 40_000,
      state: "draft",
      updatedAt: NOW + 50,
    });
    expect(await store.deleteMarketplacePlan(plan.id)).toBe(true);
    expect(await store.deleteMarketplacePlan(plan.id)).toBe(false);
    expect(await store.findMarketplacePlan(plan.id)).toBeUndefined();
  });

  it("reads a purchase back with its account, its plan and its pending change's plan", async () => {
    const { store } = t;
    const owner = await addAccount(store, "owner");
    const buyer = await addOrg(store, "buyer");
    const app = await addApp(store, owner, "app");
    const basic = await addPlan(store, app, 1);
    const pro = await addPlan(store, app, 2);
    expect(await store.findMarketplacePurchase(app.id, buyer.id)).toBeUndefined();
    await store.putMarketplacePurchase(
      purchase(app, buyer, pro, {
        billingCycle: "yearly",
        unitCount: 3,
        onFreeTrial: true,
        freeTrialEndsOn: NOW + 14 * 86_400,
        pendingChange: {
          id: 7,
          planId: basic.id,
          unitCount: 1,
          billingCycle: "monthly",
          effectiveDate: NOW + 99,
        },
      }),
    );
    expect(await store.findMarketplacePurchase(app.id, buyer.id)).toEqual({
      appId: app.id,
      account: buyer,
      plan: pro,
      billingCycle: "yearly",
      unitCount: 3,
      onFreeTrial: true,
      freeTrialEndsOn: NOW + 14 * 86_400,
      nextBillingDate: NOW + 30 * 86_400,
      pendingChange: { id: 7, plan: basic, unitCount: 1, billingCycle: "monthly", effectiveDate: NOW + 99 },
      isInstalled: false,
      createdAt: NOW,
      updatedAt: NOW,
    });
    // Whether the app is installed on the account: GitHub's `marketplace_purchase.is_installed`.
    await addInstallation(store, app, buyer);
    expect((await store.findMarketplacePurchase(app.id, buyer.id))!.isInstalled).toBe(true);
    expect(
      (await store.listMarketplacePurchasesForPlan(pro.id, { sort: "created", direction: "asc" }, page(10)))
        .items[0]!.isInstalled,
    ).toBe(true);
    expect(await store.marketplacePlanInUse(pro.id)).toBe(true);
    expect(await store.marketplacePlanInUse(basic.id)).toBe(true);
  });

  it("keeps one purchase per app and account: a second put replaces it but when it was made", async () => {
    const { store } = t;
    const owner = await addAccount(store, "owner");
    const buyer = await addAccount(store, "buyer");
    const app = await addApp(store, owner, "app");
    const basic = await addPlan(store, app, 1);
    const pro = await addPlan(store, app, 2);
    const unused = await addPlan(store, app, 3);
    await store.putMarketplacePurchase(
      purchase(app, buyer, pro, {
        pendingChange: { id: 7, planId: basic.id, unitCount: 1, billingCycle: "monthly", effectiveDate: NOW },
      }),
    );
    await store.putMarketplacePurchase(
      purchase(app, buyer, basic, { createdAt: NOW + 500, updatedAt: NOW + 500, nextBillingDate: null }),
    );
    expect(await store.findMarketplacePurchase(app.id, buyer.id)).toMatchObject({
      plan: basic,
      pendingChange: null,
      nextBillingDate: null,
      createdAt: NOW,
      updatedAt: NOW + 500,
    });
    expect((await store.listMarketplacePurchasesForAccounts([buyer.id], null, page(10))).total).toBe(1);
    expect(await store.marketplacePlanInUse(pro.id)).toBe(false);
    expect(await store.marketplacePlanInUse(unused.id)).toBe(false);
    expect(await store.deleteMarketplacePurchase(app.id, buyer.id)).toBe(true);
    expect(await store.deleteMarketplacePurchase(app.id, buyer.id)).toBe(false);
    expect(await store.findMarketplacePurchase(app.id, buyer.id)).toBeUndefined();
    expect(await store.marketplacePlanInUse(basic.id)).toBe(false);
  });

  it("lists a plan's current purchases in GitHub's orders, ties by account, with the total", async () => {
    const { store } = t;
    const owner = await addAccount(store, "owner");
    const app = await addApp(store, owner, "app");
    const plan = await addPlan(store, app, 1);
    const target = await addPlan(store, app, 2);
    const buyers: Account[] = [];
    for (const login of ["b1", "b2", "b3", "b4", "b5"]) buyers.push(await addAccount(store, login));
    const [b1, b2, b3, b4, b5] = buyers as [Account, Account, Account, Account, Account];
    await store.putMarketplacePurchase(purchase(app, b1, plan, { createdAt: NOW + 3, updatedAt: NOW + 1 }));
    await store.putMarketplacePurchase(purchase(app, b2, plan, { createdAt: NOW + 1, updatedAt: NOW + 9 }));
    await store.putMarketplacePurchase(purchase(app, b3, plan, { createdAt: NOW + 3, updatedAt: NOW + 5 }));
    await store.putMarketplacePurchase(purchase(app, b4, plan, { createdAt: NOW + 2, updatedAt: NOW + 2 }));
    // Only changing to the plan: not on it.
    await store.putMarketplacePurchase(
      purchase(app, b5, target, {
        pendingChange: { id: 1, planId: plan.id, unitCount: 1, billingCycle: "monthly", effectiveDate: NOW },
      }),
    );
    const accounts = async (
      sort: "created" | "updated",
      direction: "asc" | "desc",
      limit = 10,
      offset = 0,
    ) => {
      const result = await store.listMarketplacePurchasesForPlan(
        plan.id,
        { sort, direction },
        page(limit, offset),
      );
      expect(result.total).toBe(4);
      return result.items.map((p) => p.account.login);
    };
    expect(await accounts("created", "asc")).toEqual(["b2", "b4", "b1", "b3"]);
    expect(await accounts("created", "desc")).toEqual(["b3", "b1", "b4", "b2"]);
    expect(await accounts("updated", "asc")).toEqual(["b1", "b4", "b3", "b2"]);
    expect(await accounts("updated", "desc")).toEqual(["b2", "b3", "b4", "b1"]);
    expect(await accounts("created", "asc", 2, 1)).toEqual(["b4", "b1"]);
    expect(await accounts("created", "asc", 2, 4)).toEqual([]);
    expect(
      (
        await store.listMarketplacePurchasesForPlan(
          target.id,
          { sort: "created", direction: "asc" },
          page(10),
        )
      ).total,
    ).toBe(1);
  });

  it("lists the purchases of some accounts, of one app or all, oldest first, with the total", async () => {
    const { store } = t;
    const owner = await addAccount(store, "owner");
    const a1 = await addApp(store, owner, "a1");
    const a2 = await addApp(store, owner, "a2");
    const p1 = await addPlan(store, a1, 1);
    const p2 = await addPlan(store, a2, 1);
    const user = await addAccount(store, "user");
    const org = await addOrg(store, "org");
    const stranger = await addAccount(store, "stranger");
    await store.putMarketplacePurchase(purchase(a2, user, p2, { createdAt: NOW + 2 }));
    await store.putMarketplacePurchase(purchase(a1, org, p1, { createdAt: NOW + 1 }));
    await store.putMarketplacePurchase(purchase(a1, user, p1, { createdAt: NOW + 2 }));
    await store.putMarketplacePurchase(purchase(a1, stranger, p1, { createdAt: NOW }));
    const key = (p: { appId: number; account: Account }) => `${p.appId}/${p.account.login}`;

    const all = await store.listMarketplacePurchasesForAccounts([user.id, org.id], null, page(10));
    expect(all.items.map(key)).toEqual([`${a1.id}/org`, `${a1.id}/user`, `${a2.id}/user`]);
    expect(all.total).toBe(3);
    expect(all.items[2]!.plan).toEqual(p2);
    const paged = await store.listMarketplacePurchasesForAccounts([user.id, org.id], null, page(1, 1));
    expect(paged.items.map(key)).toEqual([`${a1.id}/user`]);
    expect(paged.total).toBe(3);
    const ofA1 = await store.listMarketplacePurchasesForAccounts([user.id, org.id], a1.id, page(10));
    expect(ofA1.items.map(key)).toEqual([`${a1.id}/org`, `${a1.id}/user`]);
    expect(ofA1.total).toBe(2);
    expect(await store.listMarketplacePurchasesForAccounts([], null, page(10))).toEqual({
      items: [],
      total: 0,
    });
  });

  it("deletes a plan with the purchases on it or changing to it", async () => {
    const { store } = t;
    const owner = await addAccount(store, "owner");
    const app = await addApp(store, owner, "app");
    const plan = await addPlan(store, app, 1);
    const other = await addPlan(store, app, 2);
    const on = await addAccount(store, "on");
    const changing = await addAccount(store, "changing");
    await store.putMarketplacePurchase(purchase(app, on, plan));
    await store.putMarketplacePurchase(
      purchase(app, changing, other, {
        pendingChange: { id: 1, planId: plan.id, unitCount: 1, billingCycle: "monthly", effectiveDate: NOW },
      }),
    );
    expect(await store.deleteMarketplacePlan(plan.id)).toBe(true);
    expect(await store.findMarketplacePurchase(app.id, on.id)).toBeUndefined();
    expect(await store.findMarketplacePurchase(app.id, changing.id)).toBeUndefined();
    expect(await store.marketplacePlanInUse(other.id)).toBe(false);
  });

  it("keeps one installation request per app, account and requester, listed by id", async () => {
    const { store } = t;
    const owner = await addAccount(store, "owner");
    const app = await addApp(store, owner, "app");
    const other = await addApp(store, owner, "other");
    const org = await addOrg(store, "org");
    const elsewhere = await addOrg(store, "elsewhere");
    const mona = await addAccount(store, "mona");
    const hubot = await addAccount(store, "hubot");
    await store.insertInstallationRequest({
      id: 3,
      appId: app.id,
      accountId: org.id,
      requesterId: mona.id,
      now: NOW,
    });
    await store.insertInstallationRequest({
      id: 1,
      appId: app.id,
      accountId: org.id,
      requesterId: hubot.id,
      now: NOW + 1,
    });
    await store.insertInstallationRequest({
      id: 2,
      appId: app.id,
      accountId: elsewhere.id,
      requesterId: mona.id,
      now: NOW,
    });
    await store.insertInstallationRequest({
      id: 4,
      appId: other.id,
      accountId: org.id,
      requesterId: mona.id,
      now: NOW,
    });
    expect(await store.findInstallationRequest(app.id, org.id, mona.id)).toEqual({
      id: 3,
      appId: app.id,
      account: org,
      requester: mona,
      createdAt: NOW,
    });
    expect(await store.findInstallationRequest(app.id, mona.id, org.id)).toBeUndefined();
    await expectRefusedUnchanged(store, () =>
      store.insertInstallationRequest({
        id: 9,
        appId: app.id,
        accountId: org.id,
        requesterId: mona.id,
        now: NOW,
      }),
    );
    const first = await store.listInstallationRequests(app.id, page(2));
    expect(first.items.map((r) => r.id)).toEqual([1, 2]);
    expect(first.total).toBe(3);
    expect((await store.listInstallationRequests(app.id, page(2, 2))).items.map((r) => r.id)).toEqual([3]);
    expect(await store.listInstallationRequests(app.id, page(2, 3))).toEqual({ items: [], total: 3 });

    expect(await store.deleteInstallationRequests(app.id, org.id)).toBe(2);
    expect(await store.deleteInstallationRequests(app.id, org.id)).toBe(0);
    expect((await store.listInstallationRequests(app.id, page(10))).items.map((r) => r.id)).toEqual([2]);
    expect((await store.listInstallationRequests(other.id, page(10))).total).toBe(1);
  });

  it("keeps content references and their attachments", async () => {
    const { store } = t;
    const owner = await addOrg(store, "org");
    const app = await addApp(store, owner, "app");
    const repo = await addRepository(store, owner, "repo");
    const inst = await addInstallation(store, app, owner);
    await store.insertContentReference({
      id: 17,
      installationId: inst.id,
      repositoryId: repo.id,
      reference: "https://docs.example/page",
      now: NOW,
    });
    expect(await store.findContentReference(17)).toEqual({
      id: 17,
      installationId: inst.id,
      repositoryId: repo.id,
      reference: "https://docs.example/page",
      createdAt: NOW,
    });
    expect(await store.findContentReference(18)).toBeUndefined();
    await store.insertContentAttachment({
      id: 1,
      contentReferenceId: 17,
      title: "Title",
      body: "Body",
      now: NOW,
    });
    expect((await store.dumpTables()).content_attachments).toEqual([
      expect.objectContaining({
        id: 1,
        content_reference_id: 17,
        title: "Title",
        body: "Body",
        created_at: NOW,
      }),
    ]);
    await expectRefusedUnchanged(
      store,
      () =>
        store.insertContentAttachment({ id: 2, contentReferenceId: 404, title: "t", body: "b", now: NOW }),
      "foreign key",
    );
    await expectRefusedUnchanged(store, () =>
      store.insertContentReference({
        id: 17,
        installationId: inst.id,
        repositoryId: repo.id,
        reference: "again",
        now: NOW,
      }),
    );
  });
});
