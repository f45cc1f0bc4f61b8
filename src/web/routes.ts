import type { Session } from "../domain/model.js";
import type { PageContext, PageReply, PageRoute } from "./page-route.js";
import * as deliveries from "./routes/deliveries.js";
import * as overview from "./routes/overview.js";
import * as session from "./routes/session.js";

/** Handlers of signed-in pages are typed with the session their route guarantees. */
const signedIn = (fn: (ctx: PageContext<Session>) => Promise<PageReply>) => fn as PageRoute["handler"];

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
];
