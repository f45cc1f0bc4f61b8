import { ValidationError } from "./errors.js";
import type { MarketplacePlan, PriceModel } from "./model.js";
import { sameJson } from "./same-json.js";
import type { PlanSpec } from "./world-file.js";
import type { StoreOps } from "../store/store.js";

/** A plan as a world file or the administration API declares it. */
export interface PlanDeclaration {
  /** Defaults to the plan's position in the declared list (1, 2, …). */
  number?: number;
  name: string;
  description: string;
  priceModel: PriceModel;
  monthlyPriceInCents?: number;
  yearlyPriceInCents?: number;
  unitName?: string | null;
  hasFreeTrial?: boolean;
  bullets?: string[];
  state?: "published" | "draft";
}

const invalid = (field: string, message: string) =>
  new ValidationError(message, [{ resource: "MarketplaceListingPlan", field, code: "invalid", message }]);

/**
 * GitHub's rules for a listing's plans: free plans cost nothing and have no trial; per-unit plans name
 * their unit; GitHub allows at most 10 plans.
 */
function check(
  d: PlanDeclaration,
  number: number,
): Omit<MarketplacePlan, "id" | "appId" | "createdAt" | "updatedAt"> {
  const monthly = d.monthlyPriceInCents ?? 0;
  const yearly = d.yearlyPriceInCents ?? 0;
  if (!d.name.trim()) throw invalid("name", "A plan needs a name.");
  if (d.priceModel === "FREE" && (monthly !== 0 || yearly !== 0 || d.hasFreeTrial)) {
    throw invalid("price_model", `Plan ${number} is free: it has no price and no free trial.`);
  }
  if (d.priceModel !== "FREE" && monthly <= 0) {
    throw invalid("monthly_price_in_cents", `Plan ${number} is paid: it needs a monthly price.`);
  }
  if (d.priceModel === "PER_UNIT" && !d.unitName) {
    throw invalid("unit_name", `Plan ${number} is priced per unit: it needs a unit_name.`);
  }
  return {
    number,
    name: d.name,
    description: d.description,
    monthlyPriceInCents: monthly,
    // GitHub derives a yearly price of twelve months when none is given.
    yearlyPriceInCents: d.priceModel === "FREE" ? 0 : yearly || monthly * 12,
    priceModel: d.priceModel,
    unitName: d.priceModel === "PER_UNIT" ? d.unitName! : null,
    hasFreeTrial: d.hasFreeTrial ?? false,
    bullets: d.bullets ?? [],
    state: d.state ?? "published",
  };
}

const MAX_PLANS = 10;

/**
 * Makes an app's listing exactly the declared plans, matched by number: existing ones keep their id,
 * new ones are added, and those left out are removed — unless an account has bought them (or is moving
 * to them), which GitHub does not allow either.
 */
export async function declarePlans(
  tx: StoreOps,
  appId: number,
  declared: PlanDeclaration[],
  now: number,
): Promise<MarketplacePlan[]> {
  if (declared.length > MAX_PLANS) throw invalid("plans", `A listing has at most ${MAX_PLANS} plans.`);
  const wanted = declared.map((d, i) => check(d, d.number ?? i + 1));
  const numbers = new Set(wanted.map((p) => p.number));
  if (numbers.size !== wanted.length) throw invalid("number", "Plan numbers must be unique.");
  const existing = (await tx.listMarketplacePlans(appId, { limit: 1000, offset: 0 })).items;
  for (const plan of existing) {
    if (numbers.has(plan.number)) continue;
    if (await tx.marketplacePlanInUse(plan.id)) {
      throw invalid("plans", `Plan ${plan.number} (${plan.name}) has purchases and cannot be removed.`);
    }
    await tx.deleteMarketplacePlan(plan.id);
  }
  for (const plan of wanted) {
    const found = existing.find((p) => p.number === plan.number);
    if (found) {
      const current = check(planDeclarationOf(planSpecOf(found)), found.number);
      if (!sameJson(current, plan)) await tx.updateMarketplacePlan({ ...plan, id: found.id, appId, now });
    } else {
      const id = await tx.allocateId("marketplace_plans");
      await tx.insertMarketplacePlan({ ...plan, id, appId, now });
    }
  }
  return (await tx.listMarketplacePlans(appId, { limit: 1000, offset: 0 })).items;
}

/** A plan in GitHub's field names (world files, the administration API) as the domain takes it. */
export function planDeclarationOf(spec: PlanSpec): PlanDeclaration {
  return {
    number: spec.number,
    name: spec.name,
    description: spec.description,
    priceModel: spec.price_model,
    monthlyPriceInCents: spec.monthly_price_in_cents,
    yearlyPriceInCents: spec.yearly_price_in_cents,
    unitName: spec.unit_name,
    hasFreeTrial: spec.has_free_trial,
    bullets: spec.bullets,
    state: spec.state,
  };
}

/** A plan as a world file declares it (for exports). */
export function planSpecOf(plan: MarketplacePlan): PlanSpec {
  return {
    number: plan.number,
    name: plan.name,
    description: plan.description,
    price_model: plan.priceModel,
    monthly_price_in_cents: plan.monthlyPriceInCents,
    yearly_price_in_cents: plan.yearlyPriceInCents,
    ...(plan.unitName !== null && { unit_name: plan.unitName }),
    has_free_trial: plan.hasFreeTrial,
    bullets: plan.bullets,
    state: plan.state,
  };
}
