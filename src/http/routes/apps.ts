import type { AppViewer } from "../../domain/access.js";
import type { AppPrincipal } from "../../domain/app-auth.js";
import { pageParams } from "../pagination.js";
import type { Context, Principal, Reply } from "../route.js";
import { installationRequest } from "../../serialize/installation-request.js";
import { integration } from "../../serialize/app.js";

/** GET /app */
export async function getAuthenticated(ctx: Context<AppPrincipal>): Promise<Reply> {
  const app = await ctx.hub.appRegistry.getById(ctx.principal.appId);
  return { body: integration(app, ctx.urls, { installationsCount: true }) };
}

/** GET /apps/{app_slug} — public apps need no credential; a private one shows only to its own. */
export async function getBySlug(ctx: Context<Principal | undefined, { app_slug: string }>): Promise<Reply> {
  const p = ctx.principal;
  const viewer: AppViewer =
    p?.kind === "app"
      ? { kind: "app", appId: p.appId }
      : p?.kind === "installation"
        ? { kind: "installation", appId: p.token.installation.appId }
        : p?.kind === "user" || p?.kind === "user-access"
          ? { kind: "user", user: p.token.user }
          : undefined;
  const app = await ctx.hub.appRegistry.getVisible(ctx.params.app_slug, viewer);
  return { body: integration(app, ctx.urls) };
}

/** GET /app/installation-requests — organization members' requests to install the app. */
export async function listInstallationRequestsForAuthenticatedApp(
  ctx: Context<AppPrincipal>,
): Promise<Reply> {
  const { page, perPage, rows } = pageParams(ctx.query);
  const found = await ctx.hub.installationRequests.list(ctx.principal.appId, rows);
  return {
    body: found.items.map((r) => installationRequest(r, ctx.urls)),
    page: { page, perPage, total: found.total },
  };
}
