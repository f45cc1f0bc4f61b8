// Everything the bench takes from hubcap's internals, in this one file: a change in how hubcap is
// assembled is adapted here alone. Only the checkout being benchmarked is imported, to build worlds and
// backlogs into a store; a --baseline checkout is only ever run as a process.
//
// This file runs as dist/bench/lib/hubcap-internals.js, so "../../x.js" is hubcap's dist/x.js
// (type-checked against src/x.ts: see rootDirs in tsconfig.json). The modules load on first use.
import type { WorldFile } from "../../domain/world-file.js";
import type { BulkRows } from "../../store/store.js";

export type { BulkRows, WorldFile };

/** A store opened by this build's domain, to write a world into before a server starts on it. */
export interface WorldWriter {
  /** Applies a world file as `hubcap serve --world` would; with `webhooks`, its events become deliveries. */
  apply(world: WorldFile, baseDir: string): Promise<void>;
  /** Rows written straight into the store, for worlds too large to apply. */
  bulkInsert(rows: BulkRows): Promise<void>;
  close(): Promise<void>;
}

export async function openWorldWriter(
  location: string,
  options: { secretKey: string; webhooks?: boolean },
): Promise<WorldWriter> {
  const { openStore } = await import("../../store/open-store.js");
  const { OffsetClock } = await import("../../domain/clock.js");
  const { Hubcap } = await import("../../domain/hubcap.js");
  const { WebhookOutbox } = await import("../../webhooks/outbox.js");
  const store = await openStore(location);
  const clock = new OffsetClock();
  const hub = new Hubcap(store, clock, {
    secretKey: options.secretKey,
    ...(options.webhooks && { events: new WebhookOutbox(clock) }),
  });
  return {
    apply: async (world, baseDir) => void (await hub.world.apply(world, { baseDir })),
    bulkInsert: (rows) => store.bulkInsert(rows),
    close: async () => {
      await hub.close();
      await store.close();
    },
  };
}
