import type { Repository, RepositorySelection } from "../../domain/model.js";
import { html, type Html } from "../html.js";

/** GitHub's "Repository access" choice: all repositories, or only the checked ones. */
export function repositoryFields(
  repositories: Repository[],
  selection: RepositorySelection,
  selectedIds: Set<number>,
): Html {
  const boxes = repositories.map(
    (r) =>
      html`<div>
        <input
          type="checkbox"
          id="${`repo-${r.id}`}"
          name="repository_ids"
          value="${r.id}"
          ${selectedIds.has(r.id) && html` checked`}
        /><label class="inline" for="${`repo-${r.id}`}">${r.owner.login}/${r.name}</label>${
          r.private && html`<span class="muted">private</span>`
        }
      </div>`,
  );
  return html`<fieldset>
    <legend>Repository access</legend>
    <div>
      <input
        type="radio"
        id="selection_all"
        name="repository_selection"
        value="all"
        ${selection === "all" && html` checked`}
      /><label class="inline" for="selection_all">All repositories</label>
    </div>
    <div>
      <input
        type="radio"
        id="selection_selected"
        name="repository_selection"
        value="selected"
        ${selection === "selected" && html` checked`}
      /><label class="inline" for="selection_selected">Only select repositories</label>
    </div>
    ${repositories.length === 0 ? html`<p class="muted">This account has no repositories.</p>` : boxes}
  </fieldset>`;
}

/** A permission set as GitHub's pages list it: "Read and write access to issues". */
export function permissionList(permissions: Record<string, string>): Html {
  const entries = Object.entries(permissions).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return html`<p class="muted">No permissions.</p>`;
  const describe = (level: string) =>
    level === "read" ? "Read-only" : level === "write" ? "Read and write" : "Admin";
  return html`<ul>
    ${entries.map(([name, level]) => html`<li>${describe(level)} access to ${name.replace(/_/g, " ")}</li>`)}
  </ul>`;
}
