import type { App, Delivery, Session } from "../../domain/model.js";
import { prettyJson, when } from "../format.js";
import { html, type Html } from "../html.js";
import { csrfField, layout } from "../layout.js";

function headers(values: Record<string, string> | null): Html {
  if (!values) return html`<p class="muted">None recorded.</p>`;
  return html`<pre>
${Object.entries(values)
      .map(([name, value]) => `${name}: ${value}`)
      .join("\n")}</pre>`;
}

/** One delivery: the request as sent (headers and pretty-printed payload) and the receiver's response. */
export function deliveryPage(app: App, d: Delivery, session: Session): Html {
  return layout({
    title: `Delivery ${d.guid}`,
    session,
    body: html`<p><a href="/hubcap/apps/${app.slug}">${app.name}: recent deliveries</a></p>
      <h1>${d.event}${d.action && html`.${d.action}`}</h1>
      <table>
        <tr>
          <th>Delivery</th>
          <td>${d.guid}${d.redelivery && " (redelivery)"}</td>
        </tr>
        <tr>
          <th>URL</th>
          <td>${d.url ?? "none"}</td>
        </tr>
        <tr>
          <th>Status</th>
          <td>${d.status ?? "pending"}${d.statusCode !== null && ` (${d.statusCode})`}</td>
        </tr>
        <tr>
          <th>Delivered</th>
          <td>${when(d.deliveredAt)}${d.duration !== null && ` in ${d.duration.toFixed(2)} s`}</td>
        </tr>
      </table>
      <form method="post" action="/hubcap/apps/${app.slug}/deliveries/${d.id}/attempts">
        ${csrfField(session)}<button type="submit">Redeliver</button>
      </form>
      <h2>Request</h2>
      <h3>Headers</h3>
      ${headers(d.requestHeaders)}
      <h3>Payload</h3>
      <pre id="payload">${prettyJson(d.payload)}</pre>
      <h2>Response</h2>
      <h3>Headers</h3>
      ${headers(d.responseHeaders)}
      <h3>Body</h3>
      <pre id="response-body">${d.responseBody ?? ""}</pre>`,
  });
}
