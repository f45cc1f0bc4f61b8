import type { FastifyReply } from "fastify";
import { rateLimitHeaders } from "../domain/errors.js";
import type { RateLimitStatus } from "../domain/rate-limiter.js";

/** GitHub's rate-limit headers; JWT-authenticated responses carry none. */
export function setRateLimitHeaders(reply: FastifyReply, status: RateLimitStatus): void {
  reply.headers(rateLimitHeaders(status));
}
