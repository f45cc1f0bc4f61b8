import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

export const usage = `npm run bench [-- options]
  --duration <s>        seconds per measurement (default 10; --quick 2), after a warm-up of 3 s (--quick 1)
  --connections <n>     concurrent connections (default 50)
  --skip-large          leave out the large world
  --skip-webhooks       leave out the webhook drain and the API while delivering
  --db <postgres://…>   run every server on a fresh schema of this PostgreSQL database instead of SQLite
  --baseline <dir>      another hubcap checkout, already built: every server-side scenario runs on it too
  --quick               short measurements and small worlds: a smoke run, not figures to compare`;

/** How large the worlds and backlogs are: the full sizes are what the targets were set for. */
export interface Sizes {
  /** Installations of the large world, one account of 10 repositories each. */
  largeInstallations: number;
  /** Deliveries drained for the delivery rate and the memory through the drain. */
  drainDeliveries: number;
  /** Deliveries pending while the API is measured: enough to outlast four measurements. */
  busyDeliveries: number;
  /** How often the server's memory is sampled through the drain. */
  rssSampleMs: number;
}

export interface Options {
  /** Seconds per measurement, and of the warm-up before it. */
  duration: number;
  warmup: number;
  connections: number;
  skipLarge: boolean;
  skipWebhooks: boolean;
  /** A postgres:// URL, or undefined for the embedded store. */
  postgres: string | undefined;
  /** The root of a built checkout to compare with. */
  baseline: string | undefined;
  quick: boolean;
  sizes: Sizes;
}

const FULL: Sizes = {
  largeInstallations: 100_000,
  drainDeliveries: 60_000,
  busyDeliveries: 30_000,
  rssSampleMs: 250,
};
const QUICK: Sizes = {
  largeInstallations: 2_000,
  drainDeliveries: 4_000,
  busyDeliveries: 20_000,
  rssSampleMs: 50,
};

/** Bad arguments (exit 2), or --help (exit 0): the message is what to print. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export function parseOptions(argv: string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        duration: { type: "string" },
        connections: { type: "string", default: "50" },
        "skip-large": { type: "boolean", default: false },
        "skip-webhooks": { type: "boolean", default: false },
        db: { type: "string" },
        baseline: { type: "string" },
        quick: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${usage}`);
  }
  const { values } = parsed;
  if (values.help) throw new UsageError(usage, 0);
  const quick = values.quick;
  const duration = positive("--duration", values.duration ?? (quick ? "2" : "10"));
  const connections = positive("--connections", values.connections);
  // As before, anything but a postgres:// URL leaves the bench on the embedded store.
  const postgres = values.db && /^postgres(ql)?:\/\//.test(values.db) ? values.db : undefined;
  return {
    duration,
    warmup: quick ? 1 : 3,
    connections,
    skipLarge: values["skip-large"],
    skipWebhooks: values["skip-webhooks"],
    postgres,
    baseline: values.baseline === undefined ? undefined : checkout(values.baseline),
    quick,
    sizes: quick ? QUICK : FULL,
  };
}

function positive(flag: string, value: string): number {
  const n = Number(value);
  if (!(n > 0)) throw new UsageError(`${flag} must be a positive number, not ${value}`);
  return n;
}

function checkout(dir: string): string {
  const root = resolve(dir);
  for (const file of ["bin/hubcap.js", "dist/server.js"])
    if (!existsSync(join(root, file)))
      throw new UsageError(`--baseline ${dir}: no ${file} (a built hubcap checkout is needed)`);
  return root;
}
