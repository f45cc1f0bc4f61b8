import type { FastifyReply, FastifyRequest } from "fastify";
import { RateLimitedError, rateLimitHeaders } from "../domain/errors.js";
import type { Hubcap } from "../domain/hubcap.js";
import type { RateLimitStatus } from "../domain/rate-limiter.js";
import type { ClientPrincipal } from "./client-auth.js";

/** GitHub's limit on manifest conversions (`resources.integration_manifest` of GET /rate_limit). */
const MANIFEST_CONVERSIONS_PER_HOUR = 5000;

/** GitHub's rate-limit headers; JWT-authenticated responses carry none. */
export function setRateLimitHeaders(reply: FastifyReply, status: RateLimitStatus): void {
  reply.headers(rateLimitHeaders(status));
}

/**
 * A refused credential (401) counts against the caller's address, the bucket of the unauthenticated,
 * and says so in its headers, as GitHub's 401s do. The 401 stands even when that bucket is empty.
 */
export async function countRefusal(hub: Hubcap, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  try {
    setRateLimitHeaders(
      reply,
      await hub.rateLimiter.consume(`ip:${request.ip}`, hub.rateLimits.unauthenticated, request.ip),
    );
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    setRateLimitHeaders(reply, error.rateLimit);
  }
}

/**
 * An app's client id and secret (the OAuth applications API, Marketplace) count against the app, at a
 * user's limit (octokit.rb's `spec/cassettes/Octokit_Client_OauthApplications/_check_token/*`:
 * `X-RateLimit-Limit: 5000`).
 */
export async function countClient(
  hub: Hubcap,
  principal: ClientPrincipal,
  reply: FastifyReply,
): Promise<void> {
  const status = await hub.rateLimiter.consume(
    `client:${principal.appId}`,
    hub.rateLimits.user,
    `app ID ${principal.appId}`,
  );
  setRateLimitHeaders(reply, status);
}

/** Manifest conversions take no credential and count in their own bucket, by address. */
export async function countManifestConversion(
  hub: Hubcap,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const status = await hub.rateLimiter.consume(
    `integration_manifest:${request.ip}`,
    MANIFEST_CONVERSIONS_PER_HOUR,
    request.ip,
    "integration_manifest",
  );
  setRateLimitHeaders(reply, status);
}
