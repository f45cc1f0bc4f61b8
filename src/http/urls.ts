import type { FastifyRequest } from "fastify";
import { API_PREFIX, type Urls } from "../serialize/urls.js";

export { API_PREFIX, type Urls } from "../serialize/urls.js";

/** The URLs as this request reached hubcap (or as `publicUrl` overrides them, behind a proxy). */
export function urlsFor(request: FastifyRequest, publicUrl: string | undefined): Urls {
  const web = publicUrl ?? `${request.protocol}://${request.host}`;
  const prefixed =
    request.url.startsWith(API_PREFIX) &&
    (request.url.length === API_PREFIX.length || "/?".includes(request.url[API_PREFIX.length]!));
  return { api: prefixed ? web + API_PREFIX : web, web, host: web.replace(/^https?:\/\//, "") };
}
