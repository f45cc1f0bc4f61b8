import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";

export interface ReceivedWebhook {
  /** X-GitHub-Event */
  event: string;
  action: string | null;
  /** X-GitHub-Delivery */
  id: string;
  payload: Record<string, unknown>;
}

export interface WebhookReceiver {
  /** Give this as the app's webhook URL. */
  url: string;
  received: ReceivedWebhook[];
  /**
   * Resolves with the first delivery (already received or still to come) of `event` (and `action`,
   * when given) that `match` accepts; rejects after `timeoutMs`.
   */
  waitFor(
    event: string,
    action?: string,
    options?: { match?: (w: ReceivedWebhook) => boolean; timeoutMs?: number },
  ): Promise<ReceivedWebhook>;
  close(): Promise<void>;
}

/**
 * A webhook receiver on a free loopback port that checks each delivery's X-Hub-Signature-256 against
 * `secret` (when given) as an app would, answers 401 to a bad one, and records the good ones.
 */
export async function receiveWebhooks(options: { secret?: string } = {}): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const waiters = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      if (options.secret !== undefined) {
        const expected = Buffer.from(
          `sha256=${createHmac("sha256", options.secret).update(body).digest("hex")}`,
        );
        const given = Buffer.from(String(req.headers["x-hub-signature-256"] ?? ""));
        if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
          res.writeHead(401).end("signature does not match");
          return;
        }
      }
      const text = body.toString("utf8");
      // Form-encoded deliveries carry the JSON in `payload`.
      const json = String(req.headers["content-type"]).startsWith("application/x-www-form-urlencoded")
        ? (new URLSearchParams(text).get("payload") ?? "{}")
        : text;
      const payload = JSON.parse(json) as Record<string, unknown>;
      received.push({
        event: String(req.headers["x-github-event"]),
        action: typeof payload.action === "string" ? payload.action : null,
        id: String(req.headers["x-github-delivery"]),
        payload,
      });
      res.writeHead(200).end("ok");
      for (const wake of waiters) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    received,
    waitFor(event, action, { match = () => true, timeoutMs = 10_000 } = {}) {
      const find = () =>
        received.find((w) => w.event === event && (action === undefined || w.action === action) && match(w));
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = find();
          if (!found) return;
          cleanup();
          resolve(found);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no ${event}${action ? `.${action}` : ""} webhook within ${timeoutMs} ms`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
