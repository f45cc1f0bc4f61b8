import { nodeId } from "../domain/node-id.js";
import type { Account, MarketplacePlan, MarketplacePurchase } from "../domain/model.js";
import type { Urls } from "./urls.js";
import { timestamp } from "./time.js";

/** GitHub's `marketplace-listing-plan`. */
export function marketplacePlan(plan: MarketplacePlan, urls: Urls) {
  const url = `${urls.api}/marketplace_listing/plans/${plan.id}`;
  return {
    url,
    accounts_url: `${url}/accounts`,
    id: plan.id,
    number: plan.number,
    name: plan.name,
    description: plan.description,
    monthly_price_in_cents: plan.monthlyPriceInCents,
    yearly_price_in_cents: plan.yearlyPriceInCents,
    price_model: plan.priceModel,
    has_free_trial: plan.hasFreeTrial,
    unit_name: plan.unitName,
    state: plan.state,
    bullets: plan.bullets,
  };
}

const accountUrl = (account: Account, urls: Urls) =>
  `${urls.api}/${account.type === "Organization" ? "orgs" : "users"}/${account.login}`;

/** The purchase itself, as `marketplace_purchase` of an account on a listing. */
function purchaseTerms(p: MarketplacePurchase, urls: Urls) {
  return {
    billing_cycle: p.billingCycle,
    next_billing_date: timestamp(p.nextBillingDate),
    unit_count: p.unitCount,
    on_free_trial: p.onFreeTrial,
    free_trial_ends_on: timestamp(p.freeTrialEndsOn),
    updated_at: timestamp(p.updatedAt),
    plan: marketplacePlan(p.plan, urls),
  };
}

/** GitHub's `marketplace-purchase`: an account with its purchase of the listing and any pending change. */
export function marketplaceAccount(p: MarketplacePurchase, urls: Urls) {
  const a = p.account;
  const pending = p.pendingChange;
  return {
    url: accountUrl(a, urls),
    type: a.type,
    id: a.id,
    login: a.login,
    // An organization's billing email; GitHub's schema has it as a string, so it is left out when unknown.
    ...(a.type === "Organization" && a.email !== null && { organization_billing_email: a.email }),
    // An organization has no `email` here, only its billing email (hub4j/github-api's recording,
    // GHAppInstallationTest/testGetMarketplaceAccount).
    ...(a.type === "User" && { email: a.email }),
    marketplace_pending_change: pending && {
      effective_date: timestamp(pending.effectiveDate),
      unit_count: pending.unitCount,
      id: pending.id,
      plan: marketplacePlan(pending.plan, urls),
    },
    // hub4j/github-api's recording of GET /marketplace_listing/accounts/{id} (GHAppInstallationTest) has it.
    marketplace_purchase: { ...purchaseTerms(p, urls), is_installed: p.isInstalled },
  };
}

/** GitHub's `user-marketplace-purchase`: one of the authenticated user's (or their organizations') purchases. */
export function userMarketplacePurchase(p: MarketplacePurchase, urls: Urls) {
  const a = p.account;
  return {
    ...purchaseTerms(p, urls),
    account: {
      url: accountUrl(a, urls),
      id: a.id,
      type: a.type,
      node_id: nodeId(a.type, a.id),
      login: a.login,
      email: a.type === "User" ? a.email : null,
      organization_billing_email: a.type === "Organization" ? a.email : null,
    },
  };
}

/** The purchase as `marketplace_purchase` webhooks carry it (`webhooks_marketplace_purchase`). */
export function webhookMarketplacePurchase(p: MarketplacePurchase) {
  const a = p.account;
  return {
    account: {
      type: a.type,
      id: a.id,
      node_id: nodeId(a.type, a.id),
      login: a.login,
      organization_billing_email: a.type === "Organization" ? a.email : null,
    },
    billing_cycle: p.billingCycle,
    unit_count: p.unitCount,
    on_free_trial: p.onFreeTrial,
    free_trial_ends_on: timestamp(p.freeTrialEndsOn),
    next_billing_date: timestamp(p.nextBillingDate),
    plan: {
      id: p.plan.id,
      name: p.plan.name,
      description: p.plan.description,
      monthly_price_in_cents: p.plan.monthlyPriceInCents,
      yearly_price_in_cents: p.plan.yearlyPriceInCents,
      price_model: p.plan.priceModel,
      has_free_trial: p.plan.hasFreeTrial,
      unit_name: p.plan.unitName,
      bullets: p.plan.bullets,
    },
  };
}
