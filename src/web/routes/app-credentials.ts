import type { Session } from "../../domain/model.js";
import type { PageContext, PageReply } from "../page-route.js";
import { appSettingsPage } from "../pages/app-settings-page.js";
import { appSettingsPath } from "../paths.js";
import { managedApp, settingsView, type AppParams } from "./app-settings.js";

/** A new key pair: the private key is handed over once, as a download named as GitHub names it. */
export async function generateKey(ctx: PageContext<Session, AppParams>): Promise<PageReply> {
  const app = await managedApp(ctx);
  const { privateKeyPem } = await ctx.hub.appRegistry.generateKey(app.id, ctx.session.user);
  const date = new Date(ctx.hub.clock.now()).toISOString().slice(0, 10);
  return {
    download: {
      filename: `${app.slug}.${date}.private-key.pem`,
      contentType: "application/x-pem-file",
      body: privateKeyPem,
    },
  };
}

export async function deleteKey(
  ctx: PageContext<Session, AppParams & { key_id: number }>,
): Promise<PageReply> {
  const app = await managedApp(ctx);
  await ctx.hub.appRegistry.deleteKey(app.id, ctx.params.key_id, ctx.session.user);
  return { redirect: `${appSettingsPath(app)}?notice=key-deleted#private-keys` };
}

/** A new client secret, shown on the page this once (the response is never cached). */
export async function createClientSecret(ctx: PageContext<Session, AppParams>): Promise<PageReply> {
  const app = await managedApp(ctx);
  const { clientSecret } = await ctx.hub.appRegistry.createClientSecret(app.id, ctx.session.user);
  const view = await settingsView(ctx, app);
  return { html: appSettingsPage({ ...view, newClientSecret: clientSecret }, ctx.session) };
}

export async function deleteClientSecret(
  ctx: PageContext<Session, AppParams & { secret_id: number }>,
): Promise<PageReply> {
  const app = await managedApp(ctx);
  await ctx.hub.appRegistry.deleteClientSecret(app.id, ctx.params.secret_id, ctx.session.user);
  return { redirect: `${appSettingsPath(app)}?notice=secret-deleted#client-secrets` };
}
