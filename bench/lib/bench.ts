import type { Options } from "./args.js";
import type { Results } from "./figures.js";
import type { Load } from "./measure.js";
import { startHubcap, type Build, type Server } from "./server.js";
import type { Stores } from "./stores.js";

/** What every scenario is given: the options, where stores and keys go, and where figures are kept. */
export interface Bench {
  options: Options;
  load: Load;
  pinned: boolean;
  /** The run's temporary directory: SQLite stores, app keys, the servers' data directory. */
  dir: string;
  stores: Stores;
  results: Results;
  /**
   * The builds measured, in the order to serve them next: with a baseline the order alternates from
   * one scenario to the next, so neither build is always the one measured second.
   */
  turns(): readonly Build[];
}

/** Runs `fn` against `hubcap serve` of `build` on the store at `db`, and stops the server afterwards. */
export async function withHubcap<T>(
  bench: Bench,
  build: Build,
  db: string,
  fn: (server: Server) => Promise<T>,
): Promise<T> {
  const server = await startHubcap(build, bench.pinned, { db, dataDir: bench.dir });
  try {
    return await fn(server);
  } finally {
    await server.stop();
  }
}
