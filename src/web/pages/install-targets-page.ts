import type { Account, App, Installation, Session } from "../../domain/model.js";
import { html, type Html } from "../html.js";
import { csrfField, layout } from "../layout.js";
import { installationPath } from "../paths.js";

export interface InstallTarget {
  account: Account;
  installation: Installation | undefined;
}

/** An organization where the user may only request the app (a member, not an admin). */
export interface RequestTarget {
  account: Account;
  installed: boolean;
  /** The user has asked already; the request waits for an admin. */
  requested: boolean;
}

export interface InstallTargetsView {
  targets: InstallTarget[];
  requests: RequestTarget[];
  state: string | undefined;
  notice: string | undefined;
}

/** "Install {app}: where do you want to install it?": the accounts the user may install on, or ask for. */
export function installTargetsPage(app: App, view: InstallTargetsView, session: Session): Html {
  const stateParam = view.state ? `&state=${encodeURIComponent(view.state)}` : "";
  const rows = view.targets.map(
    ({ account, installation }) =>
      html`<tr>
        <td>${account.login}</td>
        <td class="muted">${account.type === "Organization" ? "organization" : "your account"}</td>
        <td>
          ${
            installation
              ? html`<a href="${installationPath(installation)}">Configure</a>`
              : html`<a
                  href="/apps/${app.slug}/installations/new/permissions?target_id=${account.id}${stateParam}"
                  >Install</a
                >`
          }
        </td>
      </tr>`,
  );
  const requestRows = view.requests.map(
    ({ account, installed, requested }) =>
      html`<tr>
        <td>${account.login}</td>
        <td class="muted">organization · an owner must approve</td>
        <td>
          ${
            installed
              ? html`<span class="muted">Installed</span>`
              : requested
                ? html`<span class="muted">Requested</span>`
                : html`<form class="inline" method="post" action="/apps/${app.slug}/installations/requests">
                    ${csrfField(session)}
                    <input type="hidden" name="target_id" value="${account.id}" />
                    <button type="submit">Request</button>
                  </form>`
          }
        </td>
      </tr>`,
  );
  const none = view.targets.length === 0 && view.requests.length === 0;
  return layout({
    title: `Install ${app.name}`,
    session,
    body: html`<h1>Install ${app.name}</h1>
      ${view.notice && html`<p class="flash" role="status">${view.notice}</p>`}
      <p>Where do you want to install ${app.name}?</p>
      ${
        none
          ? html`<p class="muted">There is no account you may install this app on.</p>`
          : html`<table id="install-targets">
              <tbody>
                ${rows} ${requestRows}
              </tbody>
            </table>`
      }`,
  });
}
