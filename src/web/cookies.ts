/** The browser session: HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site posts). */
export const SESSION_COOKIE = "hubcap_session";
/** The sign-in form's token, before there is a session to hold one (a double-submit cookie). */
export const LOGIN_COOKIE = "hubcap_login";
