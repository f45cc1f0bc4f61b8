import type { RateLimitStatus } from "../domain/rate-limiter.js";

/** One entry of GitHub's `rate-limit-overview` resources. */
export function rateLimit(status: RateLimitStatus) {
  return { limit: status.limit, used: status.used, remaining: status.remaining, reset: status.resetAt };
}

/**
 * The resources besides `core`, at the limits GitHub reports for them, in its order. Recorded by
 * PyGithub (tests/ReplayData/RateLimiting.testGetRateLimit.txt, Dec 2024) and named by
 * @octokit/openapi's `rate-limit-overview`. The description also names `dependency_sbom` and
 * `copilot_usage_records`, but neither it nor any recording shows their limits, so they are left out
 * rather than given invented ones.
 */
const IDLE_RESOURCES: ReadonlyArray<readonly [string, number | "core"]> = [
  ["search", 30],
  ["graphql", "core"],
  ["integration_manifest", 5000],
  ["source_import", 100],
  ["code_scanning_upload", 1000],
  ["code_scanning_autofix", 10],
  ["actions_runner_registration", 10000],
  ["scim", 15000],
  ["dependency_snapshots", 100],
  ["audit_log", 1750],
  ["audit_log_streaming", 15],
  ["code_search", 10],
];

/**
 * GitHub's `rate-limit-overview`. hubcap accounts only the `core` resource; the others are reported at
 * GitHub's limits, unused. API version 2026-03-10 dropped the top-level `rate`.
 */
export function rateLimitOverview(core: RateLimitStatus, apiVersion: string) {
  const resources: Record<string, ReturnType<typeof rateLimit>> = { core: rateLimit(core) };
  for (const [name, limit] of IDLE_RESOURCES) {
    const n = limit === "core" ? core.limit : limit;
    resources[name] = { limit: n, used: 0, remaining: n, reset: core.resetAt };
  }
  return apiVersion === "2022-11-28" ? { resources, rate: rateLimit(core) } : { resources };
}
