import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** What a receiver has counted since it was last reset. */
export interface Received {
  count: number;
  /** performance.now() of the first and the last delivery. */
  first: number;
  last: number;
}

export interface Receiver {
  url: string;
  received: Received;
  /** Counts from zero again, for the next server's drain of the same backlog. */
  reset(): void;
  /** Resolves once `count` deliveries have arrived; rejects after `timeoutMs`. */
  until(count: number, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/** A webhook receiver in this (load-generator) process, counting deliveries as they arrive. */
export async function startReceiver(): Promise<Receiver> {
  const received: Received = { count: 0, first: 0, last: 0 };
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const now = performance.now();
      if (received.count === 0) received.first = now;
      received.count++;
      received.last = now;
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    reset: () => Object.assign(received, { count: 0, first: 0, last: 0 }),
    until: async (count, timeoutMs) => {
      const deadline = performance.now() + timeoutMs;
      while (received.count < count) {
        if (performance.now() > deadline)
          throw new Error(`timed out with ${received.count} of ${count} deliveries received`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
