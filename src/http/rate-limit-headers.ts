import type { FastifyReply } from "fastify";
import type { RateLimitStatus } from "../domain/rate-limiter.js";

/** GitHub's rate-limit headers; JWT-authenticated responses carry none. */
export function setRateLimitHeaders(reply: FastifyReply, status: RateLimitStatus): void {
  reply.header("x-ratelimit-limit", String(status.limit));
  reply.header("x-ratelimit-remaining", String(status.remaining));
  reply.header("x-ratelimit-used", String(status.used));
  reply.header("x-ratelimit-reset", String(status.resetAt));
  reply.header("x-ratelimit-resource", status.resource);
}
