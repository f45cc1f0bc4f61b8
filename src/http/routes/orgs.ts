import { ForbiddenError } from "../../domain/errors.js";
import type { Account } from "../../domain/model.js";
import type { UserPrincipal } from "../../domain/token-auth.js";
import type { BodyOf } from "../schema.js";
import type { Context, Reply } from "../route.js";
import { orgMembership } from "../../serialize/organization.js";

type UserContext<Params extends object = object, Body = unknown> = Context<UserPrincipal, Params, Body>;

/** Only an organization's admins (and site admins) change its members. */
async function administeredOrg(ctx: UserContext<{ org: string }>): Promise<Account> {
  const org = await ctx.hub.accounts.get(ctx.params.org, "Organization");
  if (!(await ctx.hub.access.canAdministerAccount(ctx.principal.token.user, org))) {
    throw new ForbiddenError("You must be an admin to manage organization memberships.");
  }
  return org;
}

export const membershipBody = {
  type: ["object", "null"],
  properties: { role: { enum: ["admin", "member"] } },
} as const;

/** PUT /orgs/{org}/memberships/{username} */
export async function setMembershipForUser(
  ctx: UserContext<{ org: string; username: string }, BodyOf<typeof membershipBody>>,
): Promise<Reply> {
  const org = await administeredOrg(ctx);
  const user = await ctx.hub.accounts.get(ctx.params.username, "User");
  const role = ctx.body?.role ?? "member";
  await ctx.hub.accounts.setMembership(org, user, role);
  return { body: orgMembership(org, user, role, ctx.urls) };
}

/** DELETE /orgs/{org}/memberships/{username} */
export async function removeMembershipForUser(
  ctx: UserContext<{ org: string; username: string }>,
): Promise<Reply> {
  const org = await administeredOrg(ctx);
  const user = await ctx.hub.accounts.get(ctx.params.username, "User");
  await ctx.hub.accounts.removeMembership(org, user);
  return { status: 204 };
}
