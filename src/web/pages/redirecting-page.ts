import type { Session } from "../../domain/model.js";
import { href, html, type Html } from "../html.js";
import { layout } from "../layout.js";

/**
 * "You are being redirected to the authorized application": how a form's answer reaches another site.
 * A redirect straight from the form post would be a navigation the pages' `form-action 'self'` policy
 * blocks; a page that refreshes to the app is a navigation of its own.
 */
export function redirectingPage(url: string, session: Session): Html {
  return layout({
    title: "Redirecting",
    session,
    head: html`<meta http-equiv="refresh" content="0; url=${href(url)}" />`,
    body: html`<h1>You are being redirected to the authorized application.</h1>
      <p><a href="${href(url)}">Continue</a> if nothing happens.</p>`,
  });
}
