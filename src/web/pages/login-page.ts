import { html, type Html } from "../html.js";
import { layout } from "../layout.js";

export interface LoginPageOptions {
  /** The token of the login form (a double-submit cookie: there is no session yet). */
  formToken: string;
  returnTo: string | undefined;
  login?: string;
  error?: string;
}

/** GitHub's "Sign in to GitHub" form: login and password, and where to go afterwards. */
export function loginPage({ formToken, returnTo, login, error }: LoginPageOptions): Html {
  return layout({
    title: "Sign in",
    session: undefined,
    body: html`<h1>Sign in to hubcap</h1>
      ${error && html`<p class="flash error" role="alert">${error}</p>`}
      <form method="post" action="/login">
        <input type="hidden" name="authenticity_token" value="${formToken}" />
        ${returnTo && html`<input type="hidden" name="return_to" value="${returnTo}" />`}
        <label for="login_field">Username</label>
        <input
          type="text"
          id="login_field"
          name="login"
          value="${login ?? ""}"
          autocomplete="username"
          autofocus
          required
        />
        <label for="password">Password</label>
        <input type="password" id="password" name="password" autocomplete="current-password" required />
        <div><button type="submit">Sign in</button></div>
      </form>`,
  });
}
