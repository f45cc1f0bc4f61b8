import type { App, Installation, Repository, Session } from "../../domain/model.js";
import { when } from "../format.js";
import { html, type Html } from "../html.js";
import { csrfField, layout } from "../layout.js";
import { installationPath } from "../paths.js";
import { permissionList, repositoryFields } from "./repository-fields.js";

export interface InstallationView {
  installation: Installation;
  app: App;
  /** The account's repositories to choose from, and those the installation has now. */
  repositories: Repository[];
  selectedIds: Set<number>;
  /** The app asks for other permissions or events than the installation granted. */
  pending: boolean;
  notice?: string;
  error?: string;
}

/** `/settings/installations/{id}`: what an installed app may reach, and what an admin may change. */
export function installationPage(view: InstallationView, session: Session): Html {
  const { installation, app } = view;
  const path = installationPath(installation);
  const suspended = installation.suspendedAt !== null;
  return layout({
    title: `${app.name} on ${installation.account.login}`,
    session,
    body: html`<h1>${app.name}</h1>
      ${view.notice && html`<p class="flash" role="status">${view.notice}</p>`}
      ${view.error && html`<p class="flash error" role="alert">${view.error}</p>`}
      <p class="muted">
        Installed on ${installation.account.login} ${when(installation.createdAt)} · installation
        <span id="installation-id">${installation.id}</span> · <a href="/apps/${app.slug}">app page</a>
      </p>
      ${
        suspended &&
        html`<p class="flash error" id="suspended">
          Suspended
          ${when(installation.suspendedAt)}${
            installation.suspendedBy && ` by ${installation.suspendedBy.login}`
          }.
        </p>`
      }
      <h2>Permissions</h2>
      ${permissionList(installation.permissions)}
      ${
        view.pending &&
        html`<div class="flash" id="pending-permissions">
          <p>${app.name} is requesting updated permissions:</p>
          ${permissionList(app.permissions)}
          ${app.events.length > 0 && html`<p>and these events: ${app.events.join(", ")}</p>`}
          <form method="post" action="${path}/permissions">
            ${csrfField(session)}<button type="submit">Accept new permissions</button>
          </form>
        </div>`
      }
      <h2>Repository access</h2>
      <form method="post" action="${path}">
        ${csrfField(session)}
        ${repositoryFields(view.repositories, installation.repositorySelection, view.selectedIds)}
        <button type="submit">Save</button>
      </form>
      <h2>Danger zone</h2>
      <form method="post" action="${path}/${suspended ? "unsuspend" : "suspend"}">
        ${csrfField(session)}<button class="danger" type="submit">
          ${suspended ? "Unsuspend" : "Suspend"}
        </button>
      </form>
      <form method="post" action="${path}/delete">
        ${csrfField(session)}<button class="danger" type="submit">Uninstall</button>
      </form>`,
  });
}
