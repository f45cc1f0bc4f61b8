import { InvalidArgumentError } from "commander";

const UNITS = { d: 86_400, h: 3_600, m: 60, s: 1 } as const;

/** `90s`, `15m`, `2h`, `1d`, `1h30m`, or a number of seconds → seconds. */
export function parseDuration(value: string): number {
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const match = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (!text || !match) {
    throw new InvalidArgumentError(
      "It must be a duration like 30s, 90m, 2h, 1d or 1h30m (a number alone is seconds).",
    );
  }
  const [, d = 0, h = 0, m = 0, s = 0] = match;
  return Number(d) * UNITS.d + Number(h) * UNITS.h + Number(m) * UNITS.m + Number(s) * UNITS.s;
}

/** Seconds as the largest units that say them exactly: 7200 → "2h", 5400 → "1h30m", -30 → "-30s". */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return "0s";
  let rest = Math.abs(seconds);
  let text = "";
  for (const [unit, size] of Object.entries(UNITS)) {
    if (rest >= size) {
      text += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return `${seconds < 0 ? "-" : ""}${text}`;
}
