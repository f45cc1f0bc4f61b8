import type { App, Session } from "../../domain/model.js";
import { href, html, type Html } from "../html.js";
import { layout } from "../layout.js";
import { appSettingsPath } from "../paths.js";

/** `/apps/{slug}`, the app's public page (its `html_url`): what it is, and the Install button. */
export function appPage(app: App, manages: boolean, session: Session | undefined): Html {
  return layout({
    title: app.name,
    session,
    body: html`<h1>${app.name}</h1>
      <p>${app.description ?? ""}</p>
      <p class="muted">
        By ${app.owner.login} · <a href="${href(app.externalUrl)}" rel="noreferrer">${app.externalUrl}</a>
      </p>
      <form method="get" action="/apps/${app.slug}/installations/new">
        <button type="submit">Install</button>
      </form>
      ${manages && html`<p><a href="${appSettingsPath(app)}">App settings</a></p>`}`,
  });
}
