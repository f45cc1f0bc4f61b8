import type { AppSettings } from "../../../domain/app-registry.js";
import { ContentReferences } from "../../../domain/content-references.js";
import type { Account, App } from "../../../domain/model.js";
import type { UserPrincipal } from "../../../domain/token-auth.js";
import type { BodyOf } from "../../schema.js";
import type { Context, Reply } from "../../route.js";
import { appKey, clientSecretInfo, registeredApp } from "../../../serialize/app-admin.js";
import { integration } from "../../../serialize/app.js";

/**
 * hubcap's administration of apps: what GitHub offers only on its settings pages. Field names follow
 * GitHub's app manifest (`default_permissions`, `hook_attributes`…), so a manifest is a valid body.
 */
type AdminContext<Params extends object = object, Body = unknown> = Context<UserPrincipal, Params, Body>;

const settingsProperties = {
  name: { type: "string" },
  slug: { type: "string" },
  description: { type: ["string", "null"] },
  url: { type: "string" },
  public: { type: "boolean" },
  default_permissions: { type: "object", additionalProperties: { type: "string" } },
  default_events: { type: "array", items: { type: "string" } },
  hook_attributes: {
    type: "object",
    properties: { url: { type: ["string", "null"] }, active: { type: "boolean" } },
  },
  webhook_secret: { type: ["string", "null"] },
  callback_urls: { type: "array", items: { type: "string" } },
  expire_user_tokens: { type: "boolean" },
  enable_device_flow: { type: "boolean" },
  /** Domains whose links the app hears of (content attachments); not part of GitHub's manifest. */
  content_references: { type: "array", items: { type: "string" } },
} as const;

export const createAppBody = {
  type: "object",
  required: ["name"],
  properties: {
    ...settingsProperties,
    owner: { type: "string" },
    private_key: { type: "boolean" },
    client_secret: { type: "boolean" },
  },
} as const;

export const updateAppBody = { type: "object", properties: settingsProperties } as const;

/** The settings an update may change; a creation body has them all (and more). */
type AppBody = BodyOf<typeof updateAppBody>;

function settingsOf(body: AppBody): AppSettings {
  return {
    name: body.name,
    slug: body.slug,
    description: body.description,
    externalUrl: body.url,
    public: body.public,
    permissions: body.default_permissions,
    events: body.default_events,
    webhookUrl: body.hook_attributes?.url,
    webhookActive: body.hook_attributes?.active,
    webhookSecret: body.webhook_secret,
    callbackUrls: body.callback_urls,
    expireUserTokens: body.expire_user_tokens,
    deviceFlowEnabled: body.enable_device_flow,
  };
}

/** POST /_hubcap/apps — 201 with the credentials shown this once (a private key and a client secret by default). */
export async function createApp(ctx: AdminContext<object, BodyOf<typeof createAppBody>>): Promise<Reply> {
  const body = ctx.body;
  const actor = ctx.principal.token.user;
  const owner = body.owner ? await ctx.hub.accounts.get(body.owner) : actor;
  // Domains are checked first: a bad one must not leave half an app behind.
  if (body.content_references) ContentReferences.checkDomains(body.content_references);
  const registered = await ctx.hub.appRegistry.register(owner, settingsOf(body), actor, {
    privateKey: body.private_key ?? true,
    clientSecret: body.client_secret ?? true,
  });
  const domains = await setDomains(ctx, registered.app, body.content_references);
  return { status: 201, body: { ...registeredApp(registered, ctx.urls), content_references: domains } };
}

/** The app the path names, which the caller must manage, and the caller. */
async function managedApp(ctx: AdminContext<{ app_slug: string }>): Promise<{ app: App; actor: Account }> {
  const actor = ctx.principal.token.user;
  return { app: await ctx.hub.appRegistry.getManaged(ctx.params.app_slug, actor), actor };
}

/** GET /_hubcap/apps/{app_slug} */
export async function getApp(ctx: AdminContext<{ app_slug: string }>): Promise<Reply> {
  const { app } = await managedApp(ctx);
  return { body: await adminView(ctx, app) };
}

