import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  HubcapError,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
  UnavailableError,
  ValidationError,
} from "../domain/errors.js";
import type { RateLimitStatus } from "../domain/rate-limiter.js";
import { setRateLimitHeaders } from "./rate-limit-headers.js";

export const GENERIC_DOCS = "https://docs.github.com/rest";

interface ErrorBody {
  message: string;
  documentation_url: string;
  status: string;
  errors?: unknown[];
}

/** The status for each domain error; the one table from failure to HTTP. */
export function statusOf(error: HubcapError): number {
  if (error instanceof NotFoundError) return 404;
  if (error instanceof UnauthorizedError) return 401;
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof ValidationError) return 422;
  if (error instanceof BadRequestError) return 400;
  if (error instanceof ConflictError) return 409;
  if (error instanceof UnavailableError) return 503;
  return 500;
}

export function errorBody(status: number, message: string, docs: string, errors?: unknown[]): ErrorBody {
  return {
    message,
    documentation_url: docs,
    status: String(status),
    ...(errors && errors.length > 0 && { errors }),
  };
}

/** Store failures that mean "the database is not there right now", as opposed to a bug. */
function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? "";
  return (
    [
      "ECONNREFUSED",
      "ECONNRESET",
      "ETIMEDOUT",
      "EPIPE",
      "57P01",
      "57P03",
      "08006",
      "08001",
      "SQLITE_BUSY",
    ].includes(code) ||
    /Connection terminated|timeout exceeded when trying to connect/i.test((error as Error)?.message ?? "")
  );
}

/**
 * Every error becomes GitHub's body: `{message, documentation_url, status}` (status a string). The
 * message of a 5xx is never shown: it may hold internals.
 */
export function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const docs = request.routeOptions.config?.docs ?? GENERIC_DOCS;
  if (error instanceof HubcapError) {
    const status = statusOf(error);
    if (error instanceof RateLimitedError) setRateLimitHeaders(reply, error.cause as RateLimitStatus);
    if (status === 401) reply.header("www-authenticate", 'Bearer realm="GitHub"');
    const errors = error instanceof ValidationError ? error.errors : undefined;
    return reply.code(status).send(errorBody(status, error.message, docs, errors));
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    return reply.code(422).send(errorBody(422, validationMessage(fastifyError, request.body), docs));
  }
  if (fastifyError.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
    return reply.code(415).send(errorBody(415, "Unsupported Media Type", docs));
  }
  if (fastifyError.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    return reply.code(413).send(errorBody(413, "Payload Too Large", docs));
  }
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return reply.code(400).send(errorBody(400, "Problems parsing JSON", docs));
  }
  if (isUnavailable(error)) {
    request.log.warn({ err: error }, "store unavailable");
    reply.header("retry-after", "1");
    return reply.code(503).send(errorBody(503, "Service Unavailable", docs));
  }
  request.log.error({ err: error }, "request failed");
  return reply.code(500).send(errorBody(500, "Server Error", docs));
}

/** GitHub's wording for a body that does not match the operation's schema. */
function validationMessage(error: FastifyError, body: unknown): string {
  const first = error.validation![0]!;
  const path = first.instancePath.split("/").filter(Boolean);
  let value: unknown = body;
  for (const key of path) value = (value as Record<string, unknown> | undefined)?.[key];
  const where =
    path.length > 0 ? path.map((p) => (/^\d+$/.test(p) ? "items" : `properties/${p}`)).join("/") : "root";
  // A nullable type reads "object,null"; GitHub names the type it wanted.
  const expected = first.keyword === "type" ? String(first.params.type).split(",")[0] : undefined;
  if (expected) {
    const article = /^[aeiou]/.test(expected) ? "an" : "a";
    return `Invalid request.\n\nFor '${where}', ${JSON.stringify(value)} is not ${article} ${expected}.`;
  }
  return `Invalid request.\n\nFor '${where}', ${JSON.stringify(value)} ${first.message ?? "is not valid"}.`;
}
