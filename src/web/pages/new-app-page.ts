import type { Account, Session } from "../../domain/model.js";
import { html, type Html } from "../html.js";
import { csrfField, layout } from "../layout.js";
import { settingsBase } from "../paths.js";
import { generalFields, permissionFields, type GeneralValues } from "./app-fields.js";

export interface NewAppForm {
  values: GeneralValues;
  /** As typed: a refused form shows its choices again, valid or not. */
  permissions: Readonly<Record<string, string>>;
  events: string[];
  error?: string;
}

/** GitHub's "Register new GitHub App" form, for a user or an organization. */
export function newAppPage(owner: Account, form: NewAppForm, session: Session): Html {
  return layout({
    title: "Register new GitHub App",
    session,
    body: html`<h1>Register new GitHub App</h1>
      <p class="muted">Owned by ${owner.login}</p>
      ${form.error && html`<p class="flash error" role="alert">${form.error}</p>`}
      <form method="post" action="${settingsBase(owner)}/apps">
        ${csrfField(session)} ${generalFields(form.values)} ${permissionFields(form.permissions, form.events)}
        <div><button type="submit">Create GitHub App</button></div>
      </form>`,
  });
}
