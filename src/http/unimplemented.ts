import type { FastifyReply, FastifyRequest } from "fastify";
import { API_PREFIX } from "../serialize/urls.js";
import { errorBody, GENERIC_DOCS } from "./errors.js";
import { githubRoute, loadGithubRoutes } from "./github-routes.js";

export const UNIMPLEMENTED_HEADER = "x-hubcap-unimplemented";

/**
 * The answer to a request no route of hubcap's matches: GitHub's 404 body either way, so clients behave
 * as against GitHub, but a route GitHub has and hubcap does not implement (a Probot handler calling
 * `issues.createComment`) is marked with `X-Hubcap-Unimplemented: true` and logged once per route, so
 * that "hubcap does not do this" cannot pass for "no such issue".
 */
export function notFoundHandler() {
  loadGithubRoutes();
  const warned = new Set<string>();
  return (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split("?", 1)[0]!;
    const template = githubRoute(
      request.method,
      path.startsWith(`${API_PREFIX}/`) ? path.slice(API_PREFIX.length) : path,
    );
    if (template) {
      reply.header(UNIMPLEMENTED_HEADER, "true");
      const route = `${request.method} ${template}`;
      if (!warned.has(route)) {
        warned.add(route);
        request.log.warn({ route }, `hubcap does not implement ${route}: it answers 404`);
      }
    }
    return reply.code(404).send(errorBody(404, "Not Found", GENERIC_DOCS));
  };
}
