import { seconds, type Clock } from "./clock.js";
import { FIELD_LIMITS } from "./field-limits.js";
import { NotFoundError, ValidationError } from "./errors.js";
import type { EventSink } from "./events.js";
import type { App } from "./model.js";
import type { SecretBox } from "./secret-box.js";
import type { AppStore, StoreOps, Transactor, WebhookPatch } from "../store/store.js";

export interface WebhookConfigPatch {
  url?: unknown;
  content_type?: unknown;
  secret?: unknown;
  insecure_ssl?: unknown;
}

export interface WebhookConfig {
  url: string | null;
  contentType: "json" | "form";
  insecureSsl: "0" | "1";
  hasSecret: boolean;
}

const invalid = (field: string, message: string) =>
  new ValidationError("Validation Failed", [{ resource: "Hook", field, code: "custom", message }]);

/** A webhook URL GitHub would accept: http or https, nothing else. */
export function checkWebhookUrl(value: unknown): string | null {
  if (value === null || value === "") return null;
  if (typeof value !== "string") throw invalid("url", "url must be a string");
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw invalid("url", "url is not a valid URL");
  }
  if ((parsed.protocol !== "http:" && parsed.protocol !== "https:") || value.length > FIELD_LIMITS.url)
    throw invalid("url", "url must use http or https");
  return value;
}

/** `GET|PATCH /app/hook/config`; configuring a URL for the first time pings it, as GitHub does. */
export class WebhookConfigs {
  constructor(
    private readonly store: AppStore & Transactor,
    private readonly clock: Clock,
    private readonly secrets: SecretBox,
    private readonly events: EventSink,
  ) {}

  async get(appId: number): Promise<WebhookConfig> {
    const app = await this.store.findAppById(appId);
    if (!app) throw new NotFoundError();
    return {
      url: app.webhookUrl,
      contentType: app.webhookContentType,
      insecureSsl: app.webhookInsecureSsl,
      hasSecret: (await this.store.findWebhookSecret(appId)) !== null,
    };
  }

  async update(appId: number, body: WebhookConfigPatch): Promise<WebhookConfig> {
    const patch: WebhookPatch = {};
    if (body.url !== undefined) patch.webhookUrl = checkWebhookUrl(body.url);
    if (body.content_type !== undefined) {
      if (body.content_type !== "json" && body.content_type !== "form")
        throw invalid("content_type", "content_type must be json or form");
      patch.webhookContentType = body.content_type;
    }
    if (body.insecure_ssl !== undefined) {
      const value = typeof body.insecure_ssl === "number" ? String(body.insecure_ssl) : body.insecure_ssl;
      if (value !== "0" && value !== "1") throw invalid("insecure_ssl", 'insecure_ssl must be "0" or "1"');
      patch.webhookInsecureSsl = value;
    }
    if (body.secret !== undefined) {
      if (body.secret !== null && typeof body.secret !== "string")
        throw invalid("secret", "secret must be a string");
      patch.webhookSecret = body.secret ? this.secrets.seal(body.secret) : null;
    }
    await this.store.transaction((tx) =>
      applyWebhookPatch(tx, this.events, appId, patch, seconds(this.clock)),
    );
    return this.get(appId);
  }
}

/**
 * Writes a webhook change; a URL configured where there was none gets the webhook an id (once) and a
 * ping. Shared by the API and world files.
 */
export async function applyWebhookPatch(
  tx: StoreOps,
  events: EventSink,
  appId: number,
  patch: WebhookPatch,
  now: number,
): Promise<void> {
  const before = await tx.findAppById(appId);
  if (!before) throw new NotFoundError();
  const firstUrl = !before.webhookUrl && typeof patch.webhookUrl === "string";
  if (firstUrl && before.hookId === null) patch.hookId = await tx.allocateId("hooks");
  await tx.updateWebhook(appId, patch, now);
  if (firstUrl) {
    const app = (await tx.findAppById(appId)) as App;
    await events.record(tx, appId, { event: "ping", app });
  }
}
