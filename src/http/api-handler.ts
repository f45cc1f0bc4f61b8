import type { FastifyReply, FastifyRequest } from "fastify";
import type { Hubcap } from "../domain/hubcap.js";
import { PreviewRequiredError } from "../domain/errors.js";
import { authenticate } from "./guards.js";
import { checkBodyValues } from "./body-values.js";
import type { LoadMeter } from "./load-meter.js";
import { cursorLinkHeader, linkHeader } from "./pagination.js";
import { parseParams, parseQuery } from "./params.js";
import { etagOf, type CachedAnswer, type ResponseCache } from "./response-cache.js";
import type { Principal, Route } from "./route.js";
import { urlsFor, type Urls } from "./urls.js";

const NO_PERMISSIONS = Object.freeze({});

export interface HandlerOptions {
  hub: Hubcap;
  publicUrl: string | undefined;
  load: LoadMeter | undefined;
  /** Shared by every route of one app. */
  answers: ResponseCache;
}

/** The principal each request's guard let through, from `preValidation` to the handler. */
const principals = new WeakMap<FastifyRequest, Principal | undefined>();

/**
 * The `preValidation` hook of one route: credentials are judged before the body, as GitHub does (an
 * anonymous POST with a malformed body is 401, not 422), and then the values no schema keyword
 * refuses (NUL, integers beyond 2^53) before Fastify checks the body against the route's schema.
 */
export function apiGuard(route: Route, options: HandlerOptions) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    principals.set(request, await authenticate(options.hub, route, request, reply));
    if (route.body) checkBodyValues(request.body);
  };
}

/**
 * The Fastify handler of one route of the table (authenticated by `apiGuard`): run it, and shape its
 * reply (status, `Link`, body). Routes marked `cached` answer from the response cache while the
 * store's generation holds.
 */
export function apiHandler(route: Route, options: HandlerOptions) {
  const { hub, answers } = options;
  return async (request: FastifyRequest, reply: FastifyReply) => {
    // Fails closed: a request that reached the handler without its guard's hook is judged here.
    const principal = principals.has(request)
      ? principals.get(request)
      : await authenticate(hub, route, request, reply);
    request.principal = principal;
    const urls = urlsFor(request, options.publicUrl);
    const keeping = route.cached ? keptAs(hub, principal, request, urls) : undefined;
    const kept = keeping && answers.get(keeping.key, keeping.generation);
    if (kept) {
      options.load?.served();
      return sendAnswer(reply, kept);
    }

    if (route.preview && !route.preview.accept.test(String(request.headers.accept ?? ""))) {
      throw new PreviewRequiredError(route.preview.message);
    }
    const result = await route.handler({
      hub,
      request,
      params: parseParams(request.params as Record<string, string>),
      query: parseQuery(request.query),
      body: request.body,
      principal,
      permissions: route.permissions ?? NO_PERMISSIONS,
      urls,
      apiVersion: request.apiVersion,
    });
    const status = result.status ?? 200;
    const link = result.page
      ? linkHeader(request, urls, result.page)
      : result.cursor && cursorLinkHeader(request, urls, result.cursor);
    options.load?.served();
    reply.code(status);
    if (result.headers) reply.headers(result.headers);
    if (status === 204) return reply.send();
    if (keeping && status === 200) {
      const payload = JSON.stringify(result.body);
      const answer = { payload, etag: etagOf(payload), link };
      // Kept only if nothing changed while it was read.
      if (hub.generation() === keeping.generation) answers.set(keeping.key, keeping.generation, answer);
      return sendAnswer(reply, answer);
    }
    if (link) reply.header("link", link);
    return result.body;
  };
}

/** The JSON text as it stands: conventions.ts finds the ETag set and does not hash it again. */
function sendAnswer(reply: FastifyReply, answer: CachedAnswer) {
  if (answer.link) reply.header("link", answer.link);
  reply.header("etag", answer.etag);
  reply.type("application/json; charset=utf-8");
  return reply.send(answer.payload);
}

/** Where this request's answer is kept, if the store can say how long it holds. */
function keptAs(
  hub: Hubcap,
  principal: Principal | undefined,
  request: FastifyRequest,
  urls: Urls,
): { key: string; generation: number } | undefined {
  const generation = hub.generation();
  if (generation === undefined) return undefined;
  const accept = request.headers.accept ?? "";
  const key = `${credentialKey(principal)}\n${urls.web}${request.url}\n${request.apiVersion}\n${accept}`;
  return { key, generation };
}

function credentialKey(principal: Principal | undefined): string {
  if (principal === undefined) return "anonymous";
  if (principal.kind === "app" || principal.kind === "client") return `${principal.kind}:${principal.appId}`;
  return `${principal.kind}:${principal.tokenHash}`;
}
