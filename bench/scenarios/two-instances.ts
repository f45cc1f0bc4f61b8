import type { Bench } from "../lib/bench.js";
import type { Figure } from "../lib/figures.js";
import { measure } from "../lib/measure.js";
import { startHubcap, type Build, type Server } from "../lib/server.js";
import type { ServedWorld } from "./served-world.js";

/**
 * A second instance on the same PostgreSQL database, the JWT read's load split between the two. An
 * embedded store is one process's: several instances are a PostgreSQL configuration.
 */
export async function twoInstances(
  bench: Bench,
  build: Build,
  db: string,
  first: Server,
  served: ServedWorld,
  oneInstance: Figure,
): Promise<Figure> {
  const second = await startHubcap(build, bench.pinned, { db, dataDir: bench.dir });
  try {
    const jwt = served.jwt();
    const load = { ...bench.load, connections: Math.ceil(bench.load.connections / 2) };
    const request = (url: string) => ({
      url: `${url}/app/installations/${served.app.installationId}`,
      headers: { authorization: `Bearer ${jwt}` },
    });
    const both = await Promise.all([
      measure(load, "instance 1", request(first.url)),
      measure(load, "instance 2", request(second.url)),
    ]);
    const rps = both[0].rps + both[1].rps;
    return {
      id: "small/two-instances",
      name: "two instances: GET /app/installations/{id} (JWT), load split",
      value: rps,
      unit: "req/s",
      p99: Math.max(both[0].p99, both[1].p99),
      note: `× one instance: ${(rps / oneInstance.value).toFixed(2)}`,
    };
  } finally {
    await second.stop();
  }
}
