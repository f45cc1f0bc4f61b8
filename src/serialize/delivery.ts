import type { Delivery } from "../domain/model.js";
import type { WebhookConfig } from "../domain/webhook-config.js";
import { timestamp } from "./time.js";

/** GitHub's `hook-delivery-item`. */
export function deliveryItem(d: Delivery) {
  return {
    id: d.id,
    guid: d.guid,
    delivered_at: timestamp(d.deliveredAt ?? d.createdAt),
    redelivery: d.redelivery,
    duration: d.duration ?? 0,
    status: d.status ?? "pending",
    status_code: d.statusCode ?? 0,
    event: d.event,
    action: d.action,
    installation_id: d.installationId,
    repository_id: d.repositoryId,
    throttled_at: null,
    // Where it was sent; GitHub lists "" for a delivery with none (ruby octokit's
    // spec/cassettes/Octokit_Client_Apps/_list_app_hook_deliveries/lists_hook_deliveries_for_an_app.json).
    url: d.url ?? "",
  };
}

function parsed(text: string | null): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** GitHub's `hook-delivery`: the item with the request and response as recorded. */
export function delivery(d: Delivery) {
  const body = parsed(d.responseBody);
  return {
    ...deliveryItem(d),
    request: { headers: d.requestHeaders, payload: parsed(d.payload) },
    response: {
      headers: d.responseHeaders,
      // GitHub shows the response body as a string, whatever it holds.
      payload: d.responseBody === null ? null : typeof body === "string" ? body : d.responseBody,
    },
  };
}

/** GitHub's `webhook-config`: the secret is never shown, only that there is one. */
export function webhookConfig(c: WebhookConfig) {
  return {
    content_type: c.contentType,
    insecure_ssl: c.insecureSsl,
    ...(c.hasSecret && { secret: "********" }),
    url: c.url ?? "",
  };
}
