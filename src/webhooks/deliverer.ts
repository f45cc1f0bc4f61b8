import { createHmac, randomBytes } from "node:crypto";
import { Agent, request } from "undici";
import type { Clock } from "../domain/clock.js";
import type { SecretBox } from "../domain/secret-box.js";
import type { ClaimedDelivery, DeliveryOutcome, Store } from "../store/store.js";
import type { Logger } from "pino";

export interface DelivererOptions {
  /** Sends in flight at once; a slow receiver holds one slot, never the others. */
  concurrency?: number;
  /** How often to look for deliveries made by other instances (ms). */
  pollMs?: number;
  /**
   * The whole exchange with a receiver (connect, request, response and its body) must end within this
   * (ms): GitHub gives up after 10 seconds.
   * https://docs.github.com/en/webhooks/using-webhooks/best-practices-for-using-webhooks#respond-within-10-seconds
   */
  timeoutMs?: number;
  /**
   * A claim not renewed for this long (ms) belongs to a worker that died; its delivery is sent again. A
   * live worker renews its claims well within it, so a send in flight is never taken over.
   */
  staleMs?: number;
  /**
   * A send still in flight after this (ms) steps out of `concurrency` into the slow lane, and its app is
   * held to one send at a time until one of its sends is quick again: slow receivers never hold the slots
   * other apps' deliveries need.
   */
  slowMs?: number;
  /** Sends the slow lane holds at once; beyond it, slow sends keep their slots. */
  slowLane?: number;
  /** Sends in flight to one app at once (default half the slots): a dead receiver holds at most these. */
  perAppConcurrency?: number;
  /** True while the API is busy: then at most `busyConcurrency` sends are in flight (default 1). */
  busy?: () => boolean;
  busyConcurrency?: number;
}

const RESPONSE_BODY_LIMIT = 64 * 1024;

/**
 * Sends the outbox. Claims are atomic (see Store.claimDeliveries), so any number of deliverers on any
 * number of instances send each delivery once. GitHub does not retry a failed delivery, so neither do
 * we: a failure is recorded, and redelivery is the app's call (POST …/attempts).
 */
export class Deliverer {
  readonly worker = `deliverer-${randomBytes(6).toString("hex")}`;
  private readonly concurrency: number;
  private readonly batch: number;
  private readonly perAppConcurrency: number;
  private readonly perApp = new Map<number, number>();
  private finished = 0;
  private readonly busy: () => boolean;
  private readonly busyConcurrency: number;
  private readonly pollMs: number;
  private readonly timeoutMs: number;
  private readonly staleMs: number;
  private readonly slowMs: number;
  private readonly slowLane: number;
  /** Sends in flight that count against `concurrency`: those not (yet) in the slow lane. */
  private quick = 0;
  private slow = 0;
  /** Apps with a send in the slow lane, or whose last send was slow: one send at a time. */
  private readonly slowApps = new Set<number>();
  /** Deliveries being sent by this worker, whose claims it renews. */
  private readonly claims = new Set<number>();
  private readonly strict = new Agent({ connections: 64 });
  private readonly insecure = new Agent({ connections: 64, connect: { rejectUnauthorized: false } });
  private inFlight = new Set<Promise<void>>();
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private woken = false;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly secrets: SecretBox,
    private readonly log: Pick<Logger, "info" | "warn" | "error">,
    options: DelivererOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 64;
    this.batch = Math.max(1, Math.floor(this.concurrency / 4));
    this.perAppConcurrency = options.perAppConcurrency ?? Math.max(1, Math.floor(this.concurrency / 2));
    this.busy = options.busy ?? (() => false);
    this.busyConcurrency = options.busyConcurrency ?? 1;
    this.pollMs = options.pollMs ?? 250;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.staleMs = options.staleMs ?? 30_000;
    this.slowMs = options.slowMs ?? 1000;
    this.slowLane = options.slowLane ?? 4 * this.concurrency;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Something was recorded: look now rather than at the next poll. */
  notify(): void {
    this.woken = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.notify();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
    await Promise.allSettled([this.strict.close(), this.insecure.close()]);
  }

