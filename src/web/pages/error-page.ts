import type { Session } from "../../domain/model.js";
import { html, type Html } from "../html.js";
import { layout } from "../layout.js";

const TITLES: Record<number, string> = {
  400: "Bad request",
  403: "Forbidden",
  404: "Page not found",
  413: "Too large",
  415: "Unsupported form",
  422: "Unprocessable",
  503: "Service unavailable",
};

/** What a person can do about a 5xx; its own message is never shown (it may hold internals). */
const SERVER_SIDE: Record<number, string> = {
  503: "hubcap cannot reach its database right now. Try again in a moment.",
};

/** A failed request, as a page. */
export function errorPage(status: number, message: string, session: Session | undefined): Html {
  const title = TITLES[status] ?? (status >= 500 ? "Server error" : "Error");
  const detail = status >= 500 ? (SERVER_SIDE[status] ?? "Something went wrong on hubcap's side.") : message;
  return layout({
    title,
    session,
    body: html`<h1>${title}</h1>
      <p>${detail}</p>
      <p><a href="/hubcap">Back to the overview</a></p>`,
  });
}
