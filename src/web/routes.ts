import type { Session } from "../domain/model.js";
import type { PageContext, PageReply, PageRoute } from "./page-route.js";
import * as appCredentials from "./routes/app-credentials.js";
import * as appManifest from "./routes/app-manifest.js";
import * as appSettings from "./routes/app-settings.js";
import * as deliveries from "./routes/deliveries.js";
import * as device from "./routes/device.js";
import * as install from "./routes/install.js";
import * as installationSettings from "./routes/installation-settings.js";
import * as oauthAuthorize from "./routes/oauth-authorize.js";
import * as overview from "./routes/overview.js";
import * as session from "./routes/session.js";

/** Handlers of signed-in pages are typed with the session their route guarantees. */
const signedIn = (fn: (ctx: PageContext<Session>) => Promise<PageReply>) => fn as PageRoute["handler"];

/**
 * A settings page, at a user's `/settings/...` and at an organization's
 * `/organizations/{org}/settings/...`, as GitHub keeps both (the handler tells them apart by `org`).
 */
function settings(
  method: PageRoute["method"],
  path: string,
  handler: (ctx: PageContext<Session>) => Promise<PageReply>,
): PageRoute[] {
  return ["/settings", "/organizations/{org}/settings"].map((base) => ({
    method,
    path: `${base}${path}`,
    signIn: "required",
    handler: signedIn(handler),
  }));
}

/**
 * THE page table: every page hubcap serves, at the paths GitHub's web interface uses where GitHub has
 * the page, and under `/hubcap` where it is hubcap's own. Pages live at the host root only.
 */
export const pageRoutes: PageRoute[] = [
  // Signing in
  { method: "GET", path: "/login", signIn: "optional", handler: session.showLogin },
  // The sign-in form has no session yet: it carries its own token (a double-submit cookie).
  { method: "POST", path: "/login", signIn: "optional", csrf: false, handler: session.login },
  { method: "POST", path: "/logout", signIn: "required", handler: signedIn(session.logout) },

  // Signing in with GitHub: the web flow's consent page (it checks the request before asking anyone
  // to sign in) and the device flow's code entry (https://docs.github.com/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps)
  {
    method: "GET",
    path: "/login/oauth/authorize",
    signIn: "optional",
    handler: oauthAuthorize.showAuthorize,
  },
  {
    method: "POST",
    path: "/login/oauth/authorize",
    signIn: "required",
    handler: signedIn(oauthAuthorize.answerAuthorize),
  },
  { method: "GET", path: "/login/device", signIn: "required", handler: signedIn(device.showDevice) },
  { method: "POST", path: "/login/device", signIn: "required", handler: signedIn(device.checkDeviceCode) },
  {
    method: "POST",
    path: "/login/device/authorize",
    signIn: "required",
    handler: signedIn(device.answerDevice),
  },

  // hubcap's own: the world at a glance, and each app's webhook deliveries
  { method: "GET", path: "/hubcap", signIn: "required", handler: signedIn(overview.showOverview) },
  {
    method: "GET",
    path: "/hubcap/apps/{app_slug}",
    signIn: "required",
    handler: signedIn(deliveries.listDeliveries),
  },
  {
    method: "GET",
    path: "/hubcap/apps/{app_slug}/deliveries/{delivery_id}",
    signIn: "required",
    handler: signedIn(deliveries.getDelivery),
  },

  // Registering and configuring apps. The registration form posts to `/settings/apps`;
  // `POST /settings/apps/new` is the manifest flow's (https://docs.github.com/apps/sharing-github-apps/registering-a-github-app-from-a-manifest).
  ...settings("GET", "/apps", appSettings.listApps),
  ...settings("GET", "/apps/new", appSettings.showNewApp),
  ...settings("POST", "/apps", appSettings.registerApp),
  ...["/settings", "/organizations/{org}/settings"].map((base): PageRoute => ({
    method: "POST",
    path: `${base}/apps/new`,
    signIn: "optional",
    crossSite: true,
    handler: appManifest.receiveManifest,
  })),
  ...settings("GET", "/apps/new/manifests/{manifest_id}", appManifest.showManifest),
  ...settings("POST", "/apps/new/manifests/{manifest_id}", appManifest.createFromManifest),
  ...settings("POST", "/apps/new/manifests/{manifest_id}/cancel", appManifest.cancelManifest),
  ...settings("GET", "/apps/{app_slug}", appSettings.showApp),
  ...settings("POST", "/apps/{app_slug}", appSettings.updateApp),
  ...settings("POST", "/apps/{app_slug}/permissions", appSettings.updatePermissions),
  ...settings("POST", "/apps/{app_slug}/keys", appCredentials.generateKey),
  ...settings("POST", "/apps/{app_slug}/keys/{key_id}/delete", appCredentials.deleteKey),
  ...settings("POST", "/apps/{app_slug}/client_secrets", appCredentials.createClientSecret),
  ...settings(
    "POST",
    "/apps/{app_slug}/client_secrets/{secret_id}/delete",
    appCredentials.deleteClientSecret,
  ),

  // Installing: the app's page (its `html_url`, shared with `GET /apps/{app_slug}` of the API) and the
  // install flow octokit's `getInstallationUrl()` starts (`{html_url}/installations/new`).
  { method: "GET", path: "/apps/{app_slug}", signIn: "optional", htmlOnly: true, handler: install.showApp },
  {
    method: "GET",
    path: "/apps/{app_slug}/installations/new",
    signIn: "required",
    handler: signedIn(install.chooseAccount),
  },
  {
    method: "GET",
    path: "/apps/{app_slug}/installations/new/permissions",
    signIn: "required",
    handler: signedIn(install.chooseRepositories),
  },
  {
    method: "POST",
    path: "/apps/{app_slug}/installations",
    signIn: "required",
    handler: signedIn(install.install),
  },
  {
    method: "POST",
    path: "/apps/{app_slug}/installations/requests",
    signIn: "required",
    handler: signedIn(install.requestInstallation),
  },

  // An installation's settings (the installation's `html_url`)
  ...settings("GET", "/installations", installationSettings.listInstallations),
  ...settings("GET", "/installations/{installation_id}", installationSettings.showInstallation),
  ...settings("POST", "/installations/{installation_id}", installationSettings.updateRepositories),
  ...settings("POST", "/installations/{installation_id}/permissions", installationSettings.acceptPermissions),
  ...settings("POST", "/installations/{installation_id}/suspend", installationSettings.suspend),
  ...settings("POST", "/installations/{installation_id}/unsuspend", installationSettings.unsuspend),
  ...settings("POST", "/installations/{installation_id}/delete", installationSettings.uninstall),
];
