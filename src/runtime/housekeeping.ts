import type { Logger } from "pino";
import { seconds, type Clock } from "../domain/clock.js";
import type { Store } from "../store/store.js";

const EVERY_MS = 10 * 60 * 1000;

/**
 * Expired installation tokens and sessions are refused by their expiry; deleting them only keeps the
 * tables small. Tokens stay a day past expiry.
 */
export class Housekeeping {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;

  constructor(
    private readonly store: Pick<Store, "deleteExpiredInstallationTokens" | "deleteExpiredSessions">,
    private readonly clock: Clock,
    private readonly log: Pick<Logger, "warn">,
    private readonly everyMs = EVERY_MS,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.sweep(), this.everyMs);
    this.timer.unref();
  }

  sweep(): Promise<void> {
    this.sweeping ??= Promise.all([
      this.store.deleteExpiredInstallationTokens(seconds(this.clock) - 86400),
      this.store.deleteExpiredSessions(seconds(this.clock)),
    ])
      .then(() => {})
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
