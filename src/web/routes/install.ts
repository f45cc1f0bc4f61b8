import { NotFoundError, ValidationError } from "../../domain/errors.js";
import type { Account, App, RepositorySelection, Session } from "../../domain/model.js";
import type { Form } from "../form.js";
import { noticeText } from "../notices.js";
import { PageError } from "../page-error.js";
import type { PageContext, PageReply } from "../page-route.js";
import { appPage } from "../pages/app-page.js";
import { installPage } from "../pages/install-page.js";
import { installTargetsPage, type RequestTarget } from "../pages/install-targets-page.js";
import { installationPath } from "../paths.js";
import { idOf } from "../path-params.js";

/** The most repositories an installation page lists to choose from. */
export const LISTED_REPOSITORIES = 1000;

/** The install flow's pages are an app's: `/apps/{app_slug}/...`. */
type AppPath = { app_slug: string };

/** An app the viewer may see (a private one only by its owner's people); any other is not found. */
async function visibleApp(ctx: PageContext<Session | undefined, AppPath>): Promise<App> {
  const app = await ctx.hub.appRegistry.findBySlug(ctx.params.app_slug);
  const viewer = ctx.session ? ({ kind: "user", user: ctx.session.user } as const) : undefined;
  if (!app || !(await ctx.hub.access.canSeeApp(app, viewer))) throw new NotFoundError();
  return app;
}

/**
 * The accounts the user may install an app on: their own and the organizations they administer; a
 * private app installs only on the account that owns it.
 */
async function installableAccounts(ctx: PageContext<Session>, app: App): Promise<Account[]> {
  const accounts = await ctx.hub.access.administeredAccounts(ctx.session.user);
  return accounts.filter((account) => app.public || account.id === app.owner.id);
}

/**
 * The organizations where the user is a member but not an admin: there they may only ask the admins
 * to install the app (an installation request), and only an app that may be installed there.
 */
async function requestableOrgs(ctx: PageContext<Session>, app: App): Promise<Account[]> {
  const orgs = await ctx.hub.accounts.listOrganizationsOf(ctx.session.user);
  return orgs
    .filter(({ org, role }) => role === "member" && (app.public || org.id === app.owner.id))
    .map(({ org }) => org);
}

async function requestTargets(ctx: PageContext<Session>, app: App): Promise<RequestTarget[]> {
  const targets = [];
  for (const account of await requestableOrgs(ctx, app)) {
    const { installations, installationRequests } = ctx.hub;
    targets.push({
      account,
      installed: (await installations.findForAccount(app.id, account)) !== undefined,
      requested: await installationRequests.isRequested(app.id, account, ctx.session.user),
    });
  }
  return targets;
}

async function targetAccount(ctx: PageContext<Session>, app: App, form: Form): Promise<Account> {
  const id = idOf(form.text("target_id"));
  const account = (await installableAccounts(ctx, app)).find((a) => a.id === id);
  if (!account) throw new NotFoundError();
  return account;
}

/** The `state` octokit's `getInstallationUrl()` adds, carried through the install pages. */
function stateOf(form: Form): string | undefined {
  const state = form.text("state");
  if (state !== undefined && state.length > 1024) throw new PageError(400, "The state is too long.");
  return state || undefined;
}

/** `GET /apps/{slug}` for a browser: the app's public page. */
export async function showApp(ctx: PageContext<Session | undefined, AppPath>): Promise<PageReply> {
  const app = await visibleApp(ctx);
  const manages = ctx.session ? await ctx.hub.access.canManageApp(ctx.session.user, app) : false;
  return { html: appPage(app, manages, ctx.session) };
}

