// npm run bench [-- --duration 10 --connections 50 --skip-large --skip-webhooks --db postgres://…
//                   --baseline ../other-checkout --quick]
//
// Each server runs pinned to core 0 and the load generator (this process, autocannon) on core 1, so the
// figures are comparable between runs and machines: see ../shared/PERFORMANCE-NOTES.md. Compiled by
// tsconfig.bench.json into dist/bench/ and run from there.
//
// lib/        arguments, pinning, server processes, stores, measurement, the report; hubcap-internals.ts
//             is the one file that imports hubcap's own modules (to build worlds into a store)
// worlds/     the stores the servers start on, built once by this checkout and copied for each server
// scenarios/  what is measured, one file each
// targets.ts  what the figures are held to
//
// With --baseline, every server-side scenario is served by both checkouts in turn, on copies of the
// same store, and the report puts the two figures side by side with the difference.
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseOptions, UsageError } from "./lib/args.js";
import type { Bench } from "./lib/bench.js";
import { Results } from "./lib/figures.js";
import { checkoutRoot } from "./lib/paths.js";
import { pinLoadGenerator } from "./lib/pinning.js";
import { report } from "./lib/report.js";
import type { Build } from "./lib/server.js";
import { Stores } from "./lib/stores.js";
import { apiWhileDelivering } from "./scenarios/api-while-delivering.js";
import { helloWorld } from "./scenarios/hello-world.js";
import { largeWorld } from "./scenarios/large-world.js";
import { smallWorld } from "./scenarios/small-world.js";
import { webhookDrain } from "./scenarios/webhook-drain.js";
import { targets } from "./targets.js";

let options;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  (error.exitCode === 0 ? console.log : console.error)(error.message);
  process.exit(error.exitCode);
}

const pinned = pinLoadGenerator();
const builds: Build[] = [
  { name: "current", root: checkoutRoot },
  ...(options.baseline ? [{ name: "baseline" as const, root: options.baseline }] : []),
];
const dir = mkdtempSync(join(tmpdir(), "hubcap-bench-"));
const stores = new Stores(dir, options.postgres);
let turn = 0;
const bench: Bench = {
  options,
  load: { connections: options.connections, duration: options.duration, warmup: options.warmup },
  pinned,
  dir,
  stores,
  results: new Results(),
  turns: () => (turn++ % 2 === 0 ? builds : [...builds].reverse()),
};

try {
  console.log(`store: ${stores.describe()}`);
  console.log(
    `hubcap benchmark: ${options.duration}s per measurement after ${options.warmup}s of warm-up, ${options.connections} connections, ` +
      `${pinned ? "server on core 0, load on core 1" : "UNPINNED (taskset or a second core missing)"}`,
  );
  // Other work on the machine moves every figure: a load well above the cores' count makes them noise.
  console.log(`load average before: ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`);
  if (options.baseline) console.log(`baseline: ${options.baseline}, served in turn with this checkout`);
  if (options.quick) console.log("quick run: short measurements and small worlds, figures not to compare");
  const hello = await helloWorld(bench.load, pinned);
  bench.results.add(builds[0]!, hello);
  await smallWorld(bench);
  if (!options.skipLarge) await largeWorld(bench);
  if (!options.skipWebhooks) {
    await webhookDrain(bench);
    await apiWhileDelivering(bench);
  }
  const met = report(bench.results, hello.value, targets, options.baseline !== undefined);
  console.log(`\nload average after: ${loadavg()[0]!.toFixed(1)}`);
  console.log(met ? "all targets met" : "some targets were missed");
} finally {
  await stores.drop();
  rmSync(dir, { recursive: true, force: true });
}
