import type { Server } from "node:http";

/**
 * How long a client may take and how many may connect at once. Without them a client that sends its
 * headers, or its body, a byte at a time holds a connection (and a file descriptor) for ever.
 * docs/security.md lists each value and the variable that sets it.
 */
export interface ServerLimits {
  /** The request line and headers must arrive within this (ms). */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this (ms). */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this (ms). */
  keepAliveTimeoutMs: number;
  /** A connection on which nothing moves, either way, is closed after this (ms). */
  idleTimeoutMs: number;
  /** Connections beyond this are closed as they are accepted. */
  maxConnections: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  // Fastify's default, longer than the 60 s idle timeout of common proxies and load balancers: a client
  // that reuses a connection the server has just closed sees a reset, and clients do not retry a POST.
  keepAliveTimeoutMs: 72_000,
  idleTimeoutMs: 60_000,
  maxConnections: 1000,
};

export function serverLimits(overrides: Partial<ServerLimits> = {}): ServerLimits {
  const limits = { ...DEFAULT_SERVER_LIMITS, ...overrides };
  // Node refuses a headers timeout longer than the request's.
  return { ...limits, headersTimeoutMs: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) };
}

/** The options Fastify passes on to the server it creates. */
export function fastifyServerOptions(limits: ServerLimits) {
  return {
    connectionTimeout: limits.idleTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
  };
}

/** The rest, set on Node's server (plain or TLS) before it listens. */
export function applyServerLimits(server: Server, limits: ServerLimits): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  // Node checks both timeouts only this often (30 s by default), which would let a slow client
  // overstay a 10 s limit by half a minute. Read when the server starts listening.
  // (@types/node declares it only as a constructor option.)
  Object.assign(server, {
    connectionsCheckingInterval: Math.max(25, Math.min(1000, limits.headersTimeoutMs / 4)),
  });
  server.maxConnections = limits.maxConnections;
}
