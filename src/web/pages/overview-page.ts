import type { Session } from "../../domain/model.js";
import type { WorldOverview } from "../../domain/world-overview.js";
import { html, type Html } from "../html.js";
import { layout } from "../layout.js";
import { appSettingsPath, installationPath } from "../paths.js";

const none = (what: string) => html`<p class="muted">No ${what}.</p>`;

/** The world at a glance: accounts, repositories, apps and installations, as the signed-in user sees them. */
export function overviewPage(world: WorldOverview, session: Session): Html {
  const accounts = world.accounts.map(
    (a) =>
      html`<tr>
        <td>${a.login}</td>
        <td>${a.type}${a.siteAdmin && " (site admin)"}</td>
        <td>${a.name ?? ""}</td>
      </tr>`,
  );
  const repositories = world.repositories.map(
    (r) =>
      html`<tr>
        <td>${r.owner.login}/${r.name}</td>
        <td>${r.private ? "private" : "public"}</td>
        <td>${r.description ?? ""}</td>
      </tr>`,
  );
  const apps = world.apps.map(
    ({ app, manages }) =>
      html`<tr>
        <td><a href="/apps/${app.slug}">${app.name}</a> <span class="muted">${app.slug}</span></td>
        <td>${app.owner.login}</td>
        <td>${app.public ? "public" : "private"}</td>
        <td>${app.description ?? ""}</td>
        <td>
          ${
            manages &&
            html`<a href="${appSettingsPath(app)}">Settings</a> ·
              <a href="/hubcap/apps/${app.slug}">Recent deliveries</a>`
          }
        </td>
      </tr>`,
  );
  const installations = world.installations.map(
    ({ installation: i, administers }) =>
      html`<tr>
        <td>${administers ? html`<a href="${installationPath(i)}">${i.id}</a>` : i.id}</td>
        <td>${i.appSlug}</td>
        <td>${i.account.login}</td>
        <td>${i.repositorySelection === "all" ? "all repositories" : "selected repositories"}</td>
        <td>${i.suspendedAt === null ? "active" : "suspended"}</td>
      </tr>`,
  );
  return layout({
    title: "Overview",
    session,
    body: html`<h1>The world</h1>
      <h2 id="accounts">Accounts</h2>
      ${
        world.accountsTotal > world.accounts.length &&
        html`<p class="muted">The first ${world.accounts.length} of ${world.accountsTotal}.</p>`
      }
      <table>
        <thead>
          <tr>
            <th>Login</th>
            <th>Type</th>
            <th>Name</th>
          </tr>
        </thead>
        <tbody>
          ${accounts}
        </tbody>
      </table>
      <h2 id="repositories">Repositories</h2>
      ${
        repositories.length === 0
          ? none("repositories")
          : html`<table>
              <thead>
                <tr>
                  <th>Repository</th>
                  <th>Visibility</th>
                  <th>Description</th>
                </tr>
              </thead>
              <tbody>
                ${repositories}
              </tbody>
            </table>`
      }
      <h2 id="apps">GitHub Apps</h2>
      ${
        apps.length === 0
          ? none("apps")
          : html`<table>
              <thead>
                <tr>
                  <th>App</th>
                  <th>Owner</th>
                  <th>Visibility</th>
                  <th>Description</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                ${apps}
              </tbody>
            </table>`
      }
      <h2 id="installations">Installations</h2>
      ${
        installations.length === 0
          ? none("installations")
          : html`<table>
              <thead>
                <tr>
                  <th>Id</th>
                  <th>App</th>
                  <th>Account</th>
                  <th>Repositories</th>
                  <th>State</th>
                </tr>
              </thead>
              <tbody>
                ${installations}
              </tbody>
            </table>`
      }`,
  });
}
