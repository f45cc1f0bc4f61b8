import { randomBytes } from "node:crypto";
import { TooManyFailuresError } from "../../domain/failure-throttle.js";
import { SESSION_LIFETIME_SECONDS } from "../../domain/sessions.js";
import { LOGIN_COOKIE, SESSION_COOKIE } from "../cookies.js";
import { tokenMatches } from "../csrf.js";
import { localPath } from "../local-path.js";
import type { PageContext, PageReply } from "../page-route.js";
import { loginPage } from "../pages/login-page.js";

/** Where a signed-in user lands when no page asked for the sign-in. */
export const HOME = "/hubcap";

/** GitHub's wording for any failed sign-in: it never says whether the login exists. */
const INCORRECT = "Incorrect username or password.";

function formToken(ctx: PageContext): { token: string; fresh: boolean } {
  const existing = ctx.request.cookies[LOGIN_COOKIE];
  if (existing && existing.length >= 32 && existing.length <= 64) return { token: existing, fresh: false };
  return { token: randomBytes(32).toString("base64url"), fresh: true };
}

function loginForm(ctx: PageContext, status: number, extra: { login?: string; error?: string }): PageReply {
  const { token, fresh } = formToken(ctx);
  return {
    status,
    html: loginPage({
      formToken: token,
      returnTo: localPath(ctx.form.text("return_to") ?? ctx.query.text("return_to")),
      ...extra,
    }),
    cookies: fresh ? [{ name: LOGIN_COOKIE, value: token }] : [],
  };
}

/** `GET /login`: the form; a signed-in user goes straight on. */
export async function showLogin(ctx: PageContext): Promise<PageReply> {
  if (ctx.session) return { redirect: localPath(ctx.query.text("return_to")) ?? HOME };
  // An app's authorization request may suggest the account (`/login/oauth/authorize?login=…`).
  return loginForm(ctx, 200, { login: ctx.query.text("login") });
}

/** `POST /login`: a new session (a new id every time, so none can be planted beforehand). */
export async function login(ctx: PageContext): Promise<PageReply> {
  const login = ctx.form.text("login") ?? "";
  const expected = ctx.request.cookies[LOGIN_COOKIE];
  if (!expected || !tokenMatches(ctx.form.text("authenticity_token"), expected)) {
    return loginForm(ctx, 403, { login, error: "The sign-in form expired. Please try again." });
  }
  let signedIn;
  try {
    signedIn = await ctx.hub.sessions.signIn(login, ctx.form.text("password") ?? "", ctx.request.ip);
  } catch (error) {
    if (!(error instanceof TooManyFailuresError)) throw error;
    return loginForm(ctx, 429, { login, error: error.message });
  }
  if (!signedIn) return loginForm(ctx, 401, { login, error: INCORRECT });
  if (ctx.sessionId) await ctx.hub.sessions.signOut(ctx.sessionId);
  return {
    redirect: localPath(ctx.form.text("return_to")) ?? HOME,
    cookies: [
      { name: SESSION_COOKIE, value: signedIn.id, maxAge: SESSION_LIFETIME_SECONDS },
      { name: LOGIN_COOKIE, clear: true },
    ],
  };
}

/** `POST /logout`: the session ends on hubcap's side, not only in the browser. */
export async function logout(ctx: PageContext): Promise<PageReply> {
  if (ctx.sessionId) await ctx.hub.sessions.signOut(ctx.sessionId);
  return { redirect: "/login", cookies: [{ name: SESSION_COOKIE, clear: true }] };
}
