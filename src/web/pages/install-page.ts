import type { Account, App, Repository, RepositorySelection, Session } from "../../domain/model.js";
import { html, type Html } from "../html.js";
import { csrfField, layout } from "../layout.js";
import { permissionList, repositoryFields } from "./repository-fields.js";

export interface InstallChoice {
  selection: RepositorySelection;
  selectedIds: Set<number>;
  error?: string;
}

/** "Install & Authorize": what the app asks for, and which repositories of the account it gets. */
export function installPage(
  app: App,
  account: Account,
  repositories: Repository[],
  choice: InstallChoice,
  state: string | undefined,
  session: Session,
): Html {
  return layout({
    title: `Install ${app.name}`,
    session,
    body: html`<h1>Install ${app.name} on ${account.login}</h1>
      ${choice.error && html`<p class="flash error" role="alert">${choice.error}</p>`}
      <form method="post" action="/apps/${app.slug}/installations">
        ${csrfField(session)}
        <input type="hidden" name="target_id" value="${account.id}" />
        ${state && html`<input type="hidden" name="state" value="${state}" />`}
        ${repositoryFields(repositories, choice.selection, choice.selectedIds)}
        <h2>with these permissions</h2>
        ${permissionList(app.permissions)}
        ${app.events.length > 0 && html`<p>and these events: ${app.events.join(", ")}</p>`}
        <button type="submit">Install</button>
      </form>`,
  });
}
