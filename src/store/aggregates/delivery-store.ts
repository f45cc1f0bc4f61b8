import { sql } from "kysely";
import type { Delivery } from "../../domain/model.js";
import { flag, SqlSlice, type Db, type Row } from "./sql-slice.js";

export interface DeliveryTables {
  webhook_deliveries: {
    id: number;
    guid: string;
    app_id: number;
    hook_id: number;
    installation_id: number | null;
    repository_id: number | null;
    event: string;
    action: string | null;
    payload: string;
    redelivery: number;
    state: "pending" | "delivering" | "done";
    claimed_by: string | null;
    claimed_at: number | null;
    url: string | null;
    delivered_at: number | null;
    duration: number | null;
    status: string | null;
    status_code: number | null;
    request_headers: string | null;
    response_headers: string | null;
    response_body: string | null;
    created_at: number;
  };
}

/** A delivery as the outbox writes it: before any attempt. */
export type NewDelivery = Pick<
  Delivery,
  | "id"
  | "guid"
  | "appId"
  | "hookId"
  | "installationId"
  | "repositoryId"
  | "event"
  | "action"
  | "payload"
  | "redelivery"
> & { now: number };

export interface DeliveryOutcome {
  url: string | null;
  deliveredAt: number;
  duration: number;
  status: string;
  statusCode: number;
  requestHeaders: Record<string, string>;
  responseHeaders: Record<string, string>;
  responseBody: string;
}

/** What a worker needs to send a claimed delivery: the row and its app's current webhook. */
export interface ClaimedDelivery {
  delivery: Delivery;
  webhook: {
    url: string | null;
    contentType: "json" | "form";
    insecureSsl: "0" | "1";
    active: boolean;
    sealedSecret: string | null;
  };
}

/** Webhook deliveries: an outbox of rows that workers claim, send and complete. */
export interface DeliveryStore {
  insertDelivery(delivery: NewDelivery): Promise<void>;
  /**
   * Claims up to `limit` pending deliveries for one worker, atomically: no two workers get the same one.
   * Deliveries of `skipAppIds` (apps at their in-flight cap) stay for later.
   */
  claimDeliveries(
    worker: string,
    now: number,
    limit: number,
    skipAppIds?: number[],
  ): Promise<ClaimedDelivery[]>;
  /** Gives claimed deliveries back to the queue, unsent. */
  releaseDeliveries(worker: string, ids: number[]): Promise<void>;
  /** Moves the claims a live worker still holds to `now` (ms), so they never look stale while sent. */
  renewDeliveryClaims(worker: string, ids: number[], now: number): Promise<void>;
  /** Returns to the queue deliveries claimed before `staleBefore` (ms) and never finished: their worker died. */
  releaseStaleDeliveries(staleBefore: number): Promise<number>;
  /** Records an attempt; false when the claim was lost (another worker took the delivery over). */
  completeDelivery(id: number, worker: string, outcome: DeliveryOutcome): Promise<boolean>;
  listDeliveries(
    appId: number,
    options: { beforeId?: number; limit: number; status?: "success" | "failure" },
  ): Promise<Delivery[]>;
  /** The ids of listed deliveries from `fromId` on, oldest first: what lies before a cursor's page. */
  listDeliveryIdsFrom(
    appId: number,
    options: { fromId: number; limit: number; status?: "success" | "failure" },
  ): Promise<number[]>;
  findDelivery(appId: number, id: number): Promise<Delivery | undefined>;
  /** Deletes finished deliveries created before `before` (seconds); pending and claimed ones stay. */
  deleteDeliveriesBefore(before: number): Promise<number>;
}

