import { seconds, type Clock } from "./clock.js";
import { NotFoundError, ValidationError } from "./errors.js";
import type { EventSink } from "./events.js";
import { declarePlans, type PlanDeclaration } from "./marketplace-plans.js";
import { asOf, freeTrialEnd, nextBilling } from "./marketplace-terms.js";
import type { Account, BillingCycle, MarketplacePlan, MarketplacePurchase } from "./model.js";
import type {
  AccountStore,
  MarketplacePurchaseRow,
  MarketplaceStore,
  Page,
  Paged,
  PurchaseOrder,
  StoreOps,
  Transactor,
} from "../store/store.js";

/** What an account buys: a plan of the app's listing (by number), a cycle, and seats for per-unit plans. */
export interface PurchaseTerms {
  plan: number;
  billingCycle?: BillingCycle;
  unitCount?: number;
  /** Start with the plan's free trial (the default for plans that have one). */
  freeTrial?: boolean;
}

const invalid = (field: string, message: string) =>
  new ValidationError(message, [{ resource: "MarketplacePurchase", field, code: "invalid", message }]);

/**
 * GitHub Marketplace: an app's listing (its plans) and the accounts' purchases of it. Purchases change
 * as people buy on GitHub's pages; here the administration API and the world make them, and the app
 * hears each as a `marketplace_purchase` webhook.
 */
export class Marketplace {
  constructor(
    private readonly store: MarketplaceStore & AccountStore & Transactor,
    private readonly clock: Clock,
    private readonly events: EventSink,
  ) {}

  setPlans(appId: number, plans: PlanDeclaration[]): Promise<MarketplacePlan[]> {
    return this.store.transaction((tx) => declarePlans(tx, appId, plans, seconds(this.clock)));
  }

  /** An app's plans; an app without a listing has none to show, which GitHub answers with 404. */
  async listPlans(appId: number, page: Page): Promise<Paged<MarketplacePlan>> {
    const plans = await this.store.listMarketplacePlans(appId, page);
    if (plans.total === 0) throw new NotFoundError();
    return plans;
  }

  /** One of the app's plans; another app's is not found. */
  async getPlan(appId: number, planId: number): Promise<MarketplacePlan> {
    const plan = await this.store.findMarketplacePlan(planId);
    if (!plan || plan.appId !== appId) throw new NotFoundError();
    return plan;
  }

  async listAccountsForPlan(
    appId: number,
    planId: number,
    order: PurchaseOrder,
    page: Page,
  ): Promise<Paged<MarketplacePurchase>> {
    await this.getPlan(appId, planId);
    const found = await this.store.listMarketplacePurchasesForPlan(planId, order, page);
    return this.now(found);
  }

  /** The account's purchase of the app's listing; 404 when it has none, as on GitHub. */
  async getPurchase(appId: number, accountId: number): Promise<MarketplacePurchase> {
    const found = await this.store.findMarketplacePurchase(appId, accountId);
    if (!found) throw new NotFoundError();
    return asOf(found, seconds(this.clock));
  }

  /**
   * The purchases a user sees: their own and their organizations'. A user-to-server token sees only its
   * app's (`appId`); a personal token sees every app's.
   */
  async listPurchasesForUser(
    user: Account,
    appId: number | null,
    page: Page,
  ): Promise<Paged<MarketplacePurchase>> {
    const orgs = await this.store.listOrgsOfUser(user.id);
    const accounts = [user.id, ...orgs.map((o) => o.org.id)];
    return this.now(await this.store.listMarketplacePurchasesForAccounts(accounts, appId, page));
  }

  /**
   * What a buyer does on the listing's page: buy when the account has no purchase, else change it (now
   * or at the end of the cycle). `created` tells which.
   */
  buyOrChange(
    appId: number,
    account: Account,
    terms: PurchaseTerms,
    when: "now" | "end_of_cycle",
    sender: Account,
  ): Promise<{ created: boolean; purchase: MarketplacePurchase }> {
    return this.store.transaction(async (tx) => {
      if (!(await tx.findMarketplacePurchase(appId, account.id))) {
        return { created: true, purchase: await this.purchaseIn(tx, appId, account, terms, sender) };
      }
      return { created: false, purchase: await this.changeIn(tx, appId, account, terms, when, sender) };
    });
  }

