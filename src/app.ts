import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { Hubcap } from "./domain/hubcap.js";
import { registerConventions } from "./http/conventions.js";
import { sendError } from "./http/errors.js";
import { apiGuard, apiHandler } from "./http/api-handler.js";
import { registerHealth, type Readiness } from "./http/health.js";
import type { LoadMeter } from "./http/load-meter.js";
import { refusePublicDemoCredentials } from "./http/public-demo-credentials.js";
import { routes } from "./http/routes.js";
import { oauthEndpoints } from "./http/oauth-endpoints.js";
import { registerRequestLog } from "./http/request-log.js";
import { notFoundHandler } from "./http/unimplemented.js";
import { ResponseCache } from "./http/response-cache.js";
import {
  applyServerLimits,
  fastifyServerOptions,
  serverLimits,
  type ServerLimits,
} from "./http/server-limits.js";
import { API_PREFIX } from "./serialize/urls.js";
import { webPages } from "./web/plugin.js";

export interface AppOptions {
  hub: Hubcap;
  logger?: FastifyBaseLogger;
  /** Overrides the scheme and host of every URL hubcap writes (behind a proxy). */
  publicUrl?: string;
  /** Serve HTTPS with this certificate and key; absent, plain HTTP. */
  https?: { cert: string; key: string };
  /** Counts API requests served, for background work that yields to them. */
  load?: LoadMeter;
  /** What the readiness check reports before and after the world is applied; ready when absent. */
  readiness?: Readiness;
  /** The proxies whose X-Forwarded-* headers are believed; none when absent (see config.ts). */
  trustProxy?: string[];
  /** Accept the demo world's public credentials from peers other than loopback (`--demo-public`). */
  demoPublic?: boolean;
  /** Timeouts and the connection cap; absent, hubcap's defaults. */
  limits?: Partial<ServerLimits>;
}

/** Builds hubcap's HTTP application. It never listens: the runtime (src/runtime/start-runtime.ts) does. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { hub } = options;
  const limits = serverLimits(options.limits);
  const app = Fastify({
    // null serves plain HTTP; Fastify can take HTTPS options only here, when it creates the server.
    https: options.https ?? null,
    ...fastifyServerOptions(limits),
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    // Believed from anyone, X-Forwarded-For would choose a client's address (and so its rate limit).
    trustProxy: options.trustProxy?.length ? options.trustProxy : false,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true, caseSensitive: true },
    // Bodies are GitHub's to judge: no coercion, no silently dropped properties.
    ajv: {
      customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false, allowUnionTypes: true },
    },
    // One log line per request would cost more than the request on the hot paths.
    logController: new LogController({ disableRequestLogging: true }),
    // A path Fastify cannot decode (`/apps/%E0%A4%A`) is refused before any route: GitHub's body still.
    frameworkErrors: (error, request, reply) => sendError(error, request, reply),
  });

  applyServerLimits(app.server, limits);
  registerConventions(app, hub.clock);
  app.decorateRequest("principal", undefined);
  app.decorateRequest("sessionUserId", undefined);
  if (options.logger && ["info", "debug", "trace"].includes(options.logger.level)) registerRequestLog(app);
  if (!options.demoPublic) refusePublicDemoCredentials(app);
  app.setErrorHandler((error, request, reply) => sendError(error, request, reply));
  app.setNotFoundHandler(notFoundHandler());
  registerHealth(app, hub, options.readiness ?? { state: "ready" });

  const handlerOptions = {
    hub,
    publicUrl: options.publicUrl,
    load: options.load,
    answers: new ResponseCache(),
  };
  for (const route of routes) {
    for (const prefix of ["", API_PREFIX]) {
      app.route({
        method: route.method,
        url: prefix + route.path.replace(/\{(\w+)\}/g, ":$1") || "/",
        config: { docs: route.docs, operationId: route.operationId, api: true },
        ...(route.body && { schema: { body: route.body } }),
        preValidation: apiGuard(route, handlerOptions),
        handler: apiHandler(route, handlerOptions),
      });
    }
  }
  await app.register(webPages, { hub, publicUrl: options.publicUrl });
  await app.register(oauthEndpoints, { hub, publicUrl: options.publicUrl });
  return app;
}
