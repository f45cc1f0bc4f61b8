import { UnavailableError } from "../domain/errors.js";

/** Driver codes that mean "the database is not there right now", as opposed to a bug. */
const OUTAGE_CODES = new Set([
  // node's sockets (pg)
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  // PostgreSQL: admin_shutdown, cannot_connect_now, connection_failure, sqlclient_unable_to_establish_sqlconnection
  "57P01",
  "57P03",
  "08006",
  "08001",
  // better-sqlite3: another process holds the file past busy_timeout
  "SQLITE_BUSY",
]);

/** pg's own messages for a dropped connection and for a pool that found no connection in time. */
const OUTAGE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect/i;

/**
 * A driver's failure as the store reports it: an outage becomes the one `UnavailableError` (its
 * `cause` the driver's error), so every caller (API, pages, background work) sees the same thing;
 * anything else is returned as it is.
 */
export function outage(error: unknown): unknown {
  if (error instanceof UnavailableError || typeof error !== "object" || error === null) return error;
  const { code, message } = error as { code?: unknown; message?: unknown };
  const isOutage =
    (typeof code === "string" && OUTAGE_CODES.has(code)) ||
    (typeof message === "string" && OUTAGE_MESSAGES.test(message));
  return isOutage ? new UnavailableError("Service Unavailable", { cause: error }) : error;
}

/** Rejects with `outage(error)`: for a driver's promise. */
export function translated(error: unknown): never {
  throw outage(error);
}
