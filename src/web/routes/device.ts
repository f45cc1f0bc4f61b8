import { NotFoundError } from "../../domain/errors.js";
import { deviceCodeLimits, TOO_MANY_DEVICE_CODES } from "../../domain/failure-throttle.js";
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
    const { request, app } = await throttled(ctx, () => ctx.hub.oauth.findPendingDevice(typed));
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
  const app = await throttled(ctx, () =>
    authorize ? ctx.hub.oauth.approveDevice(userCode, ctx.session.user) : ctx.hub.oauth.denyDevice(userCode),
  );
  return { html: deviceDonePage(app, authorize, ctx.session) };
}

/**
 * A user code is a secret of the device that shows it: a person who types codes that match nothing is
 * held off (per account), so that nobody can find and answer other people's requests by guessing.
 */
async function throttled<T>(ctx: PageContext<Session>, find: () => Promise<T>): Promise<T> {
  const succeeded = await ctx.hub.failures.attempt(
    deviceCodeLimits(ctx.session.user.id),
    TOO_MANY_DEVICE_CODES,
  );
  try {
    const found = await find();
    await succeeded();
    return found;
  } catch (error) {
    if (!(error instanceof NotFoundError)) await succeeded();
    throw error;
  }
}
