import type { Bench } from "../lib/bench.js";
import type { Build } from "../lib/server.js";
import { installationList } from "./installation-list.js";
import { jwtRead } from "./jwt-read.js";
import { mint } from "./mint.js";
import type { ServedWorld } from "./served-world.js";
import { tokenRead } from "./token-read.js";

/** The hot requests, one after another against one server, in the order their figures were first taken. */
export async function worldRequests(bench: Bench, build: Build, served: ServedWorld): Promise<void> {
  bench.results.add(build, await jwtRead(bench, served));
  bench.results.add(build, await mint(bench, served));
  bench.results.add(build, ...(await tokenRead(bench, served)));
  bench.results.add(build, await installationList(bench, served));
}
