import { withHubcap, type Bench } from "../lib/bench.js";
import { rssMb } from "../lib/rss.js";
import { fillSmallWorld } from "../worlds/small.js";
import { serveWorld } from "./served-world.js";
import { twoInstances } from "./two-instances.js";
import { worldRequests } from "./world-requests.js";

/**
 * The hot requests on the small world (40 installations), the server's memory after them, and on
 * PostgreSQL the same JWT read split between two instances.
 */
export async function smallWorld(bench: Bench): Promise<void> {
  const builds = bench.turns();
  const { locations, filled: app } = await bench.stores.prepare("small", builds, (location) =>
    fillSmallWorld(location, bench.dir),
  );
  for (const build of builds) {
    const db = locations.get(build.name)!;
    await withHubcap(bench, build, db, async (server) => {
      const served = await serveWorld("small", server.url, app);
      await worldRequests(bench, build, served);
      bench.results.add(build, {
        id: "small/rss",
        name: "small-world server RSS after load",
        value: rssMb(server.pid),
        unit: "MB",
      });
      if (!bench.stores.isPostgres) return;
      const one = bench.results.get(build.name, "small/jwt-read")!;
      bench.results.add(build, await twoInstances(bench, build, db, server, served, one));
    });
  }
}