export function toDelivery(row: Row): Delivery {
  const json = (value: unknown) => (value == null ? null : JSON.parse(value as string));
  return {
    id: row.id as number,
    guid: row.guid as string,
    appId: row.app_id as number,
    hookId: row.hook_id as number,
    installationId: (row.installation_id as number | null) ?? null,
    repositoryId: (row.repository_id as number | null) ?? null,
    event: row.event as string,
    action: (row.action as string | null) ?? null,
    payload: row.payload as string,
    redelivery: row.redelivery === 1 || row.redelivery === true,
    url: (row.url as string | null) ?? null,
    deliveredAt: (row.delivered_at as number | null) ?? null,
    duration: row.duration == null ? null : Number(row.duration),
    status: (row.status as string | null) ?? null,
    statusCode: (row.status_code as number | null) ?? null,
    requestHeaders: json(row.request_headers),
    responseHeaders: json(row.response_headers),
    responseBody: (row.response_body as string | null) ?? null,
    createdAt: row.created_at as number,
  };
}

/** The deliveries the API lists (attempted ones), optionally by outcome. */
function listed(db: Db, appId: number, status: "success" | "failure" | undefined) {
  return db
    .selectFrom("webhook_deliveries")
    .where("app_id", "=", appId)
    .where("state", "=", "done")
    .$if(status === "success", (qb) => qb.where("status_code", ">=", 200).where("status_code", "<", 300))
    .$if(status === "failure", (qb) =>
      qb.where((eb) => eb.or([eb("status_code", "<", 200), eb("status_code", ">=", 300)])),
    );
}

