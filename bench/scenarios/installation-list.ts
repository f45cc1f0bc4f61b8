import type { Bench } from "../lib/bench.js";
import { throughput, type Figure } from "../lib/figures.js";
import { measure } from "../lib/measure.js";
import type { ServedWorld } from "./served-world.js";

/** `GET /app/installations`: the first page (30), or, given a page number, that page of 100. */
export async function installationList(
  bench: Bench,
  served: ServedWorld,
  lastPage?: number,
): Promise<Figure> {
  const [id, query, what] =
    lastPage === undefined
      ? ["list-first", "", "first page"]
      : ["list-last", `?per_page=100&page=${lastPage}`, "last page"];
  const name = `${served.world} GET /app/installations${query} (JWT, ${what})`;
  const rate = await measure(bench.load, name, {
    url: `${served.url}/app/installations${query}`,
    headers: { authorization: `Bearer ${served.jwt()}` },
  });
  return throughput(`${served.world}/${id}`, name, rate);
}
