import type { AppPrincipal } from "../../domain/app-auth.js";
import { BadRequestError } from "../../domain/errors.js";
import { pageParams } from "../pagination.js";
import type { BodyOf } from "../schema.js";
import type { Context, Reply } from "../route.js";
import { delivery, deliveryItem, webhookConfig } from "../../serialize/delivery.js";

type AppContext<Params extends object = object, Body = unknown> = Context<AppPrincipal, Params, Body>;

/** GET /app/hook/config */
export async function getWebhookConfigForApp(ctx: AppContext): Promise<Reply> {
  return { body: webhookConfig(await ctx.hub.webhookConfigs.get(ctx.principal.appId)) };
}

export const webhookConfigBody = {
  type: ["object", "null"],
  properties: {
    url: { type: ["string", "null"] },
    content_type: { type: "string" },
    secret: { type: ["string", "null"] },
    insecure_ssl: { type: ["string", "number"] },
  },
} as const;

/** PATCH /app/hook/config */
export async function updateWebhookConfigForApp(
  ctx: AppContext<object, BodyOf<typeof webhookConfigBody>>,
): Promise<Reply> {
  const config = await ctx.hub.webhookConfigs.update(ctx.principal.appId, ctx.body ?? {});
  return { body: webhookConfig(config) };
}

/** GET /app/hook/deliveries — newest first, with GitHub's cursor pagination. */
export async function listWebhookDeliveries(ctx: AppContext): Promise<Reply> {
  const { perPage } = pageParams(ctx.query);
  const cursor = ctx.query.cursor;
  let beforeId: number | undefined;
  if (cursor !== undefined && cursor !== "") {
    const match = /^v1_(\d{1,15})$/.exec(cursor);
    if (!match) throw new BadRequestError("Invalid cursor");
    beforeId = Number(match[1]);
  }
  const status =
    ctx.query.status === "success" || ctx.query.status === "failure" ? ctx.query.status : undefined;
  const page = await ctx.hub.deliveries.listPage(ctx.principal.appId, { beforeId, limit: perPage, status });
  return {
    body: page.items.map(deliveryItem),
    cursor: {
      ...(page.next !== undefined && { next: `v1_${page.next}` }),
      ...(page.previous !== undefined && { previous: `v1_${page.previous}` }),
    },
  };
}

/** GET /app/hook/deliveries/{delivery_id} */
export async function getWebhookDelivery(ctx: AppContext<{ delivery_id: number }>): Promise<Reply> {
  return {
    body: delivery(await ctx.hub.deliveries.get(ctx.principal.appId, ctx.params.delivery_id)),
  };
}

/** POST /app/hook/deliveries/{delivery_id}/attempts — 202; the new attempt is sent in the background. */
export async function redeliverWebhookDelivery(ctx: AppContext<{ delivery_id: number }>): Promise<Reply> {
  await ctx.hub.deliveries.redeliver(ctx.principal.appId, ctx.params.delivery_id);
  return { status: 202, body: {} };
}
