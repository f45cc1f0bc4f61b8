import { seconds, type Clock } from "./clock.js";
import { RateLimitedError } from "./errors.js";
import type { TokenStore } from "../store/store.js";

export interface RateLimitStatus {
  limit: number;
  used: number;
  remaining: number;
  resetAt: number;
  resource: RateLimitResource;
}

/**
 * GitHub's rate-limit buckets hubcap counts: `core` for the REST API, `integration_manifest` for
 * manifest conversions (POST /app-manifests/{code}/conversions), each with its own window.
 */
export type RateLimitResource = "core" | "integration_manifest";

interface Window {
  /** Usage the store last reported, every instance's included. */
  stored: number;
  /** Usage counted here since then. */
  pending: number;
  resetAt: number;
}

const WINDOW_SECONDS = 3600;

/**
 * GitHub's primary rate limit: a number of requests per credential per hour. Counters live in the
 * store so that every instance shares them; to keep a write off every request, each instance counts
 * locally and adds its count to the store every `flushMs`, reading back the shared total. Instances
 * may therefore overshoot a limit by what they count within one flush interval.
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly store: TokenStore,
    private readonly clock: Clock,
    private readonly flushMs = 250,
  ) {}

  /** Counts one request; throws when the credential has none left. */
  async consume(
    key: string,
    limit: number,
    describe: string,
    resource: RateLimitResource = "core",
  ): Promise<RateLimitStatus> {
    const now = seconds(this.clock);
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      const stored = await this.store.addRateLimitUsage(key, 0, now, WINDOW_SECONDS);
      window = { stored: stored.used, pending: 0, resetAt: stored.resetAt };
      this.windows.set(key, window);
    }
    const used = window.stored + window.pending;
    if (used >= limit) {
      throw new RateLimitedError(
        `API rate limit exceeded for ${describe}${describe.endsWith(")") ? "" : "."}`,
        this.status(limit, used, window.resetAt, resource),
      );
    }
    window.pending++;
    this.schedule();
    return this.status(limit, used + 1, window.resetAt, resource);
  }

  /** Usage without counting (GET /rate_limit does not count against the limit). */
  async peek(key: string, limit: number): Promise<RateLimitStatus> {
    const now = seconds(this.clock);
    const window = this.windows.get(key);
    if (window && window.resetAt > now)
      return this.status(limit, window.stored + window.pending, window.resetAt);
    const stored = await this.store.addRateLimitUsage(key, 0, now, WINDOW_SECONDS);
    return this.status(limit, stored.used, stored.resetAt);
  }

  private status(
    limit: number,
    used: number,
    resetAt: number,
    resource: RateLimitResource = "core",
  ): RateLimitStatus {
    return { limit, used, remaining: Math.max(0, limit - used), resetAt, resource };
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // Counts taken during a flush are picked up by the next one; a flush takes each count once.
      this.flushing = this.flush();
    }, this.flushMs);
    this.timer.unref();
  }

  /** Adds local counts to the store and adopts the shared totals. */
  async flush(): Promise<void> {
    const now = seconds(this.clock);
    for (const [key, window] of this.windows) {
      if (window.resetAt <= now) {
        this.windows.delete(key);
        continue;
      }
      if (window.pending === 0) continue;
      const delta = window.pending;
      window.pending = 0;
      try {
        const stored = await this.store.addRateLimitUsage(key, delta, now, WINDOW_SECONDS);
        window.stored = stored.used;
        window.resetAt = stored.resetAt;
      } catch {
        // The store is unavailable: keep the count and try again on the next flush.
        window.pending += delta;
      }
    }
    if ([...this.windows.values()].some((w) => w.pending > 0)) this.schedule();
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.flushing;
    await this.flush();
  }
}
