import { PERMISSION_LEVELS } from "../../domain/permissions.js";
import { OFFERED_EVENTS, permissionField } from "../app-form.js";
import { html, type Html } from "../html.js";

/** What the general fields show: an app's settings, or what was typed into a refused form. */
export interface GeneralValues {
  name: string;
  description: string | null;
  externalUrl: string;
  public: boolean;
  webhookUrl: string | null;
  webhookActive: boolean;
  /** Whether a webhook secret is set (it is never shown). */
  hasWebhookSecret: boolean;
}

const checked = (on: boolean) => on && html` checked`;

/** Name, description, homepage, visibility and webhook: the top of GitHub's app form. */
export function generalFields(v: GeneralValues): Html {
  return html`<label for="name">GitHub App name</label>
    <input type="text" id="name" name="name" value="${v.name}" maxlength="34" required />
    <label for="description">Description</label>
    <textarea id="description" name="description" rows="3">${v.description ?? ""}</textarea>
    <label for="url">Homepage URL</label>
    <input type="url" id="url" name="url" value="${v.externalUrl}" />
    <fieldset>
      <legend>Where can this GitHub App be installed?</legend>
      <input type="radio" id="public_false" name="public" value="false" ${checked(!v.public)} /><label
        class="inline"
        for="public_false"
        >Only on this account</label
      >
      <input type="radio" id="public_true" name="public" value="true" ${checked(v.public)} /><label
        class="inline"
        for="public_true"
        >Any account</label
      >
    </fieldset>
    <fieldset>
      <legend>Webhook</legend>
      <input
        type="checkbox"
        id="webhook_active"
        name="webhook_active"
        value="1"
        ${checked(v.webhookActive)}
      /><label class="inline" for="webhook_active">Active</label>
      <label for="webhook_url">Webhook URL</label>
      <input type="url" id="webhook_url" name="webhook_url" value="${v.webhookUrl ?? ""}" />
      <label for="webhook_secret"
        >Webhook secret${v.hasWebhookSecret && " (set; leave blank to keep it)"}</label
      >
      <input type="password" id="webhook_secret" name="webhook_secret" autocomplete="new-password" />
    </fieldset>`;
}

/** A level per permission ("No access" by default) and the events to subscribe to. */
/** `permissions` as the app has them, or as typed into a refused form (levels not yet judged). */
export function permissionFields(permissions: Readonly<Record<string, string>>, events: string[]): Html {
  const rows = Object.entries(PERMISSION_LEVELS).map(
    ([name, levels]) =>
      html`<tr>
        <td><label class="inline" for="${`perm-${name}`}">${name.replace(/_/g, " ")}</label></td>
        <td>
          <select id="${`perm-${name}`}" name="${permissionField(name)}">
            <option value="">No access</option>
            ${levels.map(
              (level) =>
                html`<option value="${level}" ${permissions[name] === level && html` selected`}>
                  ${level}
                </option>`,
            )}
          </select>
        </td>
      </tr>`,
  );
  const offered = [...new Set<string>([...OFFERED_EVENTS, ...events])];
  const boxes = offered.map(
    (event) =>
      html`<span
        ><input
          type="checkbox"
          id="${`event-${event}`}"
          name="events"
          value="${event}"
          ${checked(events.includes(event))}
        /><label class="inline" for="${`event-${event}`}">${event}</label></span
      > `,
  );
  return html`<fieldset>
      <legend>Permissions</legend>
      <table>
        <tbody>
          ${rows}
        </tbody>
      </table>
    </fieldset>
    <fieldset>
      <legend>Subscribe to events</legend>
      ${boxes}
    </fieldset>`;
}
