/**
 * Time as hubcap sees it. Every time-based rule (JWT windows, token expiry, rate-limit windows) reads
 * this clock, so tests and the administration API can move it forward to make tokens expire.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export class OffsetClock implements Clock {
  constructor(private offsetMs = 0) {}

  now(): number {
    return Date.now() + this.offsetMs;
  }

  get offset(): number {
    return this.offsetMs;
  }

  setOffset(offsetMs: number): void {
    this.offsetMs = offsetMs;
  }
}

export const seconds = (clock: Clock): number => Math.floor(clock.now() / 1000);
