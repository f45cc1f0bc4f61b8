import type { App, AppKey, ClientSecretInfo, Session } from "../../domain/model.js";
import { when } from "../format.js";
import { html, type Html } from "../html.js";
import { csrfField, layout } from "../layout.js";
import { appSettingsPath } from "../paths.js";
import { generalFields, permissionFields, type GeneralValues } from "./app-fields.js";

export interface AppSettingsView {
  app: App;
  hasWebhookSecret: boolean;
  keys: AppKey[];
  secrets: ClientSecretInfo[];
  notice?: string;
  error?: string;
  /** A client secret just made: shown this once. */
  newClientSecret?: string;
  /** What was typed into a refused general form, shown again instead of the app's settings. */
  typed?: GeneralValues;
}

/** Keys and client secrets are listed alike: what identifies each, when it was added, and Delete. */
function credentialTable(
  heading: string,
  items: Array<{ id: number; shown: string; createdAt: number }>,
  deleteBase: string,
  session: Session,
): Html {
  if (items.length === 0) return html``;
  return html`<table>
    <thead>
      <tr>
        <th>${heading}</th>
        <th>Added</th>
        <th></th>
      </tr>
    </thead>
    <tbody>
      ${items.map(
        (item) =>
          html`<tr>
            <td><code>${item.shown}</code></td>
            <td>${when(item.createdAt)}</td>
            <td>
              <form class="inline" method="post" action="${deleteBase}/${item.id}/delete">
                ${csrfField(session)}<button class="danger" type="submit">Delete</button>
              </form>
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function keysSection(base: string, keys: AppKey[], session: Session): Html {
  const items = keys.map((k) => ({ id: k.id, shown: k.fingerprint, createdAt: k.createdAt }));
  return html`<h2 id="private-keys">Private keys</h2>
    <p class="muted">A private key signs access token requests. hubcap keeps only its public half.</p>
    ${credentialTable("Fingerprint", items, `${base}/keys`, session)}
    <form method="post" action="${base}/keys">
      ${csrfField(session)}<button type="submit">Generate a private key</button>
    </form>`;
}

function secretsSection(base: string, view: AppSettingsView, session: Session): Html {
  const items = view.secrets.map((s) => ({ id: s.id, shown: `*****${s.lastEight}`, createdAt: s.createdAt }));
  return html`<h2 id="client-secrets">Client secrets</h2>
    ${
      view.newClientSecret &&
      html`<p class="flash" role="status">
        Copy your new client secret now; it will not be shown again:
        <code id="new-client-secret">${view.newClientSecret}</code>
      </p>`
    }
    ${credentialTable("Secret", items, `${base}/client_secrets`, session)}
    <form method="post" action="${base}/client_secrets">
      ${csrfField(session)}<button type="submit">Generate a new client secret</button>
    </form>`;
}

/** `/settings/apps/{slug}`: general settings and webhook, permissions and events, keys and secrets. */
export function appSettingsPage(view: AppSettingsView, session: Session): Html {
  const { app } = view;
  const base = appSettingsPath(app);
  const values: GeneralValues = view.typed ?? {
    name: app.name,
    description: app.description,
    externalUrl: app.externalUrl,
    public: app.public,
    webhookUrl: app.webhookUrl,
    webhookActive: app.webhookActive,
    hasWebhookSecret: view.hasWebhookSecret,
  };
  return layout({
    title: `${app.name} settings`,
    session,
    body: html`<h1>${app.name}</h1>
      ${view.notice && html`<p class="flash" role="status">${view.notice}</p>`}
      ${view.error && html`<p class="flash error" role="alert">${view.error}</p>`}
      <table>
        <tr>
          <th>Owned by</th>
          <td>${app.owner.login}</td>
        </tr>
        <tr>
          <th>App ID</th>
          <td id="app-id">${app.id}</td>
        </tr>
        <tr>
          <th>Client ID</th>
          <td id="client-id">${app.clientId}</td>
        </tr>
        <tr>
          <th>Public page</th>
          <td><a href="/apps/${app.slug}">/apps/${app.slug}</a></td>
        </tr>
        <tr>
          <th>Installations</th>
          <td>${app.installationsCount}</td>
        </tr>
      </table>
      <p>
        <a href="/apps/${app.slug}/installations/new">Install App</a> ·
        <a href="/hubcap/apps/${app.slug}">Recent deliveries</a>
      </p>
      <h2>General</h2>
      <form method="post" action="${base}">
        ${csrfField(session)} ${generalFields(values)}
        <div><button type="submit">Save changes</button></div>
      </form>
      <h2 id="permissions">Permissions &amp; events</h2>
      <p class="muted">
        Changed permissions are requested of each installation; an admin of its account accepts them.
      </p>
      <form method="post" action="${base}/permissions">
        ${csrfField(session)} ${permissionFields(app.permissions, app.events)}
        <div><button type="submit">Save permissions</button></div>
      </form>
      ${secretsSection(base, view, session)} ${keysSection(base, view.keys, session)}`,
  });
}