  /** An account buys a plan: `marketplace_purchase.purchased`. */
  purchase(
    appId: number,
    account: Account,
    terms: PurchaseTerms,
    sender: Account,
  ): Promise<MarketplacePurchase> {
    return this.store.transaction((tx) => this.purchaseIn(tx, appId, account, terms, sender));
  }

  /** `purchase` within a caller's transaction (a world being applied). */
  async purchaseIn(
    tx: StoreOps,
    appId: number,
    account: Account,
    terms: PurchaseTerms,
    sender: Account,
  ): Promise<MarketplacePurchase> {
    if (await tx.findMarketplacePurchase(appId, account.id)) {
      throw new ValidationError(
        `${account.login} has already bought this listing; change its plan instead.`,
        [{ resource: "MarketplacePurchase", field: "account", code: "already_exists" }],
      );
    }
    const now = seconds(this.clock);
    const plan = await this.planByNumber(tx, appId, terms.plan);
    const trial = terms.freeTrial ?? plan.hasFreeTrial;
    if (trial && !plan.hasFreeTrial) throw invalid("free_trial", `${plan.name} has no free trial.`);
    const trialEnd = trial ? freeTrialEnd(now) : null;
    const cycle = terms.billingCycle ?? "monthly";
    await tx.putMarketplacePurchase({
      appId,
      accountId: account.id,
      planId: plan.id,
      billingCycle: cycle,
      unitCount: this.units(plan, terms.unitCount),
      onFreeTrial: trial,
      freeTrialEndsOn: trialEnd,
      nextBillingDate: nextBilling(plan, cycle, now, trialEnd),
      pendingChange: null,
      createdAt: now,
      updatedAt: now,
    });
    const purchase = (await tx.findMarketplacePurchase(appId, account.id))!;
    await this.record(tx, "purchased", purchase, null, now, sender);
    return purchase;
  }

  /**
   * Changes the plan now (`changed`: upgrades take effect at once), or at the end of the billing cycle
   * (`pending_change`: how GitHub makes downgrades).
   */
  change(
    appId: number,
    account: Account,
    terms: PurchaseTerms,
    when: "now" | "end_of_cycle",
    sender: Account,
  ): Promise<MarketplacePurchase> {
    return this.store.transaction((tx) => this.changeIn(tx, appId, account, terms, when, sender));
  }

  /** `change` within a caller's transaction (a world being applied). */
  async changeIn(
    tx: StoreOps,
    appId: number,
    account: Account,
    terms: PurchaseTerms,
    when: "now" | "end_of_cycle",
    sender: Account,
  ): Promise<MarketplacePurchase> {
    const current = await this.existing(tx, appId, account);
    const now = seconds(this.clock);
    const plan = await this.planByNumber(tx, appId, terms.plan);
    const cycle = terms.billingCycle ?? current.billingCycle;
    const unitCount = this.units(plan, terms.unitCount);
    if (terms.freeTrial) throw invalid("free_trial", "A free trial starts only with a purchase.");
    const row = this.row(current);
    if (when === "end_of_cycle") {
      if (current.nextBillingDate === null) {
        throw invalid("effective", `${current.plan.name} is free: it has no billing cycle to end.`);
      }
      row.pendingChange = {
        id: await tx.allocateId("marketplace_pending_changes"),
        planId: plan.id,
        unitCount,
        billingCycle: cycle,
        effectiveDate: current.nextBillingDate,
      };
      row.updatedAt = now;
      await tx.putMarketplacePurchase(row);
      const updated = (await tx.findMarketplacePurchase(appId, account.id))!;
      await this.record(tx, "pending_change", projected(updated), current, current.nextBillingDate, sender);
      return updated;
    }
    // A trial carries over to a plan that has one; billing restarts when the cycle or the price changes.
    const onFreeTrial = current.onFreeTrial && plan.hasFreeTrial;
    const keepsDate = cycle === current.billingCycle && plan.priceModel !== "FREE" && current.nextBillingDate;
    await tx.putMarketplacePurchase({
      ...row,
      planId: plan.id,
      billingCycle: cycle,
      unitCount,
      onFreeTrial,
      freeTrialEndsOn: onFreeTrial ? current.freeTrialEndsOn : null,
      nextBillingDate: keepsDate ? current.nextBillingDate : nextBilling(plan, cycle, now, null),
      pendingChange: null,
      updatedAt: now,
    });
    const updated = (await tx.findMarketplacePurchase(appId, account.id))!;
    await this.record(tx, "changed", updated, current, now, sender);
    return updated;
  }

