import { randomBytes, randomInt } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { BadRequestError } from "../domain/errors.js";
import type { Clock } from "../domain/clock.js";
import { mediaType, PREFLIGHT_HEADERS, setApiHeaders, setCacheHeaders } from "./api-headers.js";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "./json-depth.js";
import { etagOf } from "./response-cache.js";

/** API versions hubcap answers to; requests without the header get the first. */
export const API_VERSIONS = ["2022-11-28", "2026-03-10"] as const;

declare module "fastify" {
  interface FastifyRequest {
    apiVersion: string;
  }
  interface FastifyContextConfig {
    /** A route of the REST API (pages and the OAuth endpoints are github.com's, not the API's). */
    api?: true;
  }
}

/** The API's routes, and whatever matches no route (answered as the API's 404). */
function isApi(request: FastifyRequest): boolean {
  return request.routeOptions.config?.api === true || request.routeOptions.url === undefined;
}

/**
 * What every response carries, in one place ("Every response" in GITHUB-BEHAVIOUR.md): a `Date` from
 * hubcap's clock (auth-app corrects its clock skew from it) and a request id; on the API's answers
 * GitHub's headers (api-headers.ts), `Cache-Control` and ETags with `If-None-Match` → 304 on answers
 * with a body, the CORS preflight, and tolerant JSON bodies.
 */
export function registerConventions(app: FastifyInstance, clock: Clock): void {
  // GitHub's request ids have five hex groups (`C22C:5529:6AEA2F:6BEA9A:6459FE6B`, PyGithub's
  // `tests/ReplayData/RateLimiting.testGetRateLimit.txt`): here this process, two counters and the second.
  const instance = `${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}`.toUpperCase();
  const offset = randomInt(0xffffff);
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
    const other = (sequence + offset) & 0xffffff;
    reply.header("date", dateText);
    reply.header(
      "x-github-request-id",
      `${instance}:${sequence.toString(16).toUpperCase()}:${other.toString(16).toUpperCase()}:${second.toString(16).toUpperCase()}`,
    );
    if (!isApi(request)) return done();
    setApiHeaders(request, reply);
    reply.header("x-github-media-type", mediaType(request.headers.accept));
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

  // GitHub marks an answer with a body cacheable and tags it (strong ETags: GitHub weakens them only
  // when it compresses, which hubcap does not); errors, 202 and 204 go without. An answer that set its
  // own Cache-Control (GET /rate_limit: `no-cache`) has no ETag, as on GitHub.
  app.addHook("onSend", (request, reply, payload, done) => {
    const status = reply.statusCode;
    if ((status !== 200 && status !== 201) || typeof payload !== "string" || payload === "")
      return done(null, payload);
    if (!isApi(request) || reply.hasHeader("cache-control")) return done(null, payload);
    setCacheHeaders(request, reply);
    // A kept answer comes with its ETag (response-cache.ts).
    let etag = reply.getHeader("etag");
    if (typeof etag !== "string") {
      etag = etagOf(payload);
      reply.header("etag", etag);
    }
    if (request.method === "GET" && status === 200 && matches(request, etag)) {
      reply.code(304);
      return done(null, "");
    }
    done(null, payload);
  });

  // Browsers ask before a cross-origin call with `Authorization` (https://docs.github.com/rest/using-the-rest-api/using-cors-and-jsonp-to-make-cross-origin-requests).
  app.route({
    method: "OPTIONS",
    url: "/*",
    config: { api: true },
    handler: (_request, reply) => reply.code(204).headers(PREFLIGHT_HEADERS).send(),
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

/** `If-None-Match` compares weakly (RFC 9110 13.1.2): `W/"x"` matches `"x"`. */
function matches(request: FastifyRequest, etag: string): boolean {
  const header = request.headers["if-none-match"];
  if (!header) return false;
  return header.split(",").some((candidate) => {
    const value = candidate.trim();
    return value === "*" || value === etag || value === `W/${etag}`;
  });
}
