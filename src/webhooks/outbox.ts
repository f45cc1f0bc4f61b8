import { randomUUID } from "node:crypto";
import { seconds, type Clock } from "../domain/clock.js";
import type { DomainEvent, EventSink } from "../domain/events.js";
import { urlsAt, type Urls } from "../serialize/urls.js";
import type { StoreOps } from "../store/store.js";
import { payloadFor } from "./payloads.js";

/**
 * The event sink of a running hubcap: each event an app should hear becomes a pending delivery row,
 * inserted in the transaction of the change; the deliverer sends it afterwards.
 */
export class WebhookOutbox implements EventSink {
  private readonly urls: Urls;
  private readonly wake: () => void;

  constructor(
    private readonly clock: Clock,
    options: {
      /**
       * Where hubcap is reachable, for the URLs inside payloads. Only a store filled with no hubcap
       * running (the benchmark's backlog) may leave it out: its payloads then point at 127.0.0.1.
       */
      urls?: Urls;
      /** Wakes a deliverer once a recorded delivery is committed. */
      wake?: () => void;
    } = {},
  ) {
    this.urls = options.urls ?? urlsAt("http://127.0.0.1");
    this.wake = options.wake ?? (() => {});
  }

  async record(tx: StoreOps, appId: number, event: DomainEvent): Promise<void> {
    const app = await tx.findAppById(appId);
    // GitHub sends nothing to an app without an active webhook URL (and a ping needs one to exist).
    if (!app?.webhookUrl || !app.webhookActive || app.hookId === null) return;
    const payload = payloadFor(event, this.urls);
    await tx.insertDelivery({
      id: await tx.allocateId("webhook_deliveries"),
      guid: randomUUID(),
      appId,
      hookId: app.hookId,
      installationId: payload.installationId,
      repositoryId: null,
      event: payload.event,
      action: payload.action,
      payload: JSON.stringify(payload.body),
      redelivery: false,
      now: seconds(this.clock),
    });
    tx.afterCommit(this.wake);
  }
}
