import { rateLimitHeaders } from "../../domain/errors.js";
import { rateLimitKey } from "../guards.js";
import type { Context, Reply } from "../route.js";
import { rateLimitOverview } from "../../serialize/rate-limit.js";
import { root as rootBody } from "../../serialize/root.js";

/** GET / — gh calls it when signing in to a host. */
export async function root(ctx: Context): Promise<Reply> {
  return { body: rootBody(ctx.urls) };
}

/**
 * GET /rate_limit — does not count against the limit it reports, and reports it in the headers too,
 * never cached (PyGithub's `tests/ReplayData/RateLimiting.testGetRateLimit.txt`).
 */
export async function getRateLimit(ctx: Context): Promise<Reply> {
  const { hub, principal } = ctx;
  const status =
    principal &&
    (principal.kind === "installation" || principal.kind === "user" || principal.kind === "user-access")
      ? await hub.rateLimiter.peek(rateLimitKey(hub, principal).key, rateLimitKey(hub, principal).limit)
      : await hub.rateLimiter.peek(`ip:${ctx.request.ip}`, hub.rateLimits.unauthenticated);
  return {
    body: rateLimitOverview(status, ctx.apiVersion),
    headers: { ...rateLimitHeaders(status), "cache-control": "no-cache" },
  };
}
