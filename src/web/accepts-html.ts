import type { FastifyInstance } from "fastify";

type ConstraintStrategy = Parameters<FastifyInstance["addConstraintStrategy"]>[0];

/**
 * A route constraint for pages that share a path with the REST API (`GET /apps/{app_slug}`, which
 * octokit calls and whose `html_url` a browser opens). Browsers navigating put `text/html` first in
 * `Accept`; API clients send `application/vnd.github+json`, `application/json` or `*\/*`. Routes with
 * the constraint answer only requests that derive "html"; the API's unconstrained route answers the rest.
 * It is a constraint rather than a branch in the API handler so that the API table stays the API's, and
 * deriving it is one string comparison per request.
 */
export const acceptsHtml: ConstraintStrategy = {
  name: "accepts",
  storage() {
    const handlers = new Map<unknown, ReturnType<ReturnType<ConstraintStrategy["storage"]>["get"]>>();
    return {
      get: (value) => handlers.get(value) ?? null,
      set: (value, handler) => void handlers.set(value, handler),
    };
  },
  deriveConstraint(request) {
    const accept = request.headers.accept;
    return typeof accept === "string" && accept.startsWith("text/html") ? "html" : undefined;
  },
  mustMatchWhenDerived: false,
};
