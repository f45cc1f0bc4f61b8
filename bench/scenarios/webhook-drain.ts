import { withHubcap, type Bench } from "../lib/bench.js";
import { fmt } from "../lib/figures.js";
import { startReceiver } from "../lib/receiver.js";
import { rssMb, sampleEvery } from "../lib/rss.js";
import { fillBacklog } from "../worlds/backlog.js";

/**
 * The rate a backlog of 60,000 deliveries drains at, and the server's memory through the drain. V8 lets
 * garbage pile up to a limit and then collects it, so memory rises and falls; what must not happen is
 * the peaks rising. The first quarter warms the heap up; the peak of the last quarter is compared with
 * the peak of the second.
 */
export async function webhookDrain(bench: Bench): Promise<void> {
  const count = bench.options.sizes.drainDeliveries;
  const receiver = await startReceiver();
  try {
    const builds = bench.turns();
    const { locations } = await bench.stores.prepare("deliveries", builds, (location) =>
      fillBacklog(location, bench.dir, "deliveries", count, receiver.url),
    );
    for (const build of builds) {
      receiver.reset();
      await withHubcap(bench, build, locations.get(build.name)!, async (server) => {
        const sampler = sampleEvery(bench.options.sizes.rssSampleMs, () => ({
          sent: receiver.received.count,
          rss: rssMb(server.pid),
        }));
        let samples;
        try {
          // The backlog and the app's ping.
          await receiver.until(count + 1, 180_000);
        } finally {
          samples = sampler.stop();
        }
        const peak = (from: number, to: number) =>
          Math.max(...samples.filter((s) => s.sent >= count * from && s.sent < count * to).map((s) => s.rss));
        const peaks = [peak(0, 0.25), peak(0.25, 0.5), peak(0.5, 0.75), peak(0.75, 1.01)];
        const { received } = receiver;
        bench.results.add(
          build,
          {
            id: "webhooks/drain-rate",
            name: "webhook deliveries to a local receiver",
            value: received.count / ((received.last - received.first) / 1000),
            unit: "/s",
            note: `${fmt(received.count)} sent`,
          },
          {
            id: "webhooks/drain-rss",
            name: "server RSS through the drain, peak of the last quarter",
            value: peaks[3]!,
            unit: "MB",
            note: `peaks by quarter ${peaks.map((mb) => fmt(mb)).join(" → ")} MB`,
          },
          {
            id: "webhooks/drain-growth",
            name: "server memory, peak of the last quarter against the second",
            value: (peaks[3]! / peaks[1]! - 1) * 100,
            unit: "%",
          },
        );
      });
    }
  } finally {
    await receiver.close();
  }
}
