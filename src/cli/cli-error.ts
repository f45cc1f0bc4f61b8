/**
 * A failure the person at the terminal can act on: `main.ts` prints its message after `hubcap:` and
 * exits 1, without a stack trace (which is kept for bugs).
 */
export class CliError extends Error {}
