import { seconds, type Clock } from "./clock.js";
import { HubcapError } from "./errors.js";
import type { TokenStore } from "../store/store.js";

/** How many failures one key (an account, an address) may have in one window before it is held off. */
export interface FailureLimit {
  key: string;
  max: number;
  windowSeconds: number;
}

/** Guesses of passwords and OAuth secrets: 15-minute windows, counted per account and per address. */
export const GUESS_WINDOW_SECONDS = 15 * 60;
/** Wrong passwords for one account; then it is held off for the rest of the window, from anywhere. */
export const SIGN_IN_FAILURES_PER_ACCOUNT = 10;
/** Wrong passwords from one address, whatever the accounts (several people may share one address). */
export const SIGN_IN_FAILURES_PER_ADDRESS = 50;
/** Wrong client secrets, codes, device codes and refresh tokens from one address. */
export const OAUTH_FAILURES_PER_ADDRESS = 100;

/** User codes typed on the device page by one signed-in person that match no pending request. */
export const DEVICE_CODE_FAILURES_PER_ACCOUNT = 20;

/** What the device page says to a person held off (GitHub documents no wording of its own). */
export const TOO_MANY_DEVICE_CODES =
  "Too many codes that match no device were entered. Please wait a while and try again later.";

/** The limits of one person's user-code guesses on the device page. */
export function deviceCodeLimits(userId: number): FailureLimit[] {
  return [
    {
      key: `device-code:account:${userId}`,
      max: DEVICE_CODE_FAILURES_PER_ACCOUNT,
      windowSeconds: GUESS_WINDOW_SECONDS,
    },
  ];
}

/** The limits of one address's guesses at the OAuth token endpoint. */
export function oauthGuessLimits(address: string): FailureLimit[] {
  return [
    { key: `oauth:address:${address}`, max: OAUTH_FAILURES_PER_ADDRESS, windowSeconds: GUESS_WINDOW_SECONDS },
  ];
}

/**
 * Too many failed guesses: answered 429 with `retry-after`. The message is the pages' or the OAuth
 * endpoint's own; neither says which key (account or address) was held off.
 */
export class TooManyFailuresError extends HubcapError {
  readonly status = 429;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }

  override headers(): Record<string, string> {
    return { "retry-after": String(this.retryAfterSeconds) };
  }
}

/**
 * Throttles guessing. Each attempt is counted before it is judged, in the store's rate-limit rows, so
 * that concurrent guesses and several instances sharing PostgreSQL all see one count; an attempt that
 * succeeds takes its count back, so only failures remain. A key over its limit is refused without its
 * secret being judged until its window (fixed, from its first attempt) ends.
 */
export class FailureThrottle {
  constructor(
    private readonly store: TokenStore,
    private readonly clock: Clock,
  ) {}

  /**
   * Counts one attempt against every limit; throws TooManyFailuresError when one is over. Returns
   * what to call if the attempt succeeds.
   */
  async attempt(limits: readonly FailureLimit[], message: string): Promise<() => Promise<void>> {
    const now = seconds(this.clock);
    const counted: FailureLimit[] = [];
    for (const limit of limits) {
      const window = await this.store.addRateLimitUsage(limit.key, 1, now, limit.windowSeconds);
      counted.push(limit);
      if (window.used > limit.max) {
        throw new TooManyFailuresError(message, Math.max(1, window.resetAt - now));
      }
    }
    return async () => {
      const later = seconds(this.clock);
      for (const limit of counted) {
        await this.store.addRateLimitUsage(limit.key, -1, later, limit.windowSeconds);
      }
    };
  }
}
