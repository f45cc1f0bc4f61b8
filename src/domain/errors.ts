/**
 * The failures the domain reports. Each maps to one GitHub status and body in http/errors.ts; messages
 * here are GitHub's own where clients match on them (PyGithub: "Bad credentials", "Not Found").
 */
export class HubcapError extends Error {}

export class NotFoundError extends HubcapError {
  constructor(message = "Not Found") {
    super(message);
  }
}

/** 401: missing, malformed, expired or revoked credentials. */
export class UnauthorizedError extends HubcapError {
  constructor(message = "Bad credentials") {
    super(message);
  }
}

/** 403: the credential is valid but may not do this (suspended installation, missing permission, rate limit). */
export class ForbiddenError extends HubcapError {}

export class RateLimitedError extends ForbiddenError {}

export interface FieldError {
  resource: string;
  field: string;
  code: "missing" | "missing_field" | "invalid" | "already_exists" | "unprocessable" | "custom";
  message?: string;
}

/** 422 with GitHub's `errors` array when there is one. */
export class ValidationError extends HubcapError {
  constructor(
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
  }
}

/** 400: the request itself cannot be read (bad JSON, unsupported API version). */
export class BadRequestError extends HubcapError {}

/** 409 */
export class ConflictError extends HubcapError {}

/** 503: a dependency (the database) is unavailable; the request may be retried. */
export class UnavailableError extends HubcapError {
  constructor(message = "Service Unavailable") {
    super(message);
  }
}

/** 410: the thing existed but may no longer be used (a content reference older than six hours). */
export class GoneError extends HubcapError {}

/** 415: a preview endpoint called without its preview media type in `Accept`. */
export class PreviewRequiredError extends HubcapError {}
