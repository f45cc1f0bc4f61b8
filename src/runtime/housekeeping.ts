import type { Logger } from "pino";
import { seconds, type Clock } from "../domain/clock.js";
import { SWEEP_AFTER_SECONDS } from "../domain/oauth/sweep.js";
import type { Store } from "../store/store.js";

const EVERY_MS = 10 * 60 * 1000;
const DAY = 86400;

/**
 * GitHub lists and redelivers an app's deliveries from the past 3 days, and no older.
 * https://docs.github.com/en/webhooks/testing-and-troubleshooting-webhooks/redelivering-webhooks
 */
export const DELIVERY_RETENTION_SECONDS = 3 * DAY;

type Prunes = Pick<
  Store,
  | "deleteExpiredInstallationTokens"
  | "deleteExpiredUserTokens"
  | "deleteExpiredUserAccessTokens"
  | "deleteExpiredSessions"
  | "deleteExpiredOAuthCodes"
  | "deleteExpiredPendingManifests"
  | "deleteExpiredManifestCodes"
  | "deleteEndedRateLimits"
  | "deleteDeliveriesBefore"
>;

/**
 * Deletes what has expired. Every expired thing is already refused by its expiry; deleting it keeps the
 * tables (and what one client can make them hold) bounded. Tokens stay a day past expiry, so a client
 * presenting one still gets GitHub's answer for an expired token, not a stranger's; one-time codes stay
 * an hour, for the same reason.
 */
export class Housekeeping {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;

  constructor(
    private readonly store: Prunes,
    private readonly clock: Clock,
    private readonly log: Pick<Logger, "warn">,
    private readonly everyMs = EVERY_MS,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.sweep(), this.everyMs);
    this.timer.unref();
  }

  sweep(): Promise<void> {
    const now = seconds(this.clock);
    const { store } = this;
    // One after another: on PostgreSQL each holds a pooled connection the API may need.
    const prunes = [
      () => store.deleteExpiredInstallationTokens(now - DAY),
      () => store.deleteExpiredUserTokens(now - DAY),
      () => store.deleteExpiredUserAccessTokens(now - DAY),
      () => store.deleteExpiredSessions(now),
      () => store.deleteExpiredOAuthCodes(now - SWEEP_AFTER_SECONDS),
      () => store.deleteExpiredPendingManifests(now),
      () => store.deleteExpiredManifestCodes(now),
      () => store.deleteEndedRateLimits(now),
      () => store.deleteDeliveriesBefore(now - DELIVERY_RETENTION_SECONDS),
    ];
    this.sweeping ??= (async () => {
      for (const prune of prunes) await prune();
    })()
      .catch((err) => this.log.warn({ err }, "housekeeping failed"))
      .finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  /** Stops the timer and waits for a sweep under way, so the store can close after it. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.sweeping;
  }
}
