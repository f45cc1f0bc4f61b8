import { NotFoundError, ValidationError } from "../../domain/errors.js";
import type { Account, App, Session } from "../../domain/model.js";
import { generalSettings, permissionSettings } from "../app-form.js";
import { noticeText } from "../notices.js";
import type { PageContext, PageReply } from "../page-route.js";
import { appSettingsPage, type AppSettingsView } from "../pages/app-settings-page.js";
import { appsListPage } from "../pages/apps-list-page.js";
import { newAppPage } from "../pages/new-app-page.js";
import { appSettingsPath } from "../paths.js";

/** A settings page's path: the user's (`/settings/...`) or an organization's (`/organizations/{org}/settings/...`). */
export type OwnerParams = { org?: string };
/** An app's settings page's path. */
export type AppParams = OwnerParams & { app_slug: string };

/**
 * Whose settings a page is: the signed-in user's (`/settings/...`) or an organization's
 * (`/organizations/{org}/settings/...`), which only its admins reach; to anyone else it does not exist.
 */
export async function settingsOwner(ctx: PageContext<Session, OwnerParams>): Promise<Account> {
  const login = ctx.params.org;
  if (login === undefined) return ctx.session.user;
  const org = await ctx.hub.accounts.find(login);
  if (!org || org.type !== "Organization") throw new NotFoundError();
  if (!(await ctx.hub.access.canAdministerAccount(ctx.session.user, org))) throw new NotFoundError();
  return org;
}

/** An app the signed-in user manages, reached under its owner's settings. */
export async function managedApp(ctx: PageContext<Session, AppParams>): Promise<App> {
  const app = await ctx.hub.appRegistry.getManaged(ctx.params.app_slug, ctx.session.user);
  const org = ctx.params.org;
  const underOwner =
    app.owner.type === "Organization"
      ? org?.toLowerCase() === app.owner.login.toLowerCase()
      : org === undefined;
  if (!underOwner) throw new NotFoundError();
  return app;
}

export async function settingsView(ctx: PageContext<Session>, app: App): Promise<AppSettingsView> {
  const user = ctx.session.user;
  return {
    app,
    hasWebhookSecret: await ctx.hub.appRegistry.hasWebhookSecret(app.id),
    keys: await ctx.hub.appRegistry.listKeys(app.id, user),
    secrets: await ctx.hub.appRegistry.listClientSecrets(app.id, user),
  };
}

export async function listApps(ctx: PageContext<Session, OwnerParams>): Promise<PageReply> {
  const owner = await settingsOwner(ctx);
  const apps = await ctx.hub.appRegistry.listOwnedBy(owner);
  // A person's own list also names the apps of the organizations they administer, which GitHub keeps
  // under each organization's settings: otherwise an org admin's "Your GitHub Apps" looks empty.
  const orgApps: App[] = [];
  if (ctx.params.org === undefined) {
    for (const account of await ctx.hub.access.administeredAccounts(ctx.session.user)) {
      if (account.type === "Organization") orgApps.push(...(await ctx.hub.appRegistry.listOwnedBy(account)));
    }
  }
  const notice = noticeText(ctx.query.text("notice"));
  return { html: appsListPage(owner, apps, ctx.session, notice, orgApps) };
}

export async function showNewApp(ctx: PageContext<Session, OwnerParams>): Promise<PageReply> {
  const owner = await settingsOwner(ctx);
  const values = {
    name: "",
    description: null,
    externalUrl: "",
    public: false,
    webhookUrl: null,
    webhookActive: true,
    hasWebhookSecret: false,
  };
  return { html: newAppPage(owner, { values, permissions: { metadata: "read" }, events: [] }, ctx.session) };
}

/**
 * `POST /settings/apps`: registers an app from the form. (The manifest flow posts to
 * `/settings/apps/new`, which stays free for it.) A refused form comes back with what was typed.
 */
export async function registerApp(ctx: PageContext<Session, OwnerParams>): Promise<PageReply> {
  const owner = await settingsOwner(ctx);
  const general = generalSettings(ctx.form);
  const { permissions, events } = permissionSettings(ctx.form);
  try {
    const { app } = await ctx.hub.appRegistry.register(
      owner,
      { ...general, permissions, events },
      ctx.session.user,
    );
    return { redirect: `${appSettingsPath(app)}?notice=registered` };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const values = {
      name: general.name ?? "",
      description: general.description ?? null,
      externalUrl: general.externalUrl ?? "",
      public: general.public ?? false,
      webhookUrl: general.webhookUrl ?? null,
      webhookActive: general.webhookActive ?? true,
      hasWebhookSecret: false,
    };
    // What was chosen is shown again as chosen, valid or not (the error names what is wrong).
    const typed = { values, permissions, events, error: error.message };
    return { status: 422, html: newAppPage(owner, typed, ctx.session) };
  }
}

export async function showApp(ctx: PageContext<Session, AppParams>): Promise<PageReply> {
  const app = await managedApp(ctx);
  const view = await settingsView(ctx, app);
  return { html: appSettingsPage({ ...view, notice: noticeText(ctx.query.text("notice")) }, ctx.session) };
}

export async function updateApp(ctx: PageContext<Session, AppParams>): Promise<PageReply> {
  const app = await managedApp(ctx);
  const general = generalSettings(ctx.form);
  try {
    const updated = await ctx.hub.appRegistry.update(app.id, general, ctx.session.user);
    return { redirect: `${appSettingsPath(updated)}?notice=updated` };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const view = await settingsView(ctx, app);
    const typed = {
      name: general.name ?? "",
      description: general.description ?? null,
      externalUrl: general.externalUrl ?? "",
      public: general.public ?? false,
      webhookUrl: general.webhookUrl ?? null,
      webhookActive: general.webhookActive ?? false,
      hasWebhookSecret: view.hasWebhookSecret,
    };
    return { status: 422, html: appSettingsPage({ ...view, typed, error: error.message }, ctx.session) };
  }
}

export async function updatePermissions(ctx: PageContext<Session, AppParams>): Promise<PageReply> {
  const app = await managedApp(ctx);
  try {
    await ctx.hub.appRegistry.update(app.id, permissionSettings(ctx.form), ctx.session.user);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const view = await settingsView(ctx, app);
    return { status: 422, html: appSettingsPage({ ...view, error: error.message }, ctx.session) };
  }
  return { redirect: `${appSettingsPath(app)}?notice=updated#permissions` };
}