export class SqlDeliveryStore extends SqlSlice implements DeliveryStore {
  async insertDelivery(d: NewDelivery): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("webhook_deliveries")
        .values({
          id: d.id,
          guid: d.guid,
          app_id: d.appId,
          hook_id: d.hookId,
          installation_id: d.installationId,
          repository_id: d.repositoryId,
          event: d.event,
          action: d.action,
          payload: d.payload,
          redelivery: flag(d.redelivery),
          state: "pending",
          created_at: d.now,
        })
        .compile(),
    );
  }

  async claimDeliveries(
    worker: string,
    now: number,
    limit: number,
    skipAppIds: number[] = [],
  ): Promise<ClaimedDelivery[]> {
    // One statement claims the batch, through the (state, id) index. On PostgreSQL the candidates are
    // locked with SKIP LOCKED, so workers on other instances pass over each other's rows.
    const postgres = this.dialect === "postgres";
    const candidates = this.db
      .selectFrom("webhook_deliveries")
      .select("id")
      .where("state", "=", "pending")
      .$if(skipAppIds.length > 0, (qb) => qb.where("app_id", "not in", skipAppIds))
      .orderBy("id")
      .limit(sql.lit(Math.trunc(limit)))
      .$if(postgres, (qb) => qb.forUpdate().skipLocked());
    const claimed = await this.ex.all(
      this.db
        .updateTable("webhook_deliveries")
        .set({ state: "delivering", claimed_by: worker, claimed_at: now })
        // PostgreSQL may plan `id IN (… LIMIT n SKIP LOCKED)` as a loop that re-runs the subquery per
        // row, each run skipping the rows already claimed, so the batch outgrows `limit`; ARRAY(…) is
        // evaluated once. SQLite evaluates the IN list once.
        .$if(postgres, (qb) => qb.where(sql<boolean>`id = ANY(ARRAY(${candidates}))`))
        .$if(!postgres, (qb) => qb.where("id", "in", candidates))
        // Re-checked on the row itself: after waiting on a lock, PostgreSQL re-evaluates only this.
        .where("state", "=", "pending")
        .returningAll()
        .compile(),
    );
    if (claimed.length === 0) return [];
    const appIds = [...new Set(claimed.map((row) => row.app_id))];
    const apps = await this.ex.all(
      this.db
        .selectFrom("apps")
        .select([
          "id",
          "webhook_url",
          "webhook_content_type",
          "webhook_insecure_ssl",
          "webhook_active",
          "webhook_secret",
        ])
        .where("id", "in", appIds)
        .compile(),
    );
    const byId = new Map(apps.map((a) => [a.id, a]));
    return claimed
      .sort((a, b) => a.id - b.id)
      .map((row) => {
        const app = byId.get(row.app_id);
        return {
          delivery: toDelivery(row),
          webhook: {
            url: app?.webhook_url ?? null,
            contentType: app?.webhook_content_type ?? "json",
            insecureSsl: app?.webhook_insecure_ssl ?? "0",
            active: app ? Number(app.webhook_active) === 1 : false,
            sealedSecret: app?.webhook_secret ?? null,
          },
        };
      });
  }

  async releaseDeliveries(worker: string, ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.ex.run(
      this.db
        .updateTable("webhook_deliveries")
        .set({ state: "pending", claimed_by: null, claimed_at: null })
        .where("id", "in", ids)
        .where("claimed_by", "=", worker)
        .where("state", "=", "delivering")
        .compile(),
    );
  }

  async renewDeliveryClaims(worker: string, ids: number[], now: number): Promise<void> {
    if (ids.length === 0) return;
    await this.ex.run(
      this.db
        .updateTable("webhook_deliveries")
        .set({ claimed_at: now })
        .where("id", "in", ids)
        .where("claimed_by", "=", worker)
        .where("state", "=", "delivering")
        .compile(),
    );
  }

  async releaseStaleDeliveries(staleBefore: number): Promise<number> {
    return this.ex.run(
      this.db
        .updateTable("webhook_deliveries")
        .set({ state: "pending", claimed_by: null, claimed_at: null })
        .where("state", "=", "delivering")
        .where("claimed_at", "<", staleBefore)
        .compile(),
    );
  }

  async completeDelivery(id: number, worker: string, o: DeliveryOutcome): Promise<boolean> {
    const n = await this.ex.run(
      this.db
        .updateTable("webhook_deliveries")
        .set({
          state: "done",
          url: o.url,
          delivered_at: o.deliveredAt,
          duration: o.duration,
          status: o.status,
          status_code: o.statusCode,
          request_headers: JSON.stringify(o.requestHeaders),
          response_headers: JSON.stringify(o.responseHeaders),
          response_body: o.responseBody,
        })
        .where("id", "=", id)
        .where("claimed_by", "=", worker)
        .where("state", "=", "delivering")
        .compile(),
    );
    return n > 0;
  }

  async listDeliveries(
    appId: number,
    options: { beforeId?: number; limit: number; status?: "success" | "failure" },
  ): Promise<Delivery[]> {
    const rows = await this.ex.all(
      listed(this.db, appId, options.status)
        .selectAll()
        .$if(options.beforeId !== undefined, (qb) => qb.where("id", "<", options.beforeId!))
        .orderBy("id", "desc")
        .limit(sql.lit(Math.trunc(options.limit)))
        .compile(),
    );
    return rows.map(toDelivery);
  }

  async listDeliveryIdsFrom(
    appId: number,
    options: { fromId: number; limit: number; status?: "success" | "failure" },
  ): Promise<number[]> {
    const rows = await this.ex.all(
      listed(this.db, appId, options.status)
        .select("id")
        .where("id", ">=", options.fromId)
        .orderBy("id", "asc")
        .limit(sql.lit(Math.trunc(options.limit)))
        .compile(),
    );
    return rows.map((r) => Number(r.id));
  }

  async findDelivery(appId: number, id: number): Promise<Delivery | undefined> {
    const row = await this.ex.first(
      this.db
        .selectFrom("webhook_deliveries")
        .selectAll()
        .where("app_id", "=", appId)
        .where("id", "=", id)
        .compile(),
    );
    return row && toDelivery(row);
  }

  async deleteDeliveriesBefore(before: number): Promise<number> {
    return this.ex.run(
      this.db
        .deleteFrom("webhook_deliveries")
        .where("state", "=", "done")
        .where("created_at", "<", before)
        .compile(),
    );
  }
}
