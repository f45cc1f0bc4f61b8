import type { BillingCycle, MarketplacePlan, MarketplacePurchase } from "./model.js";

/** GitHub Marketplace free trials last 14 days. */
export const FREE_TRIAL_DAYS = 14;
const DAY = 86_400;

/** Midnight UTC of a time: GitHub bills on dates (`2017-11-11T00:00:00Z`). */
function midnight(epochSeconds: number): number {
  return Math.floor(epochSeconds / DAY) * DAY;
}

/** The same date one billing cycle later (a month or a year), at midnight UTC. */
export function addCycle(epochSeconds: number, cycle: BillingCycle): number {
  const date = new Date(midnight(epochSeconds) * 1000);
  if (cycle === "yearly") date.setUTCFullYear(date.getUTCFullYear() + 1);
  else date.setUTCMonth(date.getUTCMonth() + 1);
  return date.getTime() / 1000;
}

export function freeTrialEnd(now: number): number {
  return midnight(now) + FREE_TRIAL_DAYS * DAY;
}

/** When a purchase is next billed: never for a free plan; at the trial's end; else one cycle on. */
export function nextBilling(
  plan: MarketplacePlan,
  cycle: BillingCycle,
  now: number,
  trialEnd: number | null,
): number | null {
  if (plan.priceModel === "FREE") return null;
  return trialEnd ?? addCycle(now, cycle);
}

/**
 * A purchase as it stands at `now`: a trial that has ended is over, and a billing date that has passed
 * has moved on by whole cycles. Nothing is stored: the clock alone moves these, as time does on GitHub.
 */
export function asOf(p: MarketplacePurchase, now: number): MarketplacePurchase {
  const trialOver = p.onFreeTrial && p.freeTrialEndsOn !== null && p.freeTrialEndsOn <= now;
  let next = p.nextBillingDate;
  while (next !== null && next <= now) next = addCycle(next, p.billingCycle);
  return { ...p, onFreeTrial: p.onFreeTrial && !trialOver, nextBillingDate: next };
}
