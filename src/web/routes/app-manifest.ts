import { NotFoundError, ValidationError } from "../../domain/errors.js";
import type { Account, Session } from "../../domain/model.js";
import { PageError } from "../page-error.js";
import type { PageContext, PageReply } from "../page-route.js";
import { manifestErrorsPage } from "../pages/manifest-errors-page.js";
import { manifestPage } from "../pages/manifest-page.js";
import { appSettingsPath, settingsBase } from "../paths.js";
import { settingsOwner, type OwnerParams } from "./app-settings.js";

/** A pending manifest's page, under its owner's settings. */
type ManifestParams = OwnerParams & { manifest_id: string };

/** The `state` the app passes through: a form field, or in the form's action as GitHub's docs show it. */
function stateOf(ctx: PageContext): string | null {
  const state = ctx.form.text("state") ?? ctx.query.text("state");
  if (state !== undefined && state.length > 1024) throw new PageError(400, "The state is too long.");
  return state || null;
}

/**
 * `POST /settings/apps/new` and `POST /organizations/{org}/settings/apps/new`: where the manifest flow
 * starts. Another site posts here on purpose — a top-level cross-site form post is how GitHub's flow
 * works — so this post cannot carry hubcap's CSRF token, and (the session cookie being SameSite=Lax)
 * usually not the session either. So it creates nothing: it checks the manifest, keeps it for an hour
 * under a random id, and sends the browser to the confirmation page, a same-site GET where the person
 * signs in if need be. Only the confirmation's own form, with hubcap's token, creates the app.
 */
export async function receiveManifest(
  ctx: PageContext<Session | undefined, OwnerParams>,
): Promise<PageReply> {
  let org: Account | undefined;
  if (ctx.params.org !== undefined) {
    org = await ctx.hub.accounts.find(ctx.params.org);
    if (!org || org.type !== "Organization") throw new NotFoundError();
  }
  const text = ctx.form.text("manifest");
  if (text === undefined) {
    const missing = { resource: "Manifest", field: "manifest", code: "missing" as const };
    return {
      status: 422,
      html: manifestErrorsPage([{ ...missing, message: "No manifest was sent." }], ctx.session),
    };
  }
  try {
    const id = await ctx.hub.appManifests.receive(text, stateOf(ctx), org, ctx.request.ip);
    const base = org ? settingsBase(org) : "/settings";
    return { redirect: `${base}/apps/new/manifests/${id}` };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { status: 422, html: manifestErrorsPage(error.errors, ctx.session) };
  }
}

/** The pending manifest of the path, for the account whose settings these are. */
async function pendingFor(ctx: PageContext<Session, ManifestParams>) {
  const owner = await settingsOwner(ctx);
  const pending = await ctx.hub.appManifests.getPending(ctx.params.manifest_id);
  if ((pending.ownerId ?? ctx.session.user.id) !== owner.id) throw new NotFoundError();
  return { owner, ...pending };
}

/** The form may lead to the app's `redirect_url` (see pageHeadersAllowingForms). */
const targetsOf = (redirectUrl: string | null) => (redirectUrl ? [new URL(redirectUrl).origin] : []);

/** `GET …/settings/apps/new/manifests/{id}`: what the manifest registers, to confirm. */
export async function showManifest(ctx: PageContext<Session, ManifestParams>): Promise<PageReply> {
  const { owner, manifest } = await pendingFor(ctx);
  const view = { id: ctx.params.manifest_id, owner, manifest, name: manifest.name ?? "" };
  return { html: manifestPage(view, ctx.session), formTargets: targetsOf(manifest.redirectUrl) };
}

/**
 * `POST …/settings/apps/new/manifests/{id}`: creates the app and sends the browser to the manifest's
 * `redirect_url` with `code` (and `state`); without one, to the new app's settings.
 */
export async function createFromManifest(ctx: PageContext<Session, ManifestParams>): Promise<PageReply> {
  const { owner, manifest } = await pendingFor(ctx);
  const name = ctx.form.text("name")?.trim() ?? "";
  try {
    const created = await ctx.hub.appManifests.create(ctx.params.manifest_id, owner, ctx.session.user, name);
    if (!created.redirectUrl) return { redirect: `${appSettingsPath(created.app)}?notice=registered` };
    const target = new URL(created.redirectUrl);
    target.searchParams.set("code", created.code);
    if (created.state !== null) target.searchParams.set("state", created.state);
    return { redirect: target.href };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const view = {
      id: ctx.params.manifest_id,
      owner,
      manifest,
      name: name.slice(0, 200),
      error: error.message,
    };
    return {
      status: 422,
      html: manifestPage(view, ctx.session),
      formTargets: targetsOf(manifest.redirectUrl),
    };
  }
}

/** `POST …/settings/apps/new/manifests/{id}/cancel`: forgets the manifest; nothing was created. */
export async function cancelManifest(ctx: PageContext<Session, ManifestParams>): Promise<PageReply> {
  const { owner } = await pendingFor(ctx);
  await ctx.hub.appManifests.cancel(ctx.params.manifest_id);
  return { redirect: `${settingsBase(owner)}/apps?notice=manifest-cancelled` };
}
