import type { Session } from "../../domain/model.js";
import type { PageContext, PageReply } from "../page-route.js";
import { overviewPage } from "../pages/overview-page.js";

/** `GET /hubcap`: hubcap's own page (GitHub has none): the world, as the signed-in user may see it. */
export async function showOverview(ctx: PageContext<Session>): Promise<PageReply> {
  return { html: overviewPage(await ctx.hub.access.worldOverview(ctx.session.user), ctx.session) };
}

/** `GET /` from a browser: GitHub shows its dashboard there; hubcap's is the overview. */
export async function toOverview(): Promise<PageReply> {
  return { redirect: "/hubcap" };
}
