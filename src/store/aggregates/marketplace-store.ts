import type { Account, BillingCycle, MarketplacePlan, MarketplacePurchase } from "../../domain/model.js";
import { accountAs, toAccount } from "../rows.js";
import { paged, pageOf, type Page, type Paged } from "./page.js";
import { flag, SqlSlice, type Db, type Row } from "./sql-slice.js";

export interface MarketplaceTables {
  marketplace_plans: {
    id: number;
    app_id: number;
    number: number;
    name: string;
    description: string;
    monthly_price_in_cents: number;
    yearly_price_in_cents: number;
    price_model: "FREE" | "FLAT_RATE" | "PER_UNIT";
    unit_name: string | null;
    has_free_trial: number;
    bullets: string;
    state: "published" | "draft";
    created_at: number;
    updated_at: number;
  };
  marketplace_purchases: {
    app_id: number;
    account_id: number;
    plan_id: number;
    billing_cycle: "monthly" | "yearly";
    unit_count: number;
    on_free_trial: number;
    free_trial_ends_on: number | null;
    next_billing_date: number | null;
    pending_id: number | null;
    pending_plan_id: number | null;
    pending_unit_count: number | null;
    pending_billing_cycle: "monthly" | "yearly" | null;
    pending_effective_date: number | null;
    created_at: number;
    updated_at: number;
  };
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

/** Marketplace listings (migration 007): an app's plans, and the accounts' purchases of them. */
export interface MarketplaceStore {
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
}

type PlanRow = MarketplaceTables["marketplace_plans"];
type PurchaseRow = MarketplaceTables["marketplace_purchases"];

export function toMarketplacePlan(row: PlanRow): MarketplacePlan {
  return {
    id: row.id,
    appId: row.app_id,
    number: row.number,
    name: row.name,
    description: row.description,
    monthlyPriceInCents: row.monthly_price_in_cents,
    yearlyPriceInCents: row.yearly_price_in_cents,
    priceModel: row.price_model,
    unitName: row.unit_name ?? null,
    hasFreeTrial: Number(row.has_free_trial) === 1,
    bullets: JSON.parse(row.bullets) as string[],
    state: row.state,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A purchase row with its account and the plans it names (current and pending), read beforehand. */
export function toMarketplacePurchase(
  row: PurchaseRow & { is_installed?: unknown },
  account: Account,
  plans: Map<number, MarketplacePlan>,
): MarketplacePurchase {
  const pendingPlan = row.pending_plan_id == null ? undefined : plans.get(row.pending_plan_id);
  return {
    appId: row.app_id,
    account,
    plan: plans.get(row.plan_id)!,
    billingCycle: row.billing_cycle,
    unitCount: row.unit_count,
    onFreeTrial: Number(row.on_free_trial) === 1,
    freeTrialEndsOn: row.free_trial_ends_on ?? null,
    nextBillingDate: row.next_billing_date ?? null,
    pendingChange: pendingPlan
      ? {
          id: row.pending_id!,
          plan: pendingPlan,
          unitCount: row.pending_unit_count!,
          billingCycle: row.pending_billing_cycle!,
          effectiveDate: row.pending_effective_date!,
        }
      : null,
    isInstalled: row.is_installed === true || Number(row.is_installed) === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The columns of a plan that a declaration sets. */
function planColumns(plan: NewMarketplacePlan) {
  return {
    number: plan.number,
    name: plan.name,
    description: plan.description,
    monthly_price_in_cents: plan.monthlyPriceInCents,
    yearly_price_in_cents: plan.yearlyPriceInCents,
    price_model: plan.priceModel,
    unit_name: plan.unitName,
    has_free_trial: flag(plan.hasFreeTrial),
    bullets: JSON.stringify(plan.bullets),
    state: plan.state,
    updated_at: plan.now,
  };
}

/**
 * Purchases with their account's columns under `acc_`, and whether the app is installed on the account
 * (GitHub's `marketplace_purchase.is_installed`).
 */
function purchases(db: Db) {
  return db
    .selectFrom("marketplace_purchases as p")
    .innerJoin("accounts as a", "a.id", "p.account_id")
    .selectAll("p")
    .select(accountAs("a", "acc_"))
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom("installations as i")
            .select("i.id")
            .whereRef("i.app_id", "=", "p.app_id")
            .whereRef("i.account_id", "=", "p.account_id"),
        )
        .as("is_installed"),
    );
}

export class SqlMarketplaceStore extends SqlSlice implements MarketplaceStore {
  async listMarketplacePlans(appId: number, page: Page): Promise<Paged<MarketplacePlan>> {
    return paged(
      this.ex,
      pageOf(
        this.db.selectFrom("marketplace_plans").selectAll().where("app_id", "=", appId).orderBy("number"),
        page,
      ).compile(),
      this.db
        .selectFrom("marketplace_plans")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("app_id", "=", appId)
        .compile(),
      (rows) => rows.map(toMarketplacePlan),
    );
  }

  async findMarketplacePlan(id: number): Promise<MarketplacePlan | undefined> {
    const row = await this.ex.first(
      this.db.selectFrom("marketplace_plans").selectAll().where("id", "=", id).compile(),
    );
    return row && toMarketplacePlan(row);
  }

  async insertMarketplacePlan(plan: NewMarketplacePlan): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("marketplace_plans")
        .values({ id: plan.id, app_id: plan.appId, ...planColumns(plan), created_at: plan.now })
        .compile(),
    );
  }

  async updateMarketplacePlan(plan: NewMarketplacePlan): Promise<void> {
    await this.ex.run(
      this.db.updateTable("marketplace_plans").set(planColumns(plan)).where("id", "=", plan.id).compile(),
    );
  }

  async deleteMarketplacePlan(id: number): Promise<boolean> {
    return (await this.ex.run(this.db.deleteFrom("marketplace_plans").where("id", "=", id).compile())) > 0;
  }

  async marketplacePlanInUse(planId: number): Promise<boolean> {
    const row = await this.ex.first(
      this.db
        .selectFrom("marketplace_purchases")
        .select("app_id")
        .where((eb) => eb.or([eb("plan_id", "=", planId), eb("pending_plan_id", "=", planId)]))
        .limit(1)
        .compile(),
    );
    return row !== undefined;
  }

  async findMarketplacePurchase(appId: number, accountId: number): Promise<MarketplacePurchase | undefined> {
    const rows = await this.ex.all(
      purchases(this.db).where("p.app_id", "=", appId).where("p.account_id", "=", accountId).compile(),
    );
    return (await this.hydratePurchases(rows))[0];
  }

  async listMarketplacePurchasesForPlan(
    planId: number,
    order: PurchaseOrder,
    page: Page,
  ): Promise<Paged<MarketplacePurchase>> {
    const column = order.sort === "updated" ? "p.updated_at" : "p.created_at";
    return paged(
      this.ex,
      pageOf(
        purchases(this.db)
          .where("p.plan_id", "=", planId)
          .orderBy(column, order.direction)
          .orderBy("p.account_id", order.direction),
        page,
      ).compile(),
      this.db
        .selectFrom("marketplace_purchases")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("plan_id", "=", planId)
        .compile(),
      (rows) => this.hydratePurchases(rows),
    );
  }

  async listMarketplacePurchasesForAccounts(
    accountIds: number[],
    appId: number | null,
    page: Page,
  ): Promise<Paged<MarketplacePurchase>> {
    if (accountIds.length === 0) return { items: [], total: 0 };
    return paged(
      this.ex,
      pageOf(
        purchases(this.db)
          .where("p.account_id", "in", accountIds)
          .$if(appId !== null, (qb) => qb.where("p.app_id", "=", appId!))
          .orderBy("p.created_at")
          .orderBy("p.app_id")
          .orderBy("p.account_id"),
        page,
      ).compile(),
      this.db
        .selectFrom("marketplace_purchases")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("account_id", "in", accountIds)
        .$if(appId !== null, (qb) => qb.where("app_id", "=", appId!))
        .compile(),
      (rows) => this.hydratePurchases(rows),
    );
  }

  /** Purchase rows (joined with their account) with their plans, read in one query. */
  private async hydratePurchases(rows: Row[]): Promise<MarketplacePurchase[]> {
    if (rows.length === 0) return [];
    const planIds = new Set<number>();
    for (const row of rows) {
      planIds.add(row.plan_id as number);
      if (row.pending_plan_id != null) planIds.add(row.pending_plan_id as number);
    }
    const plans = await this.ex.all(
      this.db
        .selectFrom("marketplace_plans")
        .selectAll()
        .where("id", "in", [...planIds])
        .compile(),
    );
    const byId = new Map(plans.map((p) => [p.id, toMarketplacePlan(p)]));
    return rows.map((row) =>
      toMarketplacePurchase(
        row as unknown as MarketplaceTables["marketplace_purchases"] & { is_installed: unknown },
        toAccount(row, "acc_"),
        byId,
      ),
    );
  }

  async putMarketplacePurchase(p: MarketplacePurchaseRow): Promise<void> {
    const columns = {
      plan_id: p.planId,
      billing_cycle: p.billingCycle,
      unit_count: p.unitCount,
      on_free_trial: flag(p.onFreeTrial),
      free_trial_ends_on: p.freeTrialEndsOn,
      next_billing_date: p.nextBillingDate,
      pending_id: p.pendingChange?.id ?? null,
      pending_plan_id: p.pendingChange?.planId ?? null,
      pending_unit_count: p.pendingChange?.unitCount ?? null,
      pending_billing_cycle: p.pendingChange?.billingCycle ?? null,
      pending_effective_date: p.pendingChange?.effectiveDate ?? null,
      updated_at: p.updatedAt,
    };
    await this.ex.run(
      this.db
        .insertInto("marketplace_purchases")
        .values({ app_id: p.appId, account_id: p.accountId, created_at: p.createdAt, ...columns })
        .onConflict((oc) => oc.columns(["app_id", "account_id"]).doUpdateSet(columns))
        .compile(),
    );
  }

  async deleteMarketplacePurchase(appId: number, accountId: number): Promise<boolean> {
    const n = await this.ex.run(
      this.db
        .deleteFrom("marketplace_purchases")
        .where("app_id", "=", appId)
        .where("account_id", "=", accountId)
        .compile(),
    );
    return n > 0;
  }
}
