import type { RateLimitStatus } from "./rate-limiter.js";

/**
 * The failures the domain reports, each declared once with its HTTP status, its message and what else
 * GitHub sends with it (fastify's `lib/errors.js`, minio's `cmd/api-errors.go`): http/errors.ts and the
 * pages only render them, so no failure can fall through to a 500 by accident. Messages are GitHub's
 * own where clients match on them (PyGithub: "Bad credentials", "Not Found").
 *
 * The class is abstract: every failure names what it is. Anything else that reaches an error handler
 * is a bug, answered 500 without its message (and logged).
 */
export abstract class HubcapError extends Error {
  /** The HTTP status GitHub answers this failure with. */
  abstract readonly status: number;
  /** GitHub's `errors` array (422 validation failures); empty for most. */
  readonly errors: readonly FieldError[] = [];
  /** A `documentation_url` of the failure's own; absent, the operation's. */
  readonly docs: string | undefined = undefined;

  /** Headers GitHub sends with this failure (`www-authenticate`, `retry-after`, rate-limit status). */
  headers(): Record<string, string> {
    return {};
  }
}

/** 404; also what GitHub answers for anything the caller may not know exists. */
export class NotFoundError extends HubcapError {
  readonly status = 404;
  constructor(message = "Not Found") {
    super(message);
  }
}

/** 401: missing, malformed, expired or revoked credentials. */
export class UnauthorizedError extends HubcapError {
  readonly status = 401;
  /** GitHub points "Bad credentials" at its REST overview, whatever the operation was. */
  override readonly docs: string | undefined;
  constructor(message = "Bad credentials") {
    super(message);
    this.docs = message === "Bad credentials" ? "https://docs.github.com/rest" : undefined;
  }

  override headers(): Record<string, string> {
    return { "www-authenticate": 'Bearer realm="GitHub"' };
  }
}

/** 403: the credential is valid but may not do this (suspended installation, missing permission). */
export class ForbiddenError extends HubcapError {
  readonly status: number = 403;
}

/** 403 with the credential's rate-limit status in GitHub's `x-ratelimit-*` headers. */
export class RateLimitedError extends ForbiddenError {
  constructor(
    message: string,
    readonly rateLimit: RateLimitStatus,
  ) {
    super(message);
  }

  override headers(): Record<string, string> {
    return rateLimitHeaders(this.rateLimit);
  }
}

/** GitHub's rate-limit headers for a status; JWT-authenticated responses carry none. */
export function rateLimitHeaders(status: RateLimitStatus): Record<string, string> {
  return {
    "x-ratelimit-limit": String(status.limit),
    "x-ratelimit-remaining": String(status.remaining),
    "x-ratelimit-used": String(status.used),
    "x-ratelimit-reset": String(status.resetAt),
    "x-ratelimit-resource": status.resource,
  };
}

export interface FieldError {
  resource: string;
  field: string;
  code: "missing" | "missing_field" | "invalid" | "already_exists" | "unprocessable" | "custom";
  message?: string;
}

/** 422 with GitHub's `errors` array when there is one. */
export class ValidationError extends HubcapError {
  readonly status = 422;
  override readonly errors: FieldError[];
  constructor(message: string, errors: FieldError[] = []) {
    super(message);
    this.errors = errors;
  }
}

/** 400: the request itself cannot be read (bad JSON, unsupported API version). */
export class BadRequestError extends HubcapError {
  readonly status = 400;
}

/** 409 */
export class ConflictError extends HubcapError {
  readonly status = 409;
}

/** 410: the thing existed but may no longer be used (a content reference older than six hours). */
export class GoneError extends HubcapError {
  readonly status = 410;
}

/** 415: a preview endpoint called without its preview media type in `Accept`. */
export class PreviewRequiredError extends HubcapError {
  readonly status = 415;
}

/**
 * 503: the database is not there right now (refused, dropped or timed-out connections, a busy SQLite
 * file); the request may be retried. The stores throw it for their drivers' outage codes
 * (store/outage.ts), so the API and the pages answer it alike. The driver's error is its `cause`.
 */
export class UnavailableError extends HubcapError {
  readonly status = 503;
  constructor(message = "Service Unavailable", options?: ErrorOptions) {
    super(message, options);
  }

  override headers(): Record<string, string> {
    return { "retry-after": "1" };
  }
}
