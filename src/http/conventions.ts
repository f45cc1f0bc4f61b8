import { randomBytes } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { BadRequestError } from "../domain/errors.js";
import type { Clock } from "../domain/clock.js";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "./json-depth.js";
import { weakEtag } from "./response-cache.js";

/** API versions hubcap answers to; requests without the header get the first. */
export const API_VERSIONS = ["2022-11-28", "2026-03-10"] as const;

declare module "fastify" {
  interface FastifyRequest {
    apiVersion: string;
  }
}

/**
 * What every response carries, in one place ("Every response" in GITHUB-BEHAVIOUR.md): GitHub's
 * headers, a `Date` from hubcap's clock (auth-app corrects its clock skew from it), a request id,
 * weak ETags with `If-None-Match` → 304, and tolerant JSON bodies.
 */
export function registerConventions(app: FastifyInstance, clock: Clock): void {
  const instance = randomBytes(2).toString("hex").toUpperCase();
  let sequence = 0;
  let dateSecond = -1;
  let dateText = "";

  app.decorateRequest("apiVersion", API_VERSIONS[0]);

  // Callback hooks, not async ones: they run on every request, and a promise per hook per request shows.
  app.addHook("onRequest", (request, reply, done) => {
    const now = clock.now();
    const second = Math.floor(now / 1000);
    if (second !== dateSecond) {
      dateSecond = second;
      dateText = new Date(now).toUTCString();
    }
    sequence = (sequence + 1) & 0xffffff;
    reply.header("date", dateText);
    reply.header(
      "x-github-request-id",
      `${instance}:${sequence.toString(16).toUpperCase()}:${second.toString(16).toUpperCase()}`,
    );
    reply.header("x-github-media-type", "github.v3; format=json");
    const requested = request.headers["x-github-api-version"];
    if (requested !== undefined) {
      const version = Array.isArray(requested) ? requested[0]! : requested;
      if (!(API_VERSIONS as readonly string[]).includes(version.trim())) {
        return done(
          new BadRequestError(
            `API version ${version} is not supported. Supported versions: ${API_VERSIONS.join(", ")}.`,
          ),
        );
      }
      request.apiVersion = version.trim();
    }
    reply.header("x-github-api-version-selected", request.apiVersion);
    done();
  });

  app.addHook("onSend", (request, reply, payload, done) => {
    if (request.method !== "GET" || reply.statusCode !== 200 || typeof payload !== "string")
      return done(null, payload);
    // A kept answer comes with its ETag (response-cache.ts).
    let etag = reply.getHeader("etag");
    if (typeof etag !== "string") {
      etag = weakEtag(payload);
      reply.header("etag", etag);
    }
    if (matches(request, etag)) {
      reply.code(304);
      return done(null, "");
    }
    done(null, payload);
  });

  // Tolerant bodies: none, empty (gh sends `Content-Type: application/json` with nothing), or JSON
  // under any content type; GitHub reads them all as JSON.
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser(["application/json", "text/plain"]);
  app.addContentTypeParser("*", { parseAs: "string" }, (request, body, done) => {
    const text = (body as string).trim();
    if (text === "") return done(null, undefined);
    if (nestsDeeperThan(text, MAX_JSON_DEPTH)) return done(new BadRequestError("Problems parsing JSON"));
    parseJson(request, text, (error, value) => {
      if (error) return done(new BadRequestError("Problems parsing JSON"));
      done(null, value);
    });
  });
}

function matches(request: FastifyRequest, etag: string): boolean {
  const header = request.headers["if-none-match"];
  if (!header) return false;
  const bare = etag.slice(2);
  return header.split(",").some((candidate) => {
    const value = candidate.trim();
    return value === "*" || value === etag || value === bare;
  });
}
