import { nodeId } from "../domain/node-id.js";
import type { Account } from "../domain/model.js";
import type { Urls } from "./urls.js";

/** GitHub's `simple-user`, for users and organizations alike (an installation's `account`, an app's `owner`). */
export function simpleUser(account: Account, urls: Urls) {
  const url = `${urls.api}/users/${account.login}`;
  return {
    login: account.login,
    id: account.id,
    node_id: nodeId(account.type, account.id),
    avatar_url: `${urls.web}/avatars/u/${account.id}?v=4`,
    gravatar_id: "",
    url,
    html_url: `${urls.web}/${account.login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: account.type,
    user_view_type: "public",
    site_admin: account.siteAdmin,
  };
}
