import type { Bench } from "../lib/bench.js";
import { throughput, type Figure } from "../lib/figures.js";
import { measure } from "../lib/measure.js";
import type { ServedWorld } from "./served-world.js";

/** `GET /app/installations/{id}` with the same app JWT on every request: bounded by the signature check. */
export async function jwtRead(bench: Bench, served: ServedWorld): Promise<Figure> {
  const name = `${served.world} GET /app/installations/{id} (JWT)`;
  const rate = await measure(bench.load, name, {
    url: `${served.url}/app/installations/${served.app.installationId}`,
    headers: { authorization: `Bearer ${served.jwt()}` },
  });
  return throughput(`${served.world}/jwt-read`, name, rate);
}