  /** Withdraws a change waiting for the end of the cycle: `pending_change_cancelled`. */
  async cancelPendingChange(appId: number, account: Account, sender: Account): Promise<MarketplacePurchase> {
    return this.store.transaction(async (tx) => {
      const current = await this.existing(tx, appId, account);
      if (!current.pendingChange) throw new NotFoundError();
      const now = seconds(this.clock);
      await tx.putMarketplacePurchase({ ...this.row(current), pendingChange: null, updatedAt: now });
      const updated = (await tx.findMarketplacePurchase(appId, account.id))!;
      await this.record(tx, "pending_change_cancelled", updated, projected(current), now, sender);
      return updated;
    });
  }

  /** Ends the purchase: `cancelled`; the account no longer has the listing. */
  async cancel(appId: number, account: Account, sender: Account): Promise<void> {
    await this.store.transaction(async (tx) => {
      const current = await this.existing(tx, appId, account);
      await tx.deleteMarketplacePurchase(appId, account.id);
      await this.record(tx, "cancelled", current, null, seconds(this.clock), sender);
    });
  }

  private now(found: Paged<MarketplacePurchase>): Paged<MarketplacePurchase> {
    const now = seconds(this.clock);
    return { ...found, items: found.items.map((p) => asOf(p, now)) };
  }

  private async existing(tx: StoreOps, appId: number, account: Account): Promise<MarketplacePurchase> {
    const found = await tx.findMarketplacePurchase(appId, account.id);
    if (!found) throw new NotFoundError();
    return asOf(found, seconds(this.clock));
  }

  private async planByNumber(tx: StoreOps, appId: number, number: number): Promise<MarketplacePlan> {
    const plans = (await tx.listMarketplacePlans(appId, { limit: 1000, offset: 0 })).items;
    const plan = plans.find((p) => p.number === number);
    if (!plan) throw invalid("plan", `The listing has no plan ${number}.`);
    return plan;
  }

  /** Seats: per-unit plans are bought by the unit; every other plan counts as one. */
  private units(plan: MarketplacePlan, unitCount: number | undefined): number {
    if (plan.priceModel !== "PER_UNIT") {
      if (unitCount !== undefined && unitCount !== 1) {
        throw invalid("unit_count", `${plan.name} is not priced per unit.`);
      }
      return 1;
    }
    if (unitCount === undefined || !Number.isInteger(unitCount) || unitCount < 1) {
      throw invalid(
        "unit_count",
        `${plan.name} is priced per ${plan.unitName}: give a unit_count of at least 1.`,
      );
    }
    return unitCount;
  }

  private row(p: MarketplacePurchase): MarketplacePurchaseRow {
    return {
      appId: p.appId,
      accountId: p.account.id,
      planId: p.plan.id,
      billingCycle: p.billingCycle,
      unitCount: p.unitCount,
      onFreeTrial: p.onFreeTrial,
      freeTrialEndsOn: p.freeTrialEndsOn,
      nextBillingDate: p.nextBillingDate,
      pendingChange: p.pendingChange && {
        id: p.pendingChange.id,
        planId: p.pendingChange.plan.id,
        unitCount: p.pendingChange.unitCount,
        billingCycle: p.pendingChange.billingCycle,
        effectiveDate: p.pendingChange.effectiveDate,
      },
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    };
  }

  private record(
    tx: StoreOps,
    action: "purchased" | "changed" | "pending_change" | "pending_change_cancelled" | "cancelled",
    purchase: MarketplacePurchase,
    previous: MarketplacePurchase | null,
    effectiveDate: number,
    sender: Account,
  ): Promise<void> {
    return this.events.record(tx, purchase.appId, {
      event: "marketplace_purchase",
      action,
      purchase,
      previous,
      effectiveDate,
      sender,
    });
  }
}

/** The purchase as its pending change will leave it (what `pending_change` announces). */
function projected(p: MarketplacePurchase): MarketplacePurchase {
  const change = p.pendingChange;
  if (!change) return p;
  return {
    ...p,
    plan: change.plan,
    unitCount: change.unitCount,
    billingCycle: change.billingCycle,
    onFreeTrial: false,
    freeTrialEndsOn: null,
    pendingChange: null,
  };
}
