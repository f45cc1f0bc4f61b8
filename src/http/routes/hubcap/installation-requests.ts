import type { UserPrincipal } from "../../../domain/token-auth.js";
import type { BodyOf } from "../../schema.js";
import type { Context, Reply } from "../../route.js";
import { installationRequest } from "../../../serialize/installation-request.js";

export const installationRequestBody = {
  type: "object",
  required: ["account", "requester"],
  additionalProperties: false,
  properties: { account: { type: "string" }, requester: { type: "string" } },
} as const;

/**
 * POST /_hubcap/apps/{app_slug}/installation_requests — an organization member (not an admin) asks for
 * the app, as on GitHub's install page; installing it on the organization clears the request.
 */
export async function createInstallationRequest(
  ctx: Context<UserPrincipal, { app_slug: string }, BodyOf<typeof installationRequestBody>>,
): Promise<Reply> {
  const { account, requester } = ctx.body;
  const app = await ctx.hub.appRegistry.getManaged(ctx.params.app_slug, ctx.principal.token.user);
  const created = await ctx.hub.installationRequests.request(
    app.id,
    await ctx.hub.accounts.get(account),
    await ctx.hub.accounts.get(requester),
  );
  return { status: 201, body: installationRequest(created, ctx.urls) };
}
