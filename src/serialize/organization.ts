import { nodeId } from "../domain/node-id.js";
import type { Account } from "../domain/model.js";
import type { Urls } from "./urls.js";
import { simpleUser } from "./account.js";

/** GitHub's `organization-simple`. */
export function organizationSimple(org: Account, urls: Urls) {
  const url = `${urls.api}/orgs/${org.login}`;
  return {
    login: org.login,
    id: org.id,
    node_id: nodeId("Organization", org.id),
    url,
    repos_url: `${url}/repos`,
    events_url: `${url}/events`,
    hooks_url: `${url}/hooks`,
    issues_url: `${url}/issues`,
    members_url: `${url}/members{/member}`,
    public_members_url: `${url}/public_members{/member}`,
    avatar_url: `${urls.web}/avatars/u/${org.id}?v=4`,
    description: null,
  };
}

/**
 * GitHub's `org-membership`. hubcap has no invitations: a membership an admin sets is active at once
 * (as GitHub Enterprise Server does for site admins adding people).
 */
export function orgMembership(org: Account, user: Account, role: "member" | "admin", urls: Urls) {
  return {
    url: `${urls.api}/orgs/${org.login}/memberships/${user.login}`,
    state: "active",
    role,
    organization_url: `${urls.api}/orgs/${org.login}`,
    organization: organizationSimple(org, urls),
    user: simpleUser(user, urls),
    permissions: { can_create_repository: true },
  };
}
