import type { AppPrincipal } from "../../domain/app-auth.js";
import { ValidationError } from "../../domain/errors.js";
import type { UserAccessPrincipal, UserPrincipal } from "../../domain/token-auth.js";
import type { PurchaseOrder } from "../../domain/list-window.js";
import type { ClientPrincipal } from "../client-auth.js";
import { pageParams } from "../pagination.js";
import type { Context, Reply } from "../route.js";
import { marketplaceAccount, marketplacePlan, userMarketplacePurchase } from "../../serialize/marketplace.js";
import { sampleAccount, samplePlans, sampleUserPurchases } from "../../serialize/marketplace-sample.js";

/**
 * GitHub Marketplace (https://docs.github.com/rest/apps/marketplace): a GitHub App reads its listing with
 * its JWT, an OAuth app with its client id and secret (Basic); either way the listing is the app's own.
 */
type ListingContext<Params extends object = object, Body = unknown> = Context<
  AppPrincipal | ClientPrincipal,
  Params,
  Body
>;

/** GET /marketplace_listing/plans */
export async function listPlans(ctx: ListingContext): Promise<Reply> {
  const { page, perPage, rows } = pageParams(ctx.query);
  const plans = await ctx.hub.marketplace.listPlans(ctx.principal.appId, rows);
  return {
    body: plans.items.map((p) => marketplacePlan(p, ctx.urls)),
    page: { page, perPage, total: plans.total },
  };
}

/**
 * GitHub's order of a plan's accounts: `sort` created (the default) or updated, newest first unless
 * `direction=asc`; `direction` is ignored without `sort`, and then the oldest come first.
 */
function purchaseOrder(query: Record<string, string | undefined>): PurchaseOrder {
  const { sort, direction } = query;
  const invalid = (field: string) =>
    new ValidationError("Validation Failed", [{ resource: "MarketplacePurchase", field, code: "invalid" }]);
  if (sort !== undefined && sort !== "created" && sort !== "updated") throw invalid("sort");
  if (direction !== undefined && direction !== "asc" && direction !== "desc") throw invalid("direction");
  if (sort === undefined) return { sort: "created", direction: "asc" };
  return { sort, direction: direction ?? "desc" };
}

/** GET /marketplace_listing/plans/{plan_id}/accounts — another app's plan is not found. */
export async function listAccountsForPlan(ctx: ListingContext<{ plan_id: number }>): Promise<Reply> {
  const planId = ctx.params.plan_id;
  const order = purchaseOrder(ctx.query);
  const { page, perPage, rows } = pageParams(ctx.query);
  const found = await ctx.hub.marketplace.listAccountsForPlan(ctx.principal.appId, planId, order, rows);
  return {
    body: found.items.map((p) => marketplaceAccount(p, ctx.urls)),
    page: { page, perPage, total: found.total },
  };
}

/** GET /marketplace_listing/accounts/{account_id} — 404 when the account has not bought the listing. */
export async function getSubscriptionPlanForAccount(
  ctx: ListingContext<{ account_id: number }>,
): Promise<Reply> {
  const accountId = ctx.params.account_id;
  const purchase = await ctx.hub.marketplace.getPurchase(ctx.principal.appId, accountId);
  return { body: marketplaceAccount(purchase, ctx.urls) };
}

/** GET /marketplace_listing/stubbed/plans — GitHub's fixed sample. */
export async function listPlansStubbed(ctx: ListingContext): Promise<Reply> {
  const { page, perPage } = pageParams(ctx.query);
  const plans = samplePlans(ctx.urls);
  return {
    body: plans.slice((page - 1) * perPage, page * perPage),
    page: { page, perPage, total: plans.length },
  };
}

/**
 * GET /marketplace_listing/stubbed/plans/{plan_id}/accounts — the sample account, whatever the plan
 * (a malformed id is still GitHub's 404, at the edge).
 */
export async function listAccountsForPlanStubbed(ctx: ListingContext<{ plan_id: number }>): Promise<Reply> {
  purchaseOrder(ctx.query);
  const { page, perPage } = pageParams(ctx.query);
  const accounts = [sampleAccount(ctx.urls)];
  return {
    body: accounts.slice((page - 1) * perPage, page * perPage),
    page: { page, perPage, total: accounts.length },
  };
}

/** GET /marketplace_listing/stubbed/accounts/{account_id} — the sample account, whatever the (well-formed) id. */
export async function getSubscriptionPlanForAccountStubbed(
  ctx: ListingContext<{ account_id: number }>,
): Promise<Reply> {
  return { body: sampleAccount(ctx.urls) };
}

/**
 * GET /user/marketplace_purchases — the purchases of the user and of their organizations. A
 * user-to-server token sees its own app's only; a personal token every app's.
 */
export async function listSubscriptionsForAuthenticatedUser(
  ctx: Context<UserPrincipal | UserAccessPrincipal>,
): Promise<Reply> {
  const { page, perPage, rows } = pageParams(ctx.query);
  // A user-to-server token (ghu_) carries the app it was issued for; personal tokens carry none.
  const { principal } = ctx;
  const appId = principal.kind === "user-access" ? principal.token.appId : null;
  const found = await ctx.hub.marketplace.listPurchasesForUser(principal.token.user, appId, rows);
  return {
    body: found.items.map((p) => userMarketplacePurchase(p, ctx.urls)),
    page: { page, perPage, total: found.total },
  };
}

/** GET /user/marketplace_purchases/stubbed — GitHub's fixed sample. */
export async function listSubscriptionsForAuthenticatedUserStubbed(
  ctx: Context<UserPrincipal | UserAccessPrincipal>,
): Promise<Reply> {
  const { page, perPage } = pageParams(ctx.query);
  const purchases = sampleUserPurchases(ctx.urls);
  return {
    body: purchases.slice((page - 1) * perPage, page * perPage),
    page: { page, perPage, total: purchases.length },
  };
}
