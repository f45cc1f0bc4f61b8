import type { App, Session } from "../../domain/model.js";
import type { AuthorizeRequest } from "../../domain/oauth/web-flow.js";
import { html, type Html } from "../html.js";
import { csrfField, layout } from "../layout.js";

const LEVELS = { read: "Read", write: "Read and write", admin: "Admin" } as const;

/** The request travels through the consent form unchanged, so the answer is to exactly what was asked. */
function requestFields(app: App, request: AuthorizeRequest): Html {
  const fields: Array<[string, string | undefined]> = [
    ["client_id", app.clientId],
    ["redirect_uri", request.redirectUri],
    ["state", request.state],
    ["code_challenge", request.codeChallenge],
    ["code_challenge_method", request.codeChallengeMethod],
  ];
  return html`${fields.map(([name, value]) =>
    value === undefined ? "" : html`<input type="hidden" name="${name}" value="${value}" />`,
  )}`;
}

/**
 * GitHub's "Authorize {app}" page: which app, by whom, for which account, what it will be able to do,
 * and where the answer goes. Authorizing sends the person back with a code; cancelling, with
 * `error=access_denied`.
 * https://docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-user-access-token-for-a-github-app
 */
export function authorizePage(
  app: App,
  request: AuthorizeRequest,
  redirectUri: string,
  session: Session,
): Html {
  const permissions = Object.entries(app.permissions).sort(([a], [b]) => a.localeCompare(b));
  const form = (answer: "authorize" | "cancel", label: string, className = "") =>
    html`<form class="inline" method="post" action="/login/oauth/authorize">
      ${csrfField(session)}${requestFields(app, request)}
      <input type="hidden" name="answer" value="${answer}" />
      <button type="submit" class="${className}" name="${answer}">${label}</button>
    </form>`;
  return layout({
    title: `Authorize ${app.name}`,
    session,
    body: html`<h1>Authorize ${app.name}</h1>
      <p><strong>${app.name}</strong> by <strong>${app.owner.login}</strong> would like permission to:</p>
      <ul>
        <li>Verify your GitHub identity (<strong>${session.user.login}</strong>)</li>
        <li>Know which resources you can access</li>
        <li>Act on your behalf, where the app is installed</li>
      </ul>
      <p>Where the app is installed and you have access, it may:</p>
      <table>
        <tbody>
          ${permissions.map(
            ([name, level]) =>
              html`<tr>
                <td>${name.replaceAll("_", " ")}</td>
                <td class="muted">${LEVELS[level]}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <p>${form("authorize", `Authorize ${app.name}`)} ${form("cancel", "Cancel", "danger")}</p>
      <p class="muted">Authorizing will redirect to <strong>${new URL(redirectUri).origin}</strong>.</p>`,
  });
}
