import type { Account, MarketplacePlan, MarketplacePurchase } from "../domain/model.js";
import type { Database } from "./schema.js";

/** Row ↔ domain conversions for Marketplace plans and purchases (see rows.ts for the others). */
type PlanRow = Database["marketplace_plans"];
type PurchaseRow = Database["marketplace_purchases"];

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
  row: PurchaseRow,
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
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
