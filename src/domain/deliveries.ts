import { seconds, type Clock } from "./clock.js";
import { NotFoundError } from "./errors.js";
import type { Delivery } from "./model.js";
import type { DeliveryStore, SettingStore } from "../store/store.js";

/** The deliveries API: an app's attempted deliveries, newest first, and redelivery. */
export class Deliveries {
  constructor(
    private readonly store: DeliveryStore & SettingStore,
    private readonly clock: Clock,
    /** Wakes a deliverer once a redelivery is queued. */
    private readonly wake: () => void = () => {},
  ) {}

  list(
    appId: number,
    options: { beforeId?: number; limit: number; status?: "success" | "failure" },
  ): Promise<Delivery[]> {
    return this.store.listDeliveries(appId, options);
  }

  /**
   * A page of deliveries older than `beforeId` (the cursor), newest first, with the cursors GitHub links:
   * `next` when the page is full, and `previous` for a page reached by a cursor. The previous page's
   * cursor is the id of the delivery just newer than that page, or none when it is the first page
   * (ruby octokit's spec/cassettes/Octokit_Client_Apps/_list_app_hook_deliveries/allows_auto_pagination.json).
   */
  async listPage(
    appId: number,
    options: { beforeId?: number; limit: number; status?: "success" | "failure" },
  ): Promise<{ items: Delivery[]; next?: number; previous?: number | "first" }> {
    const items = await this.store.listDeliveries(appId, options);
    const last = items.at(-1);
    const next = items.length === options.limit && last ? last.id : undefined;
    if (options.beforeId === undefined) return { items, next };
    const newer = await this.store.listDeliveryIdsFrom(appId, {
      fromId: options.beforeId,
      limit: options.limit + 1,
      status: options.status,
    });
    return { items, next, previous: newer[options.limit] ?? "first" };
  }

  async get(appId: number, id: number): Promise<Delivery> {
    const delivery = await this.store.findDelivery(appId, id);
    if (!delivery || delivery.deliveredAt === null) throw new NotFoundError();
    return delivery;
  }

  /** A redelivery is a new delivery of the same payload, with the same GUID, marked `redelivery`. */
  async redeliver(appId: number, id: number): Promise<void> {
    const original = await this.get(appId, id);
    await this.store.insertDelivery({
      id: await this.store.allocateId("webhook_deliveries"),
      guid: original.guid,
      appId,
      hookId: original.hookId,
      installationId: original.installationId,
      repositoryId: original.repositoryId,
      event: original.event,
      action: original.action,
      payload: original.payload,
      redelivery: true,
      now: seconds(this.clock),
    });
    // Not in a transaction: the row is committed once the insert returns.
    this.wake();
  }
}
