import { NotFoundError } from "../../domain/errors.js";
import type { Session } from "../../domain/model.js";
import type { PageContext, PageReply } from "../page-route.js";
import { deviceAuthorizePage, deviceCodePage, deviceDonePage } from "../pages/device-page.js";

/** `GET /login/device`: where the device flow sends people (`verification_uri`) to type their code. */
export async function showDevice(ctx: PageContext<Session>): Promise<PageReply> {
  return { html: deviceCodePage(ctx.session, { userCode: ctx.query.text("user_code") }) };
}

/** `POST /login/device`: the code typed; a valid one shows which app asks, for whom. */
export async function checkDeviceCode(ctx: PageContext<Session>): Promise<PageReply> {
  const typed = (ctx.form.text("user_code") ?? "").slice(0, 64);
  try {
    const { request, app } = await ctx.hub.oauth.findPendingDevice(typed);
    return { html: deviceAuthorizePage(app, request.userCode, ctx.session) };
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    return { status: 404, html: deviceCodePage(ctx.session, { userCode: typed, error: error.message }) };
  }
}

/** `POST /login/device/authorize`: the person's answer; the device's next poll hears it. */
export async function answerDevice(ctx: PageContext<Session>): Promise<PageReply> {
  const userCode = ctx.form.text("user_code") ?? "";
  const authorize = ctx.form.text("answer") === "authorize";
  const app = authorize
    ? await ctx.hub.oauth.approveDevice(userCode, ctx.session.user)
    : await ctx.hub.oauth.denyDevice(userCode);
  return { html: deviceDonePage(app, authorize, ctx.session) };
}
