import { planDeclarationOf } from "../../../domain/marketplace-plans.js";
import type { UserPrincipal } from "../../../domain/token-auth.js";
import { planSchema, type PlanSpec } from "../../../domain/world-file.js";
import { declared, type BodyOf } from "../../schema.js";
import type { Context, Reply } from "../../route.js";
import { marketplaceAccount, marketplacePlan } from "../../../serialize/marketplace.js";

/**
 * hubcap's administration of GitHub Marketplace: what a publisher does on the listing's pages (plans)
 * and what buyers do on the Marketplace (purchases, plan changes, cancellations). Each purchase change
 * reaches the app as a `marketplace_purchase` webhook.
 */
type AdminContext<Params extends object = object, Body = unknown> = Context<UserPrincipal, Params, Body>;

export const plansBody = {
  type: "object",
  required: ["plans"],
  additionalProperties: false,
  properties: { plans: { type: "array", items: declared<PlanSpec>(planSchema) } },
} as const;

export const purchaseBody = {
  type: "object",
  required: ["plan"],
  additionalProperties: false,
  properties: {
    plan: { type: "integer", minimum: 1 },
    billing_cycle: { enum: ["monthly", "yearly"] },
    unit_count: { type: "integer", minimum: 1 },
    free_trial: { type: "boolean" },
    effective: { enum: ["now", "end_of_cycle"] },
    sender: { type: "string" },
  },
} as const;

async function managedApp(ctx: AdminContext<{ app_slug: string }>) {
  return ctx.hub.appRegistry.getManaged(ctx.params.app_slug, ctx.principal.token.user);
}

/** Who the webhook names as sender: the given person, else the caller. */
async function senderOf(ctx: AdminContext, login: string | undefined) {
  return login ? ctx.hub.accounts.get(login) : ctx.principal.token.user;
}

/** PUT /_hubcap/apps/{app_slug}/marketplace/plans — the listing becomes exactly these plans. */
export async function setPlans(
  ctx: AdminContext<{ app_slug: string }, BodyOf<typeof plansBody>>,
): Promise<Reply> {
  const app = await managedApp(ctx);
  const { plans } = ctx.body;
  const declared = await ctx.hub.marketplace.setPlans(app.id, plans.map(planDeclarationOf));
  return { body: declared.map((p) => marketplacePlan(p, ctx.urls)) };
}

/**
 * PUT /_hubcap/apps/{app_slug}/marketplace/purchases/{account} — buys (201, `purchased`), or changes the
 * plan now (`changed`) or at the end of the billing cycle (`effective: end_of_cycle`, `pending_change`).
 */
export async function putPurchase(
  ctx: AdminContext<{ account: string; app_slug: string }, BodyOf<typeof purchaseBody>>,
): Promise<Reply> {
  const app = await managedApp(ctx);
  const account = await ctx.hub.accounts.get(ctx.params.account);
  const body = ctx.body;
  const sender = await senderOf(ctx, body.sender);
  const terms = {
    plan: body.plan,
    billingCycle: body.billing_cycle,
    unitCount: body.unit_count,
    freeTrial: body.free_trial,
  };
  const { created, purchase } = await ctx.hub.marketplace.buyOrChange(
    app.id,
    account,
    terms,
    body.effective ?? "now",
    sender,
  );
  return { status: created ? 201 : 200, body: marketplaceAccount(purchase, ctx.urls) };
}

/** DELETE /_hubcap/apps/{app_slug}/marketplace/purchases/{account}/pending_change */
export async function cancelPendingChange(
  ctx: AdminContext<{ account: string; app_slug: string }>,
): Promise<Reply> {
  const app = await managedApp(ctx);
  const account = await ctx.hub.accounts.get(ctx.params.account);
  const sender = await senderOf(ctx, ctx.query.sender);
  const purchase = await ctx.hub.marketplace.cancelPendingChange(app.id, account, sender);
  return { body: marketplaceAccount(purchase, ctx.urls) };
}

/** DELETE /_hubcap/apps/{app_slug}/marketplace/purchases/{account} — `cancelled`. */
export async function cancelPurchase(
  ctx: AdminContext<{ account: string; app_slug: string }>,
): Promise<Reply> {
  const app = await managedApp(ctx);
  const account = await ctx.hub.accounts.get(ctx.params.account);
  await ctx.hub.marketplace.cancel(app.id, account, await senderOf(ctx, ctx.query.sender));
  return { status: 204 };
}
