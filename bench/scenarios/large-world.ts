import { withHubcap, type Bench } from "../lib/bench.js";
import { fmt } from "../lib/figures.js";
import { rssMb } from "../lib/rss.js";
import { fillLargeWorld } from "../worlds/large.js";
import { installationList } from "./installation-list.js";
import { serveWorld } from "./served-world.js";
import { worldRequests } from "./world-requests.js";

/**
 * The large world (100,000 installations, 1,000,000 repositories): how long it takes to build, the hot
 * requests on it (each to be within 20% of the small world's), its last page, and the server's memory.
 */
export async function largeWorld(bench: Bench): Promise<void> {
  const count = bench.options.sizes.largeInstallations;
  const builds = bench.turns();
  const { locations, filled: world } = await bench.stores.prepare("large", builds, (location) =>
    fillLargeWorld(location, bench.dir, count),
  );
  // Built by this checkout's code whichever server then serves it: a figure of the current build only.
  const current = builds.find((build) => build.name === "current")!;
  bench.results.add(current, {
    id: "large/build-seconds",
    name: `large world (${fmt(count)} installations, ${fmt(count * 10)} repositories) built in`,
    value: world.seconds,
    unit: "s",
  });
  for (const build of builds) {
    await withHubcap(bench, build, locations.get(build.name)!, async (server) => {
      const served = await serveWorld("large", server.url, world);
      await worldRequests(bench, build, served);
      bench.results.add(build, await installationList(bench, served, world.lastPage));
      bench.results.add(build, {
        id: "large/rss",
        name: "large-world server RSS after load",
        value: rssMb(server.pid),
        unit: "MB",
      });
    });
  }
}
