import { createServer } from "node:net";
import type { FastifyInstance } from "fastify";

/**
 * Settles the port hubcap will listen on before anything is built around it, since payloads carry
 * hubcap's URL: port 0 asks the OS for a free port on `host` (bind, read, release). Any other port is
 * bound once too, so a port in use refuses hubcap before its world is applied.
 */
export async function reservePort(host: string, port: number): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once("error", reject);
    probe.listen({ host, port }, () => resolve());
  });
  const address = probe.address();
  const reserved = typeof address === "object" && address ? address.port : port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return reserved;
}

/**
 * Where clients reach hubcap: `publicUrl` behind a proxy, else its own address. A wildcard address is
 * reached over loopback, and an IPv6 address is bracketed as URLs want it.
 */
export function baseUrl(options: { host: string; port: number; https: boolean; publicUrl?: string }): string {
  if (options.publicUrl) return options.publicUrl;
  const host = options.host.includes(":")
    ? `[${options.host}]`
    : options.host === "0.0.0.0"
      ? "127.0.0.1"
      : options.host;
  return `${options.https ? "https" : "http"}://${host}:${options.port}`;
}

/** The address the server is bound to, as a URL: what the operator exposed, not how it is reached. */
export function listeningUrl(app: FastifyInstance, https: boolean): string {
  const address = app.server.address();
  if (!address || typeof address === "string") return String(address);
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return `${https ? "https" : "http"}://${host}:${address.port}`;
}
