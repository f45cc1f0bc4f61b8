import fastifyCookie from "@fastify/cookie";
import fastifyFormbody from "@fastify/formbody";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ForbiddenError, HubcapError } from "../domain/errors.js";
import type { Hubcap } from "../domain/hubcap.js";
import type { Session } from "../domain/model.js";
import { urlsFor } from "../http/urls.js";
import { acceptsHtml } from "./accepts-html.js";
import { SESSION_COOKIE } from "./cookies.js";
import { isCrossSite, tokenMatches } from "./csrf.js";
import { Form } from "./form.js";
import { PageError } from "./page-error.js";
import { PAGE_HEADERS, pageHeadersAllowingForms } from "./layout.js";
import type { PageReply } from "./page-route.js";
import { errorPage } from "./pages/error-page.js";
import { parsePathParams } from "./path-params.js";
import { pageRoutes } from "./routes.js";

export interface WebPagesOptions {
  hub: Hubcap;
  publicUrl?: string;
}

/** The session of a page request, for the error page's header. */
const sessions = new WeakMap<FastifyRequest, Session>();

/**
 * The web pages, as one encapsulated Fastify plugin: form bodies and cookies are parsed for pages only,
 * so the REST API keeps reading every body as JSON (as GitHub does) and pays nothing for cookies.
 */
export async function webPages(app: FastifyInstance, { hub, publicUrl }: WebPagesOptions): Promise<void> {
  await app.register(fastifyFormbody, { bodyLimit: 64 * 1024 });
  await app.register(fastifyCookie);
  if (!app.hasConstraintStrategy(acceptsHtml.name)) app.addConstraintStrategy(acceptsHtml);
  app.setErrorHandler((error, request, reply) => sendPageError(error, request, reply));

  for (const route of pageRoutes) {
    app.route({
      method: route.method,
      url: route.path.replace(/\{(\w+)\}/g, ":$1"),
      ...(route.htmlOnly && { constraints: { [acceptsHtml.name]: "html" } }),
      handler: async (request, reply) => {
        const sessionId = request.cookies[SESSION_COOKIE];
        const session = sessionId ? await hub.sessions.find(sessionId) : undefined;
        if (session) {
          sessions.set(request, session);
          request.sessionUserId = session.user.id;
        }
        const form =
          route.method === "POST" ? postedForm(request, publicUrl, route.crossSite === true) : new Form();
        if (route.signIn === "required" && !session)
          return send(reply, request, publicUrl, signInFirst(request));
        if (route.method === "POST" && route.csrf !== false && !route.crossSite) {
          if (!session || !tokenMatches(form.text("authenticity_token"), session.csrfToken)) {
            throw new ForbiddenError(
              "The form's security token is missing or out of date. Go back, reload, and try again.",
            );
          }
        }
        // Read after sign-in and the form's token: a malformed id is the page's 404 to whoever gets that far.
        const params = parsePathParams(request.params);
        const result = await route.handler({
          hub,
          request,
          params,
          query: Form.of(request.query),
          form,
          session,
          sessionId,
          urls: urlsFor(request, publicUrl),
        });
        return send(reply, request, publicUrl, result);
      },
    });
  }
}

/** A post's form, once it is known to come from this site and to be a form. */
function postedForm(request: FastifyRequest, publicUrl: string | undefined, crossSite: boolean): Form {
  if (!crossSite && isCrossSite(request, publicUrl)) {
    throw new PageError(403, "Cross-site form posts are refused.");
  }
  const type = request.headers["content-type"] ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded")) {
    throw new PageError(415, "Pages take HTML form posts only.");
  }
  return Form.of(request.body);
}

/** Sends someone who is not signed in to sign in, and back here afterwards (GET pages only: a post cannot be replayed). */
function signInFirst(request: FastifyRequest): PageReply {
  if (request.method !== "GET") return { redirect: "/login" };
  return { redirect: `/login?return_to=${encodeURIComponent(request.url)}` };
}

function send(
  reply: FastifyReply,
  request: FastifyRequest,
  publicUrl: string | undefined,
  result: PageReply,
) {
  if ("download" in result) {
    const { filename, contentType, body } = result.download;
    return reply
      .code(200)
      .header("cache-control", "no-store")
      .header("x-content-type-options", "nosniff")
      .header("content-type", contentType)
      .header("content-disposition", `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`)
      .send(body);
  }
  // Secure cookies where the browser reached hubcap over https (directly or through a proxy).
  const secure = request.protocol === "https" || (publicUrl?.startsWith("https:") ?? false);
  for (const change of result.cookies ?? []) {
    const options = { path: "/", httpOnly: true, sameSite: "lax", secure } as const;
    if ("clear" in change) reply.clearCookie(change.name, options);
    else
      reply.setCookie(change.name, change.value, {
        ...options,
        ...(change.maxAge && { maxAge: change.maxAge }),
      });
  }
  if ("redirect" in result) return reply.code(303).header("location", result.redirect).send();
  return reply
    .code(result.status ?? 200)
    .headers(pageHeadersAllowingForms(result.formTargets ?? []))
    .send(result.html.text);
}

/**
 * Every failure of a page is a page: 4xx with its reason, 5xx without (it may hold internals). Domain
 * errors carry their status and headers (a 503 during a database outage has `retry-after`, as the API's).
 */
function sendPageError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  let status = 500;
  let message = "Server Error";
  if (error instanceof PageError) {
    status = error.status;
    message = error.message;
  } else if (error instanceof HubcapError) {
    status = error.status;
    message = error.message;
    reply.headers(error.headers());
  } else {
    const code = (error as FastifyError).statusCode;
    if (code && code >= 400 && code < 500) {
      status = code;
      message = code === 413 ? "The form is too large." : "The request could not be read.";
    }
  }
  if (error instanceof HubcapError && status >= 500)
    request.log.warn({ err: error.cause ?? error }, "page unavailable");
  else if (status >= 500) request.log.error({ err: error }, "page failed");
  return reply
    .code(status)
    .headers(PAGE_HEADERS)
    .send(errorPage(status, message, sessions.get(request)).text);
}
