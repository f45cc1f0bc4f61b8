import { join } from "node:path";
import { throughput, type Figure } from "../lib/figures.js";
import { measure, type Load } from "../lib/measure.js";
import { benchRoot } from "../lib/paths.js";
import { startNode } from "../lib/server.js";

/**
 * The reference: a bare Fastify server returning about 1 KB of JSON (hello-server.ts), measured in the
 * same run as hubcap. Every throughput is reported as a ratio to it.
 */
export async function helloWorld(load: Load, pinned: boolean): Promise<Figure> {
  const server = await startNode(pinned, [join(benchRoot, "hello-server.js")]);
  try {
    const name = "hello-world (bare Fastify, 1 KB JSON)";
    return throughput("hello", name, await measure(load, name, { url: server.url }));
  } finally {
    await server.stop();
  }
}
