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
   * cursor is the id of the delivery just newer than that page (ruby octokit's
   * spec/cassettes/Octokit_Client_Apps/_list_app_hook_deliveries/allows_auto_pagination.json), or one
   * past the newest when that page is the first: GitHub's `prev` links always carry a cursor.
   */
  async listPage(
    appId: number,
    options: { beforeId?: number; limit: number; status?: "success" | "failure" },
  ): Promise<{ items: Delivery[]; next?: number; previous?: number }> {
    // One more than the page: GitHub's last page has no `next` even when it is full.
    const found = await this.store.listDeliveries(appId, { ...options, limit: options.limit + 1 });
    const items = found.slice(0, options.limit);
    const next = found.length > options.limit ? items.at(-1)?.id : undefined;
    if (options.beforeId === undefined) return { items, next };
    const newer = await this.store.listDeliveryIdsFrom(appId, {
      fromId: options.beforeId,
      limit: options.limit + 1,
      status: options.status,
    });
    const newest = newer.at(-1);
    if (newest === undefined) return { items, next };
    return { items, next, previous: newer[options.limit] ?? newest + 1 };
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
