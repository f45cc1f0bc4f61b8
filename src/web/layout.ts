import { createHash } from "node:crypto";
import type { Session } from "../domain/model.js";
import { Html, html } from "./html.js";

/** The one stylesheet, inline; the Content-Security-Policy allows exactly it (by hash) and nothing else. */
const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 0; color: #1f2328; }
header { background: #24292f; color: #fff; padding: .6rem 1.5rem; display: flex; gap: 1rem; align-items: center; }
header a { color: #fff; font-weight: 600; text-decoration: none; }
header .user { margin-left: auto; display: flex; gap: .8rem; align-items: center; }
main { max-width: 60rem; margin: 1.5rem auto; padding: 0 1.5rem; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; }
th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid #d0d7de; vertical-align: top; }
pre { background: #f6f8fa; padding: .8rem; overflow: auto; white-space: pre-wrap; word-break: break-all; }
label { display: block; margin: .6rem 0 .2rem; font-weight: 600; }
label.inline { display: inline; font-weight: normal; margin: 0 .8rem 0 .2rem; }
input[type=text], input[type=url], input[type=password], textarea, select { width: 100%; max-width: 30rem; padding: .3rem; box-sizing: border-box; }
button { padding: .35rem .9rem; margin-top: .6rem; cursor: pointer; }
button.danger { color: #cf222e; }
form.inline { display: inline; }
form.inline button { margin: 0; }
.flash { padding: .6rem 1rem; border: 1px solid #d0d7de; background: #ddf4ff; margin-bottom: 1rem; }
.error { border-color: #cf222e; background: #ffebe9; }
.muted { color: #656d76; }
`;

/** Made outside any template, so that no formatting can change the text its hash covers. */
const STYLE_ELEMENT = new Html(`<style>${STYLE}</style>`);

/** What a page's response says about where its content may come from, in one place. */
export const PAGE_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "content-security-policy": [
    "default-src 'none'",
    `style-src 'sha256-${createHash("sha256").update(STYLE).digest("base64")}'`,
    "img-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join("; "),
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  // Pages show secrets once (private keys, client secrets) and carry CSRF tokens: never cached.
  "cache-control": "no-store",
} as const;

/**
 * The headers of a page whose form leads on to another site: browsers hold the redirect that answers a
 * form post to `form-action` too, so the manifest flow's confirmation, which ends in a redirect to the
 * app's `redirect_url`, names that origin (and only it).
 */
export function pageHeadersAllowingForms(origins: string[]): Record<string, string> {
  const csp = PAGE_HEADERS["content-security-policy"];
  if (origins.length === 0) return PAGE_HEADERS;
  return {
    ...PAGE_HEADERS,
    "content-security-policy": csp.replace("form-action 'self'", `form-action 'self' ${origins.join(" ")}`),
  };
}

/** A hidden field with the session's CSRF token: every state-changing form carries one. */
export function csrfField(session: Session): Html {
  return html`<input type="hidden" name="authenticity_token" value="${session.csrfToken}" />`;
}

export interface LayoutOptions {
  title: string;
  session: Session | undefined;
  body: Html;
}

/** Every page's frame: title, navigation, who is signed in (with a sign-out form), the content. */
export function layout({ title, session, body }: LayoutOptions): Html {
  const user = session
    ? html`<span class="user"
        ><span>Signed in as <strong>${session.user.login}</strong></span>
        <form class="inline" method="post" action="/logout">
          ${csrfField(session)}<button type="submit">Sign out</button>
        </form></span
      >`
    : html`<span class="user"><a href="/login">Sign in</a></span>`;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · hubcap</title>
        ${STYLE_ELEMENT}
      </head>
      <body>
        <header>
          <a href="/hubcap">hubcap</a>
          ${
            session &&
            html`<a href="/settings/apps">Your GitHub Apps</a>
              <a href="/settings/installations">Installed apps</a>`
          }
          ${user}
        </header>
        <main>${body}</main>
      </body>
    </html>`;
}
