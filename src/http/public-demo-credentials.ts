import type { FastifyInstance, FastifyRequest } from "fastify";
import { DEMO_CLIENT_SECRET, DEMO_PASSWORD, DEMO_USER_TOKEN } from "../demo.js";
import { UnauthorizedError } from "../domain/errors.js";
import { isLoopback } from "../loopback.js";
import { basicCredentials } from "./client-auth.js";

/** The demo world's credentials, printed in the README and by `hubcap serve --demo`. */
const PUBLIC = new Set([DEMO_USER_TOKEN, DEMO_PASSWORD, DEMO_CLIENT_SECRET]);

/**
 * The demo world's credentials are public knowledge, so they are honoured only from this machine's own
 * peers, unless the operator said `--demo-public`. `hubcap serve` already refuses to serve `--demo` to
 * other machines; this covers a store that was seeded with the demo world once and is served on a
 * network later, and a loopback listener behind a proxy (with `--trust-proxy`, the client's address is
 * the forwarded one). Any other credential is left to the guards and pages that judge it.
 */
export function refusePublicDemoCredentials(app: FastifyInstance): void {
  app.addHook("preHandler", async (request) => {
    if (isLoopback(request.ip)) return;
    if (presented(request).some((value) => PUBLIC.has(value))) throw new UnauthorizedError();
  });
}

/** Every secret a request can carry: a token or Basic pair, a client secret, a password. */
function presented(request: FastifyRequest): string[] {
  const values: string[] = [];
  const header = request.headers.authorization;
  const token = /^(?:bearer|token)\s+(\S+)\s*$/i.exec(header ?? "");
  if (token) values.push(token[1]!);
  try {
    const basic = basicCredentials(header);
    if (basic) values.push(basic.id, basic.secret);
  } catch {
    // A malformed Basic header is the guard's to refuse.
  }
  for (const source of [request.query, request.body]) {
    if (!source || typeof source !== "object" || Array.isArray(source)) continue;
    for (const field of ["client_secret", "password"]) {
      const value = (source as Record<string, unknown>)[field];
      if (typeof value === "string") values.push(value);
    }
  }
  return values;
}
