import type { App, Delivery, Session } from "../../domain/model.js";
import { when } from "../format.js";
import { html, type Html } from "../html.js";
import { layout } from "../layout.js";

function outcome(d: Delivery): Html {
  if (d.statusCode === null) return html`<span class="muted">pending</span>`;
  const ok = d.statusCode >= 200 && d.statusCode < 300;
  return html`<span class="${ok ? "ok" : "failed"}">${d.statusCode === 0 ? "failed" : d.statusCode}</span>`;
}

/** An app's recent deliveries, newest first, as GitHub's "Advanced" tab lists them. */
export function appDeliveriesPage(app: App, deliveries: Delivery[], session: Session, notice?: string): Html {
  const rows = deliveries.map(
    (d) =>
      html`<tr>
        <td>
          <a href="/hubcap/apps/${app.slug}/deliveries/${d.id}">${d.guid}</a
          >${d.redelivery && html` <span class="muted">(redelivery)</span>`}
        </td>
        <td>${d.event}${d.action && html`.${d.action}`}</td>
        <td>${outcome(d)}</td>
        <td>${when(d.deliveredAt ?? d.createdAt)}</td>
      </tr>`,
  );
  return layout({
    title: `${app.name}: recent deliveries`,
    session,
    body: html`<h1>${app.name}</h1>
      ${notice && html`<p class="flash" role="status">${notice}</p>`}
      <p class="muted">
        Owned by ${app.owner.login}. Webhook:
        ${app.webhookUrl ?? "none"}${!app.webhookActive && " (inactive)"}
      </p>
      <h2>Recent deliveries</h2>
      ${
        deliveries.length === 0
          ? html`<p class="muted">No deliveries yet.</p>`
          : html`<table>
              <thead>
                <tr>
                  <th>Delivery</th>
                  <th>Event</th>
                  <th>Status</th>
                  <th>Delivered</th>
                </tr>
              </thead>
              <tbody>
                ${rows}
              </tbody>
            </table>`
      }`,
  });
}
