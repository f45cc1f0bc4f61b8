import { NotFoundError } from "../../domain/errors.js";
import type { App, Session } from "../../domain/model.js";
import { OAuthError } from "../../domain/oauth/oauth-error.js";
import type { AuthorizeRequest } from "../../domain/oauth/web-flow.js";
import type { Form } from "../form.js";
import { PageError } from "../page-error.js";
import type { PageContext, PageReply } from "../page-route.js";
import { authorizePage } from "../pages/authorize-page.js";

/** The longest `state` carried through (apps send a random string of a few dozen characters). */
const MAX_STATE = 1024;

/** The app and the request, from the query (GET) or the consent form (POST); checked before anything is shown. */
async function requestOf(
  ctx: PageContext,
  fields: Form,
): Promise<{ app: App; request: AuthorizeRequest; redirectUri: string }> {
  const app = await ctx.hub.oauth.findApp(fields.text("client_id") ?? "");
  if (!app) throw new NotFoundError("No app has this client_id.");
  const request: AuthorizeRequest = {
    redirectUri: fields.text("redirect_uri"),
    state: fields.text("state"),
    codeChallenge: fields.text("code_challenge"),
    codeChallengeMethod: fields.text("code_challenge_method"),
  };
  if ((request.state?.length ?? 0) > MAX_STATE) throw new PageError(400, "The state is too long.");
  try {
    // An unregistered redirect_uri is never redirected to: the person sees why, here.
    return { app, request, redirectUri: ctx.hub.oauth.checkAuthorizeRequest(app, request) };
  } catch (error) {
    if (error instanceof OAuthError)
      throw new PageError(400, "The redirect_uri is not associated with this application.");
    throw error;
  }
}

/**
 * `GET /login/oauth/authorize`: sign in first if need be; a person who already authorized the app goes
 * straight back with a new code, as on GitHub; anyone else sees the consent page.
 */
export async function showAuthorize(ctx: PageContext): Promise<PageReply> {
  const { app, request, redirectUri } = await requestOf(ctx, ctx.query);
  if (!ctx.session) {
    // `login` suggests the account to sign in with; hubcap has no sign-up, so `allow_signup` changes nothing.
    const login = ctx.query.text("login");
    const query = new URLSearchParams({ return_to: ctx.request.url, ...(login && { login }) });
    return { redirect: `/login?${query}` };
  }
  if (await ctx.hub.oauth.hasAuthorized(ctx.session.user, app)) {
    return { redirect: (await ctx.hub.oauth.authorize(ctx.session.user, app, request)).redirectUrl };
  }
  // The answer is a redirect to the app, which the page's form-action must name (see pageHeadersAllowingForms).
  return {
    html: authorizePage(app, request, redirectUri, ctx.session),
    formTargets: [new URL(redirectUri).origin],
  };
}

/** `POST /login/oauth/authorize`: the consent form's answer, back to the app with a code or `access_denied`. */
export async function answerAuthorize(ctx: PageContext<Session>): Promise<PageReply> {
  const { app, request } = await requestOf(ctx, ctx.form);
  if (ctx.form.text("answer") !== "authorize") return { redirect: ctx.hub.oauth.denialUrl(app, request) };
  return { redirect: (await ctx.hub.oauth.authorize(ctx.session.user, app, request)).redirectUrl };
}
