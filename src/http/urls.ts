import type { FastifyRequest } from "fastify";

/**
 * Where hubcap is, as the client reached it: every `*_url` and `Link` points back at the same scheme,
 * host, port and prefix, so octokit can strip its `baseUrl` from them and PyGithub's host check passes.
 */
export interface Urls {
  /** The REST API base, e.g. `http://127.0.0.1:3000/api/v3` or `http://127.0.0.1:3000`. */
  api: string;
  /** The web host, where `html_url`s and the OAuth pages live. */
  web: string;
  /** `host[:port]` of the web host (git and ssh URLs). */
  host: string;
}

export const API_PREFIX = "/api/v3";

export function urlsFor(request: FastifyRequest, publicUrl: string | undefined): Urls {
  const web = publicUrl ?? `${request.protocol}://${request.host}`;
  const prefixed =
    request.url.startsWith(API_PREFIX) &&
    (request.url.length === API_PREFIX.length || "/?".includes(request.url[API_PREFIX.length]!));
  return { api: prefixed ? web + API_PREFIX : web, web, host: web.replace(/^https?:\/\//, "") };
}
