import type { App, Session } from "../../domain/model.js";
import { html, type Html } from "../html.js";
import { csrfField, layout } from "../layout.js";

/** "Device activation": the person types the code their device shows. */
export function deviceCodePage(session: Session, options: { userCode?: string; error?: string } = {}): Html {
  return layout({
    title: "Device activation",
    session,
    body: html`<h1>Device activation</h1>
      ${options.error && html`<p class="flash error" role="alert">${options.error}</p>`}
      <p>Enter the code displayed on your device.</p>
      <form method="post" action="/login/device">
        ${csrfField(session)}
        <label for="user_code">Code</label>
        <input
          type="text"
          id="user_code"
          name="user_code"
          value="${options.userCode ?? ""}"
          placeholder="XXXX-XXXX"
          autocomplete="off"
          autofocus
          required
        />
        <div><button type="submit">Continue</button></div>
      </form>`,
  });
}

/** "Authorize {app}" for a device: the app asking, and the account it will act for. */
export function deviceAuthorizePage(app: App, userCode: string, session: Session): Html {
  const form = (answer: "authorize" | "deny", label: string, className = "") =>
    html`<form class="inline" method="post" action="/login/device/authorize">
      ${csrfField(session)}
      <input type="hidden" name="user_code" value="${userCode}" />
      <input type="hidden" name="answer" value="${answer}" />
      <button type="submit" class="${className}">${label}</button>
    </form>`;
  return layout({
    title: `Authorize ${app.name}`,
    session,
    body: html`<h1>Authorize ${app.name}</h1>
      <p>
        A device showing the code <strong>${userCode}</strong> asks for <strong>${app.name}</strong> by
        <strong>${app.owner.login}</strong> to act on behalf of <strong>${session.user.login}</strong>.
      </p>
      <p>${form("authorize", `Authorize ${app.name}`)} ${form("deny", "Cancel", "danger")}</p>`,
  });
}

/** What the person sees once they answered: the device carries on by itself. */
export function deviceDonePage(app: App, authorized: boolean, session: Session): Html {
  return layout({
    title: authorized ? "Device connected" : "Access denied",
    session,
    body: authorized
      ? html`<h1>Congratulations, you're all set!</h1>
          <p>Your device is now connected to ${app.name}.</p>`
      : html`<h1>Access denied</h1>
          <p>${app.name} was not authorized. You can close this page.</p>`,
  });
}
