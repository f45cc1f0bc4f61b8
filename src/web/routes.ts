import type { Session } from "../domain/model.js";
import type { PageContext, PageReply, PageRoute } from "./page-route.js";
import type { AnyPathParams, ParamName, ParamNames, PathParams } from "./path-params.js";
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

type SignIn = PageRoute["signIn"];
/** A path whose parameters all have a parser: `never` (so, a compile error) otherwise. */
type KnownPath<Path extends string> = [Exclude<ParamNames<Path>, ParamName>] extends [never] ? Path : never;
/** The session a route guarantees its handler: signed-in pages are typed with it. */
type SessionOf<In extends SignIn> = In extends "required" ? Session : Session | undefined;
type Handler<S extends Session | undefined, P extends AnyPathParams> = (
  ctx: PageContext<S, P>,
) => Promise<PageReply>;

/**
 * A page: its handler is typed with the session the route guarantees and the parameters its path
 * holds, parsed by name (path-params.ts); a handler asking for a parameter its path lacks does not compile.
 */
function page<const Path extends string, const In extends SignIn>(
  route: Omit<PageRoute, "path" | "signIn" | "handler"> & {
    /** Every `{name}` in it is one path-params.ts reads. */
    path: Path & KnownPath<Path>;
    signIn: In;
    handler: Handler<SessionOf<In>, PathParams<Path>>;
  },
): PageRoute {
  return { ...route, handler: route.handler as PageRoute["handler"] };
}

/**
 * A settings page, at a user's `/settings/...` and at an organization's
 * `/organizations/{org}/settings/...`, as GitHub keeps both (the handler tells them apart by `org`).
 */
function settings<const Path extends string>(
  method: PageRoute["method"],
  path: Path & KnownPath<Path>,
  handler: Handler<Session, PathParams<Path> & { org?: string }>,
): PageRoute[] {
  return ["/settings", "/organizations/{org}/settings"].map((base) => ({
    method,
    path: `${base}${path}`,
    signIn: "required",
    handler: handler as PageRoute["handler"],
  }));
}

/**
 * THE page table: every page hubcap serves, at the paths GitHub's web interface uses where GitHub has
 * the page, and under `/hubcap` where it is hubcap's own. Pages live at the host root only.
 */
export const pageRoutes: PageRoute[] = [
  // Signing in
  page({ method: "GET", path: "/login", signIn: "optional", handler: session.showLogin }),
  // The sign-in form has no session yet: it carries its own token (a double-submit cookie).
  page({ method: "POST", path: "/login", signIn: "optional", csrf: false, handler: session.login }),
  page({ method: "POST", path: "/logout", signIn: "required", handler: session.logout }),

  // Signing in with GitHub: the web flow's consent page (it checks the request before asking anyone
  // to sign in) and the device flow's code entry (https://docs.github.com/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps)
  page({
    method: "GET",
    path: "/login/oauth/authorize",
    signIn: "optional",
    handler: oauthAuthorize.showAuthorize,
  }),
  page({
    method: "POST",
    path: "/login/oauth/authorize",
    signIn: "required",
    handler: oauthAuthorize.answerAuthorize,
  }),
  page({ method: "GET", path: "/login/device", signIn: "required", handler: device.showDevice }),
  page({ method: "POST", path: "/login/device", signIn: "required", handler: device.checkDeviceCode }),
  page({
    method: "POST",
    path: "/login/device/authorize",
    signIn: "required",
    handler: device.answerDevice,
  }),

  // hubcap's own: the world at a glance, and each app's webhook deliveries. A browser opening the root
  // (the URL the banner prints) is sent to the overview; API clients keep the root's JSON.
  page({ method: "GET", path: "/", signIn: "optional", htmlOnly: true, handler: overview.toOverview }),
  page({ method: "GET", path: "/hubcap", signIn: "required", handler: overview.showOverview }),
  page({
    method: "GET",
    path: "/hubcap/apps/{app_slug}",
    signIn: "required",
    handler: deliveries.listDeliveries,
  }),
  page({
    method: "GET",
    path: "/hubcap/apps/{app_slug}/deliveries/{delivery_id}",
    signIn: "required",
    handler: deliveries.getDelivery,
  }),
  page({
    method: "POST",
    path: "/hubcap/apps/{app_slug}/deliveries/{delivery_id}/attempts",
    signIn: "required",
    handler: deliveries.redeliver,
  }),

  // Registering and configuring apps. The registration form posts to `/settings/apps`;
  // `POST /settings/apps/new` is the manifest flow's (https://docs.github.com/apps/sharing-github-apps/registering-a-github-app-from-a-manifest).
  ...settings("GET", "/apps", appSettings.listApps),
  ...settings("GET", "/apps/new", appSettings.showNewApp),
  ...settings("POST", "/apps", appSettings.registerApp),
  ...(["/settings", "/organizations/{org}/settings"] as const).map((base) =>
    page({
      method: "POST",
      path: `${base}/apps/new`,
      signIn: "optional",
      crossSite: true,
      handler: appManifest.receiveManifest,
    }),
  ),
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
  page({
    method: "GET",
    path: "/apps/{app_slug}",
    signIn: "optional",
    htmlOnly: true,
    handler: install.showApp,
  }),
  page({
    method: "GET",
    path: "/apps/{app_slug}/installations/new",
    signIn: "required",
    handler: install.chooseAccount,
  }),
  page({
    method: "GET",
    path: "/apps/{app_slug}/installations/new/permissions",
    signIn: "required",
    handler: install.chooseRepositories,
  }),
  page({
    method: "POST",
    path: "/apps/{app_slug}/installations",
    signIn: "required",
    handler: install.install,
  }),
  page({
    method: "POST",
    path: "/apps/{app_slug}/installations/requests",
    signIn: "required",
    handler: install.requestInstallation,
  }),

  // An installation's settings (the installation's `html_url`)
  ...settings("GET", "/installations", installationSettings.listInstallations),
  ...settings("GET", "/installations/{installation_id}", installationSettings.showInstallation),
  ...settings("POST", "/installations/{installation_id}", installationSettings.updateRepositories),
  ...settings("POST", "/installations/{installation_id}/permissions", installationSettings.acceptPermissions),
  ...settings("POST", "/installations/{installation_id}/suspend", installationSettings.suspend),
  ...settings("POST", "/installations/{installation_id}/unsuspend", installationSettings.unsuspend),
  ...settings("POST", "/installations/{installation_id}/delete", installationSettings.uninstall),
];