  private async run(): Promise<void> {
    let releasedAt = 0;
    const claimedPerApp = new Map<number, number>();
    // After a claim that overshot an app's cap, claim only as many as have finished since: otherwise
    // every finished send would claim (and give back) a whole batch of the capped app's queue.
    let overshot = false;
    while (this.running) {
      // Let the API's requests in: on SQLite every store call resolves at once, so without this the
      // loop would hold the event loop between claims.
      await new Promise((resolve) => setImmediate(resolve));
      const now = this.clock.now();
      if (now - releasedAt > this.staleMs / 4) {
        releasedAt = now;
        // Our own claims first: a send still in flight is never released to another worker.
        await this.store
          .renewDeliveryClaims(this.worker, [...this.claims], now)
          .catch((error) => this.log.warn({ err: error }, "renewing webhook delivery claims failed"));
        await this.store
          .releaseStaleDeliveries(now - this.staleMs)
          .catch((error) => this.log.warn({ err: error }, "releasing stale deliveries failed"));
      }
      // Claims come in batches: a claim per freed slot would cost a statement per delivery. While
      // clients wait on the API, deliveries step aside to a trickle (they are never urgent to the ms).
      const limit = this.busy() ? this.busyConcurrency : this.concurrency;
      const free = limit - this.quick;
      let claimed: ClaimedDelivery[] = [];
      const want = overshot ? Math.min(free, this.finished) : free;
      const claiming = want > 0 && (overshot || want >= Math.min(this.batch, limit) || this.quick === 0);
      if (claiming) {
        this.finished = 0;
        try {
          const full = [...this.perApp]
            .filter(([appId, n]) => n >= this.capOf(appId))
            .map(([appId]) => appId);
          claimed = await this.store.claimDeliveries(this.worker, now, want, full);
        } catch (error) {
          this.log.warn({ err: error }, "claiming webhook deliveries failed");
        }
      }
      // A batch may hold more of one app than its cap: the excess goes back to the queue, unsent.
      const excess: number[] = [];
      claimed = claimed.filter((item) => {
        const appId = item.delivery.appId;
        const sending = (this.perApp.get(appId) ?? 0) + (claimedPerApp.get(appId) ?? 0);
        if (sending >= this.capOf(appId)) {
          excess.push(item.delivery.id);
          return false;
        }
        claimedPerApp.set(appId, (claimedPerApp.get(appId) ?? 0) + 1);
        return true;
      });
      claimedPerApp.clear();
      if (claiming) overshot = excess.length > 0;
      if (excess.length > 0) {
        await this.store
          .releaseDeliveries(this.worker, excess)
          .catch((error) => this.log.warn({ err: error }, "releasing deliveries failed"));
      }
      for (const item of claimed) this.begin(item);
      if (claimed.length === 0 || limit - this.quick < Math.min(this.batch, limit)) await this.sleep();
    }
  }

  private capOf(appId: number): number {
    return this.slowApps.has(appId) ? 1 : this.perAppConcurrency;
  }

  /** Starts a send in a quick slot; past `slowMs` it moves to the slow lane and frees the slot. */
  private begin(item: ClaimedDelivery): void {
    const { id, appId } = item.delivery;
    this.perApp.set(appId, (this.perApp.get(appId) ?? 0) + 1);
    this.claims.add(id);
    this.quick++;
    let lane: "quick" | "slow" = "quick";
    const started = performance.now();
    const slowTimer = setTimeout(() => {
      if (this.slow >= this.slowLane) return;
      lane = "slow";
      this.quick--;
      this.slow++;
      this.slowApps.add(appId);
      this.notify();
    }, this.slowMs);
    const sending: Promise<void> = this.send(item).finally(() => {
      clearTimeout(slowTimer);
      if (lane === "slow") this.slow--;
      else this.quick--;
      if (performance.now() - started < this.slowMs) this.slowApps.delete(appId);
      else this.slowApps.add(appId);
      this.claims.delete(id);
      this.inFlight.delete(sending);
      this.finished++;
      const left = (this.perApp.get(appId) ?? 1) - 1;
      if (left > 0) this.perApp.set(appId, left);
      else this.perApp.delete(appId);
      this.notify();
    });
    this.inFlight.add(sending);
  }

