import type { Account, Installation, Session } from "../../domain/model.js";
import { html, type Html } from "../html.js";
import { layout } from "../layout.js";
import { installationPath } from "../paths.js";

/** `/settings/installations`: the apps installed on an account. */
export function installationsListPage(
  account: Account,
  installations: Installation[],
  notice: string | undefined,
  session: Session,
): Html {
  const rows = installations.map(
    (i) =>
      html`<tr>
        <td>${i.appSlug}</td>
        <td>${i.suspendedAt === null ? "" : "suspended"}</td>
        <td><a href="${installationPath(i)}">Configure</a></td>
      </tr>`,
  );
  return layout({
    title: "Installed GitHub Apps",
    session,
    body: html`<h1>Installed GitHub Apps of ${account.login}</h1>
      ${notice && html`<p class="flash" role="status">${notice}</p>`}
      ${
        installations.length === 0
          ? html`<p class="muted">No GitHub Apps are installed.</p>`
          : html`<table>
              <tbody>
                ${rows}
              </tbody>
            </table>`
      }`,
  });
}