/** `GET /apps/{slug}/installations/new`: choose the account (straight on when `target_id` names one). */
export async function chooseAccount(ctx: PageContext<Session, AppPath>): Promise<PageReply> {
  const app = await visibleApp(ctx);
  const state = stateOf(ctx.query);
  const targetId = ctx.query.text("target_id");
  if (targetId !== undefined) {
    const query = new URLSearchParams({ target_id: targetId, ...(state && { state }) });
    return { redirect: `/apps/${app.slug}/installations/new/permissions?${query}` };
  }
  const targets = [];
  for (const account of await installableAccounts(ctx, app)) {
    targets.push({
      account,
      installation: await ctx.hub.installations.findForAccount(app.id, account),
    });
  }
  const view = {
    targets,
    requests: await requestTargets(ctx, app),
    state,
    notice: noticeText(ctx.query.text("notice")),
  };
  return { html: installTargetsPage(app, view, ctx.session) };
}

/**
 * `POST /apps/{slug}/installations/requests`: a member of an organization asks its admins to install
 * the app (https://docs.github.com/apps/using-github-apps/requesting-a-github-app-from-your-organization-owner);
 * the app sees it in `GET /app/installation-requests` until an admin installs it there.
 */
export async function requestInstallation(ctx: PageContext<Session, AppPath>): Promise<PageReply> {
  const app = await visibleApp(ctx);
  const id = idOf(ctx.form.text("target_id"));
  const org = (await requestableOrgs(ctx, app)).find((a) => a.id === id);
  if (!org) throw new NotFoundError();
  await ctx.hub.installationRequests.request(app.id, org, ctx.session.user);
  return { redirect: `/apps/${app.slug}/installations/new?notice=requested` };
}

async function choicePage(
  ctx: PageContext<Session>,
  app: App,
  account: Account,
  choice: { selection: RepositorySelection; selectedIds: Set<number>; error?: string },
  status = 200,
): Promise<PageReply> {
  const page = { limit: LISTED_REPOSITORIES, offset: 0 };
  const repositories = (await ctx.hub.repositories.listForAccount(account, page)).items;
  return {
    status,
    html: installPage(
      app,
      account,
      repositories,
      choice,
      stateOf(ctx.form.has("state") ? ctx.form : ctx.query),
      ctx.session,
    ),
  };
}

/** `GET /apps/{slug}/installations/new/permissions?target_id=`: repositories and permissions, to confirm. */
export async function chooseRepositories(ctx: PageContext<Session, AppPath>): Promise<PageReply> {
  const app = await visibleApp(ctx);
  const account = await targetAccount(ctx, app, ctx.query);
  const existing = await ctx.hub.installations.findForAccount(app.id, account);
  if (existing) return { redirect: installationPath(existing) };
  return choicePage(ctx, app, account, { selection: "all", selectedIds: new Set() });
}

/** The repository choice of a posted form: all, or the checked ones. */
export function repositoryChoice(form: Form): { selection: RepositorySelection; repositoryIds: number[] } {
  const selection = form.text("repository_selection");
  if (selection !== "all" && selection !== "selected") {
    throw new PageError(400, "Choose all repositories or select some.");
  }
  const ids = form.all("repository_ids");
  if (ids.length > LISTED_REPOSITORIES) throw new PageError(400, "Too many repositories.");
  const repositoryIds = ids.map((id) => {
    if (!/^[1-9]\d{0,15}$/.test(id)) throw new PageError(400, "A repository id is not a number.");
    return Number(id);
  });
  // Boxes left checked under "All repositories" mean nothing: GitHub ignores them too.
  return { selection, repositoryIds: selection === "all" ? [] : repositoryIds };
}

/** `POST /apps/{slug}/installations`: installs (the app hears `installation.created`). */
export async function install(ctx: PageContext<Session, AppPath>): Promise<PageReply> {
  const app = await visibleApp(ctx);
  const account = await targetAccount(ctx, app, ctx.form);
  const choice = repositoryChoice(ctx.form);
  try {
    const installation = await ctx.hub.installing.install(app.id, account, choice, ctx.session.user);
    return { redirect: `${installationPath(installation)}?notice=installed` };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const selectedIds = new Set(choice.repositoryIds);
    return choicePage(
      ctx,
      app,
      account,
      { selection: choice.selection, selectedIds, error: error.message },
      422,
    );
  }
}