  private sleep(): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      // Whichever comes first, the poll or a notify, uninstalls this wake: a stale one would swallow
      // the next notify.
      const wake = () => {
        clearTimeout(timer);
        if (this.wake === wake) this.wake = undefined;
        this.woken = false;
        resolve();
      };
      const timer = setTimeout(() => {
        if (this.wake === wake) this.wake = undefined;
        resolve();
      }, this.pollMs);
      this.wake = wake;
    });
  }

  private async send({ delivery, webhook }: ClaimedDelivery): Promise<void> {
    const started = this.clock.now();
    const body =
      webhook.contentType === "form" ? `payload=${encodeURIComponent(delivery.payload)}` : delivery.payload;
    const headers: Record<string, string> = {
      accept: "*/*",
      "content-type":
        webhook.contentType === "form" ? "application/x-www-form-urlencoded" : "application/json",
      "user-agent": "GitHub-Hookshot/hubcap",
      "x-github-delivery": delivery.guid,
      "x-github-event": delivery.event,
      "x-github-hook-id": String(delivery.hookId),
      "x-github-hook-installation-target-id": String(delivery.appId),
      "x-github-hook-installation-target-type": "integration",
    };
    if (webhook.sealedSecret) {
      const secret = this.secrets.open(webhook.sealedSecret);
      headers["x-hub-signature"] = `sha1=${createHmac("sha1", secret).update(body).digest("hex")}`;
      headers["x-hub-signature-256"] = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
    }
    let outcome: Omit<DeliveryOutcome, "url" | "deliveredAt" | "duration" | "requestHeaders">;
    if (!webhook.url || !webhook.active) {
      outcome = {
        status: "No webhook URL is configured",
        statusCode: 0,
        responseHeaders: {},
        responseBody: "",
      };
    } else {
      outcome = await this.post(webhook.url, webhook.insecureSsl === "1", headers, body);
    }
    const finished = this.clock.now();
    // One line per attempt; never the secret, the signature or the payload.
    this.log.info(
      {
        guid: delivery.guid,
        event: delivery.event,
        action: delivery.action ?? undefined,
        appId: delivery.appId,
        url: webhook.url,
        statusCode: outcome.statusCode,
        status: outcome.status,
        durationMs: finished - started,
        redelivery: delivery.redelivery,
      },
      "webhook delivery",
    );
    try {
      await this.store.completeDelivery(delivery.id, this.worker, {
        ...outcome,
        url: webhook.url,
        deliveredAt: Math.floor(started / 1000),
        duration: (finished - started) / 1000,
        requestHeaders: headers,
      });
    } catch (error) {
      // Left claimed: once the claim is stale, a deliverer sends it again.
      this.log.error({ err: error, delivery: delivery.id }, "recording a webhook delivery failed");
    }
  }

  private async post(url: string, insecure: boolean, headers: Record<string, string>, body: string) {
    // One deadline for the whole exchange: per-read timeouts alone let a receiver that trickles a byte
    // a second hold a send open indefinitely.
    const signal = AbortSignal.timeout(this.timeoutMs);
    try {
      const response = await request(url, {
        method: "POST",
        headers,
        body,
        signal,
        dispatcher: insecure ? this.insecure : this.strict,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
      const text = await readLimited(response.body);
      const responseHeaders = Object.fromEntries(
        Object.entries(response.headers).map(([k, v]) => [
          k,
          Array.isArray(v) ? v.join(", ") : String(v ?? ""),
        ]),
      );
      const ok = response.statusCode >= 200 && response.statusCode < 300;
      return {
        status: ok ? "OK" : `Invalid HTTP Response: ${response.statusCode}`,
        statusCode: response.statusCode,
        responseHeaders,
        responseBody: text,
      };
    } catch (error) {
      const e = error as { name?: string; code?: string };
      const timedOut =
        signal.aborted ||
        e.name === "TimeoutError" ||
        e.code === "UND_ERR_HEADERS_TIMEOUT" ||
        e.code === "UND_ERR_BODY_TIMEOUT";
      return {
        status: timedOut ? "timed out" : "failed to connect to host",
        statusCode: 0,
        responseHeaders: {},
        responseBody: "",
      };
    }
  }
}

async function readLimited(body: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (size < RESPONSE_BODY_LIMIT) chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks).subarray(0, RESPONSE_BODY_LIMIT).toString("utf8");
}
