import type { Bench } from "../lib/bench.js";
import { throughput, type Figure } from "../lib/figures.js";
import { measure } from "../lib/measure.js";
import type { ServedWorld } from "./served-world.js";

/**
 * `GET /installation/repositories` with an installation token. The target measures authentication and
 * lookup: one repository (~5 KB, like the hello-world's 1 KB order of size). A default page of full
 * repositories is ~150 KB of JSON, which costs ~0.5 ms to build, stringify and hash whatever the
 * authentication: reported (10 repositories, all the installation has), not targeted.
 */
export async function tokenRead(bench: Bench, served: ServedWorld): Promise<Figure[]> {
  const headers = { authorization: `token ${served.token}` };
  const one = `${served.world} GET /installation/repositories?per_page=1 (token)`;
  const all = `${served.world} GET /installation/repositories (token, 10 repositories)`;
  return [
    throughput(
      `${served.world}/token-read`,
      one,
      await measure(bench.load, one, { url: `${served.url}/installation/repositories?per_page=1`, headers }),
    ),
    throughput(
      `${served.world}/token-read-10`,
      all,
      await measure(bench.load, all, { url: `${served.url}/installation/repositories`, headers }),
    ),
  ];
}
