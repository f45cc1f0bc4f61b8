import type { Account, App, Installation, Session } from "../../domain/model.js";
import { html, type Html } from "../html.js";
import { layout } from "../layout.js";
import { installationPath } from "../paths.js";

export interface InstallTarget {
  account: Account;
  installation: Installation | undefined;
}

/** "Install {app}: where do you want to install it?": the accounts the user may install on. */
export function installTargetsPage(
  app: App,
  targets: InstallTarget[],
  state: string | undefined,
  session: Session,
): Html {
  const stateParam = state ? `&state=${encodeURIComponent(state)}` : "";
  const rows = targets.map(
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
  return layout({
    title: `Install ${app.name}`,
    session,
    body: html`<h1>Install ${app.name}</h1>
      <p>Where do you want to install ${app.name}?</p>
      ${
        targets.length === 0
          ? html`<p class="muted">There is no account you may install this app on.</p>`
          : html`<table>
              <tbody>
                ${rows}
              </tbody>
            </table>`
      }`,
  });
}
