import type { FastifyReply, FastifyRequest } from "fastify";

/**
 * The headers api.github.com puts on every answer of the REST API, as recorded by the clients' own
 * test suites (PyGithub `tests/ReplayData/Installation.testGetRepos.txt`, `RateLimiting.testGetRateLimit.txt`;
 * octokit/fixtures `scenarios/api.github.com/*`): CORS for browsers that call the API from any origin
 * (https://docs.github.com/rest/using-the-rest-api/using-cors-and-jsonp-to-make-cross-origin-requests),
 * and the security headers that keep a JSON answer from being read as a page.
 * `Strict-Transport-Security` only where the client reached hubcap over TLS.
 */
export const API_HEADERS = Object.freeze({
  "access-control-expose-headers":
    "ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, " +
    "X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, " +
    "X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset",
  "access-control-allow-origin": "*",
  "x-frame-options": "deny",
  "x-content-type-options": "nosniff",
  "x-xss-protection": "0",
  "referrer-policy": "origin-when-cross-origin, strict-origin-when-cross-origin",
  "content-security-policy": "default-src 'none'",
});

export const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubdomains; preload";

/**
 * GitHub's answer to a CORS preflight (`OPTIONS`, 204), as api.github.com sends it today: any origin,
 * the request headers its clients send (octokit adds `X-GitHub-Api-Version`), for a day.
 */
export const PREFLIGHT_HEADERS = Object.freeze({
  "access-control-allow-headers":
    "Authorization, Content-Type, If-Match, If-Modified-Since, If-None-Match, If-Unmodified-Since, " +
    "Accept-Encoding, X-GitHub-OTP, X-Requested-With, User-Agent, GraphQL-Features, " +
    "X-Github-Next-Global-ID, X-GitHub-Api-Version",
  "access-control-allow-methods": "GET, POST, PATCH, PUT, DELETE",
  "access-control-max-age": "86400",
});

/** On every API answer; a cacheable one names what else it varies with first. */
const VARY_ENCODING = "Accept-Encoding, Accept, X-Requested-With";
/** A token's answer differs by credential; GitHub sends it `private`. */
const VARY_CREDENTIAL = ["Accept, Authorization, Cookie, X-GitHub-OTP", VARY_ENCODING];
/** Anonymous, app-JWT and client-credential answers: `public` and varying by `Accept` (recordings above). */
const VARY_PUBLIC = ["Accept", VARY_ENCODING];

export function setApiHeaders(request: FastifyRequest, reply: FastifyReply): void {
  reply.headers(API_HEADERS);
  reply.header("vary", VARY_ENCODING);
  if (request.protocol === "https") reply.header("strict-transport-security", STRICT_TRANSPORT_SECURITY);
}

/**
 * Cache-Control and Vary of an answer with a body (200, 201, 304): `private` for a token (Bearer or
 * `token` without two dots, or Basic login and token), `public` for no credential, an app's JWT or an
 * app's client id and secret, as GitHub marks them (PyGithub `Installation.testGetRepos.txt`: the JWT's
 * POST is public, the installation token's GET private; octokit.rb `OauthApplications/_check_token`:
 * client credentials public).
 */
export function setCacheHeaders(request: FastifyRequest, reply: FastifyReply): void {
  const credential = perCredential(request.headers.authorization);
  reply.header(
    "cache-control",
    credential ? "private, max-age=60, s-maxage=60" : "public, max-age=60, s-maxage=60",
  );
  reply.header("vary", credential ? VARY_CREDENTIAL : VARY_PUBLIC);
}

function perCredential(authorization: string | undefined): boolean {
  if (!authorization) return false;
  const space = authorization.indexOf(" ");
  const scheme = authorization.slice(0, space).toLowerCase();
  const value = authorization.slice(space + 1).trim();
  if (scheme === "basic") {
    // Client credentials are an app's, a login and token a person's.
    const decoded = Buffer.from(value, "base64").toString("utf8");
    return /^[^:]*:(?:gh[opsu]_|github_pat_)/.test(decoded);
  }
  return value.split(".").length !== 3;
}

/**
 * `X-GitHub-Media-Type` echoes the first preview named in `Accept`
 * (`application/vnd.github.machine-man-preview+json` → `github.v3; param=machine-man-preview; format=json`),
 * as PyGithub's `Installation.testGetRepos.txt` and octokit/fixtures record it.
 */
export function mediaType(accept: string | string[] | undefined): string {
  const text = Array.isArray(accept) ? accept.join(",") : accept;
  if (!text || !text.includes("-preview")) return "github.v3; format=json";
  const preview = /application\/vnd\.github\.([\w.-]+?-preview)(?:[.+;,\s]|$)/i.exec(text);
  return preview ? `github.v3; param=${preview[1]!.toLowerCase()}; format=json` : "github.v3; format=json";
}
