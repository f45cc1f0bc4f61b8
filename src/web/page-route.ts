import type { FastifyRequest } from "fastify";
import type { Hubcap } from "../domain/hubcap.js";
import type { Session } from "../domain/model.js";
import type { Urls } from "../serialize/urls.js";
import type { Form } from "./form.js";
import type { Html } from "./html.js";
import type { AnyPathParams } from "./path-params.js";

/** What a page's handler receives: `P` is its path's parameters, parsed (see path-params.ts). */
export interface PageContext<
  S extends Session | undefined = Session | undefined,
  P extends AnyPathParams = Record<never, never>,
> {
  hub: Hubcap;
  request: FastifyRequest;
  params: P;
  query: Form;
  /** The form posted (empty for GET). */
  form: Form;
  session: S;
  /** The session id from the cookie, for signing out. */
  sessionId: string | undefined;
  urls: Urls;
}

export type PageReply =
  | {
      html: Html;
      status?: number;
      cookies?: CookieChange[];
      /** Origins (`https://host:port`) this page's forms may lead to besides hubcap (see layout.ts). */
      formTargets?: string[];
    }
  | { redirect: string; cookies?: CookieChange[] }
  /** A file the browser saves (a private key is handed out once, as GitHub does, as a download). */
  | { download: { filename: string; contentType: string; body: string } };

export type CookieChange = { name: string; value: string; maxAge?: number } | { name: string; clear: true };

export interface PageRoute {
  method: "GET" | "POST";
  /** As GitHub's web interface writes it: `/settings/apps/{app_slug}`. */
  path: string;
  /**
   * `required`: only for a signed-in user; others are sent to sign in and come back. `optional`: the
   * page works for anyone (and may show more to a signed-in user).
   */
  signIn: "required" | "optional";
  /**
   * Served only when the request prefers HTML (a browser navigating): the REST API answers JSON on the
   * same path (`GET /apps/{app_slug}`).
   */
  htmlOnly?: true;
  /** False for the few posts that carry no session token (signing in has no session yet). */
  csrf?: false;
  /**
   * Accepts form posts from other sites, without a session token: only the manifest flow's entry,
   * which another site posts to by design, and whose handler changes nothing a person has not confirmed.
   */
  crossSite?: true;
  handler: (ctx: PageContext<Session | undefined, AnyPathParams>) => Promise<PageReply>;
}
