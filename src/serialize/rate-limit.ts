import type { RateLimitStatus } from "../domain/rate-limiter.js";

/** One entry of GitHub's `rate-limit-overview` resources. */
export function rateLimit(status: RateLimitStatus) {
  return { limit: status.limit, used: status.used, remaining: status.remaining, reset: status.resetAt };
}

/**
 * GitHub's `rate-limit-overview`. hubcap accounts only the `core` resource; the others are reported at
 * GitHub's limits, unused. API version 2026-03-10 dropped the top-level `rate`.
 */
export function rateLimitOverview(core: RateLimitStatus, apiVersion: string) {
  const idle = (limit: number) => ({ limit, used: 0, remaining: limit, reset: core.resetAt });
  const resources = {
    core: rateLimit(core),
    search: idle(30),
    graphql: idle(core.limit),
    integration_manifest: idle(5000),
    source_import: idle(100),
    code_scanning_upload: idle(1000),
    actions_runner_registration: idle(10000),
    scim: idle(15000),
    dependency_snapshots: idle(100),
    code_search: idle(10),
  };
  return apiVersion === "2022-11-28" ? { resources, rate: rateLimit(core) } : { resources };
}
