import type { FastifyInstance } from "fastify";
import { UnavailableError } from "../domain/errors.js";
import type { Hubcap } from "../domain/hubcap.js";

/** Where a running hubcap stands, set by the runtime: seeded once its worlds are applied, then stopping. */
export interface Readiness {
  state: "starting" | "ready" | "stopping";
}

export const HEALTH_PATHS = { live: "/_hubcap/health/live", ready: "/_hubcap/health/ready" } as const;

/**
 * Liveness and readiness for container health checks and load balancers, in hubcap's own namespace
 * (GitHub has neither). They take no credential and are never rate limited: `GET /` counts against the
 * 60 an hour an address gets, which a health check every few seconds would use up. Readiness asks the
 * database itself each time, so a PostgreSQL outage takes the instance out of rotation until it is back.
 */
export function registerHealth(app: FastifyInstance, hub: Hubcap, readiness: Readiness): void {
  const noStore = { "cache-control": "no-store" };
  app.get(HEALTH_PATHS.live, async (_request, reply) => reply.headers(noStore).send({ status: "live" }));
  app.get(HEALTH_PATHS.ready, async (request, reply) => {
    reply.headers(noStore);
    if (readiness.state !== "ready") {
      const reason =
        readiness.state === "starting" ? "hubcap is applying its world" : "hubcap is shutting down";
      return reply.code(503).send({ status: readiness.state, reason });
    }
    try {
      await hub.checkStore();
    } catch (error) {
      if (!(error instanceof UnavailableError)) request.log.error({ err: error }, "readiness check failed");
      else request.log.warn({ err: error.cause ?? error }, "not ready: the database cannot be reached");
      return reply
        .code(503)
        .headers({ "retry-after": "1" })
        .send({ status: "unavailable", reason: "hubcap cannot reach its database" });
    }
    return reply.send({ status: "ready" });
  });
}
