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

/** The URLs of a hubcap whose web host is `base` (no trailing slash), with the API under its prefix. */
export function urlsAt(base: string): Urls {
  return { api: base + API_PREFIX, web: base, host: base.replace(/^https?:\/\//, "") };
}
