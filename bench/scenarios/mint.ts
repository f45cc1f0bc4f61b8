import type { Bench } from "../lib/bench.js";
import { throughput, type Figure } from "../lib/figures.js";
import { measure } from "../lib/measure.js";
import type { ServedWorld } from "./served-world.js";

/** `POST /app/installations/{id}/access_tokens`: a token minted, and written, on every request. */
export async function mint(bench: Bench, served: ServedWorld): Promise<Figure> {
  const name = `${served.world} POST /app/installations/{id}/access_tokens (JWT)`;
  const rate = await measure(bench.load, name, {
    url: `${served.url}/app/installations/${served.app.installationId}/access_tokens`,
    method: "POST",
    headers: { authorization: `Bearer ${served.jwt()}` },
  });
  return throughput(`${served.world}/mint`, name, rate);
}
