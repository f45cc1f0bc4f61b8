import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { HubcapError } from "../domain/errors.js";

export const GENERIC_DOCS = "https://docs.github.com/rest";

interface ErrorBody {
  message: string;
  documentation_url: string;
  status: string;
  errors?: unknown[];
}

export function errorBody(
  status: number,
  message: string,
  docs: string,
  errors?: readonly unknown[],
): ErrorBody {
  return {
    message,
    documentation_url: docs,
    status: String(status),
    ...(errors && errors.length > 0 && { errors: [...errors] }),
  };
}

/**
 * Every error becomes GitHub's body: `{message, documentation_url, status}` (status a string). Domain
 * errors carry their own status, headers and `errors` (domain/errors.ts); Fastify's own refusals of a
 * request are named here. Anything else is a bug: 500, logged, its message never shown.
 */
export function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const docs = request.routeOptions.config?.docs ?? GENERIC_DOCS;
  if (error instanceof HubcapError) {
    if (error.status >= 500) request.log.warn({ err: error.cause ?? error }, "unavailable");
    return reply
      .code(error.status)
      .headers(error.headers())
      .send(errorBody(error.status, error.message, error.docs ?? docs, error.errors));
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
  if (fastifyError.code === "FST_ERR_BAD_URL") {
    return reply.code(400).send(errorBody(400, "Bad Request", docs));
  }
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return reply.code(400).send(errorBody(400, "Problems parsing JSON", docs));
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
