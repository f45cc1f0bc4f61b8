import type { AppManifest } from "../../domain/app-manifest.js";
import type { Account, Session } from "../../domain/model.js";
import { html, type Html } from "../html.js";
import { csrfField, layout } from "../layout.js";
import { settingsBase } from "../paths.js";
import { permissionList } from "./repository-fields.js";

export interface ManifestView {
  /** The pending manifest's id, in the form's action. */
  id: string;
  owner: Account;
  manifest: AppManifest;
  /** The name in the field: the manifest's, or what the person typed. */
  name: string;
  error?: string;
}

/**
 * GitHub's "Create GitHub App for {owner}" page of the manifest flow: what the manifest registers, with
 * the name editable (GitHub's page lets the person rename the app), then Create, or Cancel.
 */
export function manifestPage(view: ManifestView, session: Session): Html {
  const { id, owner, manifest } = view;
  const action = `${settingsBase(owner)}/apps/new/manifests/${encodeURIComponent(id)}`;
  const row = (label: string, value: Html | string | null) =>
    value === null || value === ""
      ? null
      : html`<tr>
          <th>${label}</th>
          <td>${value}</td>
        </tr>`;
  return layout({
    title: `Create GitHub App for ${owner.login}`,
    session,
    body: html`<h1>Create GitHub App for ${owner.login}</h1>
      <p class="muted">
        A site has asked to register this GitHub App from its manifest. Nothing is created until you choose
        Create.
      </p>
      ${view.error && html`<p class="flash error" role="alert">${view.error}</p>`}
      <form method="post" action="${action}">
        ${csrfField(session)}
        <label for="name">GitHub App name</label>
        <input type="text" id="name" name="name" value="${view.name}" maxlength="34" required />
        <table id="manifest">
          <tbody>
            ${row("Homepage URL", manifest.url)} ${row("Description", manifest.description)}
            ${row("Webhook URL", manifest.hook && `${manifest.hook.url}${manifest.hook.active ? "" : " (inactive)"}`)}
            ${row("Who can install it", manifest.public ? "Any account" : `Only ${owner.login}`)}
            ${row("Afterwards you go to", manifest.redirectUrl)}
            ${row("Callback URLs (not used by hubcap)", manifest.callbackUrls.join(", "))}
            ${row("Setup URL (not used by hubcap)", manifest.setupUrl)}
          </tbody>
        </table>
        <h2>Permissions</h2>
        ${permissionList({ metadata: "read", ...manifest.permissions })}
        <h2>Events</h2>
        <p>
          ${manifest.events.length > 0 ? manifest.events.join(", ") : html`<span class="muted">None.</span>`}
        </p>
        <button type="submit">Create GitHub App for ${owner.login}</button>
      </form>
      <form method="post" action="${action}/cancel">
        ${csrfField(session)}<button type="submit" class="danger">Cancel</button>
      </form>`,
  });
}
