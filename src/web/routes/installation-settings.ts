import { NotFoundError, ValidationError } from "../../domain/errors.js";
import type { Installation, Session } from "../../domain/model.js";
import { sameJson } from "../../domain/same-json.js";
import { noticeText } from "../notices.js";
import type { PageContext, PageReply } from "../page-route.js";
import { installationPage } from "../pages/installation-page.js";
import { installationsListPage } from "../pages/installations-list-page.js";
import { installationPath, settingsBase } from "../paths.js";
import { settingsOwner, type OwnerParams } from "./app-settings.js";
import { LISTED_REPOSITORIES, repositoryChoice } from "./install.js";

/** An installation's settings page: `…/settings/installations/{installation_id}`. */
type InstallationParams = OwnerParams & { installation_id: number };

/**
 * An installation on the account whose settings these are, which the user administers; reached under
 * the wrong account, or by anyone else, it does not exist.
 */
async function administered(ctx: PageContext<Session, InstallationParams>): Promise<Installation> {
  const owner = await settingsOwner(ctx);
  const installation = await ctx.hub.installations.find(ctx.params.installation_id);
  if (!installation || installation.account.id !== owner.id) throw new NotFoundError();
  if (!(await ctx.hub.access.canAdministerAccount(ctx.session.user, installation.account))) {
    throw new NotFoundError();
  }
  return installation;
}

async function page(
  ctx: PageContext<Session>,
  installation: Installation,
  extra: { notice?: string; error?: string },
  status = 200,
): Promise<PageReply> {
  const app = (await ctx.hub.appRegistry.findById(installation.appId))!;
  const all = { limit: LISTED_REPOSITORIES, offset: 0 };
  const repositories = (await ctx.hub.repositories.listForAccount(installation.account, all)).items;
  const selectedIds = new Set(
    installation.repositorySelection === "selected"
      ? (await ctx.hub.installations.listRepositories(installation, all)).items.map((r) => r.id)
      : [],
  );
  const pending =
    !sameJson(installation.permissions, app.permissions) || !sameJson(installation.events, app.events);
  return {
    status,
    html: installationPage({ installation, app, repositories, selectedIds, pending, ...extra }, ctx.session),
  };
}

export async function listInstallations(ctx: PageContext<Session, OwnerParams>): Promise<PageReply> {
  const owner = await settingsOwner(ctx);
  const installations = await ctx.hub.installations.listOnAccount(owner);
  return {
    html: installationsListPage(owner, installations, noticeText(ctx.query.text("notice")), ctx.session),
  };
}

export async function showInstallation(ctx: PageContext<Session, InstallationParams>): Promise<PageReply> {
  return page(ctx, await administered(ctx), { notice: noticeText(ctx.query.text("notice")) });
}

/** Changes the repositories (the app hears `installation_repositories` added / removed). */
export async function updateRepositories(ctx: PageContext<Session, InstallationParams>): Promise<PageReply> {
  const installation = await administered(ctx);
  const choice = repositoryChoice(ctx.form);
  try {
    await ctx.hub.installing.setRepositories(installation.id, choice, ctx.session.user);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return page(ctx, installation, { error: error.message }, 422);
  }
  return { redirect: `${installationPath(installation)}?notice=updated` };
}

export async function acceptPermissions(ctx: PageContext<Session, InstallationParams>): Promise<PageReply> {
  const installation = await administered(ctx);
  await ctx.hub.installing.acceptPermissions(installation.id, ctx.session.user);
  return { redirect: `${installationPath(installation)}?notice=permissions-accepted` };
}

export async function suspend(ctx: PageContext<Session, InstallationParams>): Promise<PageReply> {
  const installation = await administered(ctx);
  await ctx.hub.installing.suspend(installation.id, ctx.session.user);
  return { redirect: `${installationPath(installation)}?notice=suspended` };
}

export async function unsuspend(ctx: PageContext<Session, InstallationParams>): Promise<PageReply> {
  const installation = await administered(ctx);
  await ctx.hub.installing.unsuspend(installation.id, ctx.session.user);
  return { redirect: `${installationPath(installation)}?notice=unsuspended` };
}

/** Uninstalls (the app hears `installation.deleted`) and goes back to the account's installed apps. */
export async function uninstall(ctx: PageContext<Session, InstallationParams>): Promise<PageReply> {
  const installation = await administered(ctx);
  await ctx.hub.installing.uninstall(installation.id, ctx.session.user);
  return { redirect: `${settingsBase(installation.account)}/installations?notice=uninstalled` };
}
