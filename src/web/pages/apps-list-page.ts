import type { Account, App, Session } from "../../domain/model.js";
import { html, type Html } from "../html.js";
import { layout } from "../layout.js";
import { appSettingsPath, settingsBase } from "../paths.js";

/** The apps of the organizations the signed-in person administers, each with its owner and its settings' list. */
function orgAppsSection(apps: App[]): Html {
  if (apps.length === 0) return html``;
  const rows = apps.map(
    (app) =>
      html`<tr>
        <td><a href="${appSettingsPath(app)}">${app.name}</a></td>
        <td class="muted">${app.slug}</td>
        <td><a href="${settingsBase(app.owner)}/apps">${app.owner.login}</a></td>
        <td>${app.public ? "public" : "private"}</td>
      </tr>`,
  );
  return html`<h2 id="organization-apps">Apps of organizations you administer</h2>
    <table>
      <thead>
        <tr>
          <th>App</th>
          <th>Slug</th>
          <th>Owner</th>
          <th>Visibility</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>`;
}

/**
 * `/settings/apps` (and an organization's): the apps an account owns, and the way to register one; on a
 * person's own list, also `orgApps`, those of the organizations they administer.
 */
export function appsListPage(
  owner: Account,
  apps: App[],
  session: Session,
  notice?: string,
  orgApps: App[] = [],
): Html {
  const rows = apps.map(
    (app) =>
      html`<tr>
        <td><a href="${appSettingsPath(app)}">${app.name}</a></td>
        <td class="muted">${app.slug}</td>
        <td>${app.public ? "public" : "private"}</td>
      </tr>`,
  );
  return layout({
    title: "GitHub Apps",
    session,
    body: html`<h1>GitHub Apps of ${owner.login}</h1>
      ${notice && html`<p class="flash" role="status">${notice}</p>`}
      <p><a href="${settingsBase(owner)}/apps/new">New GitHub App</a></p>
      ${
        apps.length === 0
          ? html`<p class="muted">No GitHub Apps yet.</p>`
          : html`<table>
              <tbody>
                ${rows}
              </tbody>
            </table>`
      }
      ${orgAppsSection(orgApps)}`,
  });
}
