import type { Context, Principal, Reply } from "../route.js";
import { registeredApp } from "../../serialize/app-admin.js";

/**
 * POST /app-manifests/{code}/conversions — the last step of the manifest flow. The code is the only
 * credential (GitHub takes none): the answer is the app with its webhook secret, a new private key and
 * a new client secret, shown this once.
 */
export async function createFromManifest(
  ctx: Context<Principal | undefined, { code: string }>,
): Promise<Reply> {
  const registered = await ctx.hub.appManifests.convert(ctx.params.code);
  return { status: 201, body: registeredApp(registered, ctx.urls) };
}
