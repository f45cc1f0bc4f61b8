import { NotFoundError } from "../../domain/errors.js";
import type { App, Session } from "../../domain/model.js";
import { noticeText } from "../notices.js";
import type { PageContext, PageReply } from "../page-route.js";
import { appDeliveriesPage } from "../pages/app-deliveries-page.js";
import { deliveryPage } from "../pages/delivery-page.js";

type AppPath = { app_slug: string };

/** How many recent deliveries an app's page lists. */
const RECENT = 50;

/** An app the signed-in user may see the deliveries of; any other is as unknown as a missing one. */
async function managedApp(ctx: PageContext<Session, AppPath>): Promise<App> {
  const app = await ctx.hub.appRegistry.findBySlug(ctx.params.app_slug);
  if (!app || !(await ctx.hub.access.canSeeDeliveries(ctx.session.user, app))) throw new NotFoundError();
  return app;
}

export async function listDeliveries(ctx: PageContext<Session, AppPath>): Promise<PageReply> {
  const app = await managedApp(ctx);
  const deliveries = await ctx.hub.deliveries.list(app.id, { limit: RECENT });
  return {
    html: appDeliveriesPage(app, deliveries, ctx.session, noticeText(ctx.query.text("notice"))),
  };
}

export async function getDelivery(
  ctx: PageContext<Session, AppPath & { delivery_id: number }>,
): Promise<PageReply> {
  const app = await managedApp(ctx);
  const delivery = await ctx.hub.deliveries.get(app.id, ctx.params.delivery_id);
  return { html: deliveryPage(app, delivery, ctx.session) };
}

/**
 * `POST …/deliveries/{delivery_id}/attempts`: the page's Redeliver button, as GitHub's "Redeliver" and the
 * API's `POST /app/hook/deliveries/{delivery_id}/attempts` do (a new delivery, same GUID and payload).
 */
export async function redeliver(
  ctx: PageContext<Session, AppPath & { delivery_id: number }>,
): Promise<PageReply> {
  const app = await managedApp(ctx);
  await ctx.hub.deliveries.redeliver(app.id, ctx.params.delivery_id);
  return { redirect: `/hubcap/apps/${encodeURIComponent(app.slug)}?notice=redelivered` };
}
