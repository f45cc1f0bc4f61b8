import type { EventSink } from "../events.js";
import type { Account, App, OAuthGrant } from "../model.js";
import type { StoreOps } from "../../store/store.js";

/** The grant of a user to an app, made when the user first authorizes it and reused after. */
export async function grantFor(tx: StoreOps, user: Account, app: App, now: number): Promise<OAuthGrant> {
  const found = await tx.findGrant(user.id, app.id);
  if (found) return found;
  const id = await tx.allocateId("oauth_grants");
  await tx.insertGrant({ id, userId: user.id, appId: app.id, now });
  return (await tx.findGrantById(id))!;
}

/**
 * Revokes a grant and, with it, every token and code issued under it. The app hears
 * `github_app_authorization.revoked`, sent by the user whose authorization it was.
 * https://docs.github.com/webhooks/webhook-events-and-payloads#github_app_authorization
 */
export async function revokeGrant(tx: StoreOps, events: EventSink, grant: OAuthGrant): Promise<void> {
  if (!(await tx.deleteGrant(grant.id))) return;
  const user = await tx.findAccountById(grant.userId);
  if (user)
    await events.record(tx, grant.appId, {
      event: "github_app_authorization",
      action: "revoked",
      sender: user,
    });
}
