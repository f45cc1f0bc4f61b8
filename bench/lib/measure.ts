import autocannon, { type Options as Request } from "autocannon";

export type { Request };

/** One throughput measurement. */
export interface Rate {
  rps: number;
  /** Milliseconds. */
  p99: number;
  requests: number;
}

export interface Load {
  connections: number;
  /** Seconds measured, and of the warm-up before. */
  duration: number;
  warmup: number;
}

/**
 * Measures after a warm-up of the same requests: the first seconds of a fresh process run unoptimised
 * code. Any failed request fails the bench: a figure made of errors would mean nothing.
 */
export async function measure(load: Load, name: string, request: Request): Promise<Rate> {
  await autocannon({ connections: load.connections, duration: load.warmup, ...request });
  const result = await autocannon({ connections: load.connections, duration: load.duration, ...request });
  const failures = result.non2xx + result.errors + result.timeouts;
  if (failures > 0)
    throw new Error(
      `${name}: ${failures} failed requests (first status codes: ${JSON.stringify(result.statusCodeStats)})`,
    );
  return { rps: result.requests.average, p99: result.latency.p99, requests: result.requests.total };
}