/** An app as its settings show it: GitHub's JSON and the content-reference domains. */
async function adminView(ctx: AdminContext, app: App) {
  return {
    ...integration(app, ctx.urls, { installationsCount: true }),
    content_references: await ctx.hub.contentReferences.listDomains(app.id),
  };
}

async function setDomains(ctx: AdminContext, app: App, domains: string[] | undefined): Promise<string[]> {
  if (domains === undefined) return ctx.hub.contentReferences.listDomains(app.id);
  return ctx.hub.contentReferences.setDomains(app.id, domains);
}

/**
 * PATCH /_hubcap/apps/{app_slug} — changed permissions or events are requested of installations,
 * which keep theirs until accepted (`POST /_hubcap/installations/{id}/accept_permissions`).
 */
export async function updateApp(
  ctx: AdminContext<{ app_slug: string }, BodyOf<typeof updateAppBody>>,
): Promise<Reply> {
  const { app, actor } = await managedApp(ctx);
  const body = ctx.body;
  if (body.content_references) ContentReferences.checkDomains(body.content_references);
  const updated = await ctx.hub.appRegistry.update(app.id, settingsOf(body), actor);
  await setDomains(ctx, updated, body.content_references);
  return { body: await adminView(ctx, updated) };
}

/** DELETE /_hubcap/apps/{app_slug} */
export async function deleteApp(ctx: AdminContext<{ app_slug: string }>): Promise<Reply> {
  const { app, actor } = await managedApp(ctx);
  await ctx.hub.appRegistry.delete(app.id, actor);
  return { status: 204 };
}

/** GET /_hubcap/apps/{app_slug}/keys */
export async function listKeys(ctx: AdminContext<{ app_slug: string }>): Promise<Reply> {
  const { app, actor } = await managedApp(ctx);
  return { body: (await ctx.hub.appRegistry.listKeys(app.id, actor)).map((k) => appKey(k)) };
}

/** POST /_hubcap/apps/{app_slug}/keys — 201 with the private key's PEM, shown this once. */
export async function createKey(ctx: AdminContext<{ app_slug: string }>): Promise<Reply> {
  const { app, actor } = await managedApp(ctx);
  const { key, privateKeyPem } = await ctx.hub.appRegistry.generateKey(app.id, actor);
  return { status: 201, body: appKey(key, privateKeyPem) };
}

/** DELETE /_hubcap/apps/{app_slug}/keys/{key_id} */
export async function deleteKey(ctx: AdminContext<{ app_slug: string; key_id: number }>): Promise<Reply> {
  const { app, actor } = await managedApp(ctx);
  await ctx.hub.appRegistry.deleteKey(app.id, ctx.params.key_id, actor);
  return { status: 204 };
}

/** GET /_hubcap/apps/{app_slug}/client_secrets */
export async function listClientSecrets(ctx: AdminContext<{ app_slug: string }>): Promise<Reply> {
  const { app, actor } = await managedApp(ctx);
  return {
    body: (await ctx.hub.appRegistry.listClientSecrets(app.id, actor)).map((s) => clientSecretInfo(s)),
  };
}

/** POST /_hubcap/apps/{app_slug}/client_secrets — 201 with the secret, shown this once. */
export async function createClientSecret(ctx: AdminContext<{ app_slug: string }>): Promise<Reply> {
  const { app, actor } = await managedApp(ctx);
  const { secret, clientSecret } = await ctx.hub.appRegistry.createClientSecret(app.id, actor);
  return { status: 201, body: clientSecretInfo(secret, clientSecret) };
}

/** DELETE /_hubcap/apps/{app_slug}/client_secrets/{secret_id} */
export async function deleteClientSecret(
  ctx: AdminContext<{ app_slug: string; secret_id: number }>,
): Promise<Reply> {
  const { app, actor } = await managedApp(ctx);
  await ctx.hub.appRegistry.deleteClientSecret(app.id, ctx.params.secret_id, actor);
  return { status: 204 };
}
