import { withHubcap, type Bench } from "../lib/bench.js";
import { fmt, throughput, type Figure } from "../lib/figures.js";
import { appJwt } from "../lib/github.js";
import { measure, type Rate } from "../lib/measure.js";
import { startReceiver } from "../lib/receiver.js";
import { fillBacklog } from "../worlds/backlog.js";

/** The JWT read rate while a backlog of deliveries flows, against the same once the outbox is empty. */
export async function apiWhileDelivering(bench: Bench): Promise<void> {
  const count = bench.options.sizes.busyDeliveries;
  const receiver = await startReceiver();
  try {
    const builds = bench.turns();
    const { locations, filled: app } = await bench.stores.prepare("busy", builds, (location) =>
      fillBacklog(location, bench.dir, "busy", count, receiver.url),
    );
    for (const build of builds) {
      receiver.reset();
      await withHubcap(bench, build, locations.get(build.name)!, async (server) => {
        const request = {
          url: `${server.url}/app/installations/${app.installationId}`,
          headers: { authorization: `Bearer ${appJwt(app.appId, app.keyPem)}` },
        };
        // Two measurements each way, the better of each compared: one run of a few seconds on a shared
        // machine swings by ±10% on its own, which would swamp the effect measured.
        const twice = async (name: string) => {
          const runs: Rate[] = [];
          for (let i = 0; i < 2; i++) runs.push(await measure(bench.load, name, request));
          return runs.reduce((a, b) => (b.rps > a.rps ? b : a));
        };
        const duringName = "GET /app/installations/{id} (JWT) while deliveries flow";
        const before = receiver.received.count;
        const during = await twice(duringName);
        const deliveredDuring = receiver.received.count - before;
        if (receiver.received.count >= count)
          throw new Error("the backlog drained before the measurements ended");
        await receiver.until(count + 1, 180_000);
        const afterName = "GET /app/installations/{id} (JWT) with the outbox empty";
        const after = await twice(afterName);
        const change: Figure = {
          id: "webhooks/api-change",
          name: "change of the JWT read while delivering",
          value: (during.rps / after.rps - 1) * 100,
          unit: "%",
        };
        bench.results.add(
          build,
          throughput(
            "webhooks/api-during",
            duringName,
            during,
            `${fmt(deliveredDuring)} deliveries sent meanwhile`,
          ),
          throughput("webhooks/api-after", afterName, after),
          change,
        );
      });
    }
  } finally {
    await receiver.close();
  }
}
