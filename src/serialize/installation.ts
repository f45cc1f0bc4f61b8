import type { Installation } from "../domain/model.js";
import type { Urls } from "./urls.js";
import { simpleUser } from "./account.js";
import { timestampWithMilliseconds } from "./time.js";

/** GitHub's `installation`. */
export function installation(i: Installation, urls: Urls) {
  return {
    id: i.id,
    account: simpleUser(i.account, urls),
    repository_selection: i.repositorySelection,
    access_tokens_url: `${urls.api}/app/installations/${i.id}/access_tokens`,
    repositories_url: `${urls.api}/installation/repositories`,
    html_url:
      i.account.type === "Organization"
        ? `${urls.web}/organizations/${i.account.login}/settings/installations/${i.id}`
        : `${urls.web}/settings/installations/${i.id}`,
    app_id: i.appId,
    client_id: i.appClientId,
    app_slug: i.appSlug,
    target_id: i.account.id,
    target_type: i.account.type,
    permissions: i.permissions,
    events: i.events,
    created_at: timestampWithMilliseconds(i.createdAt),
    updated_at: timestampWithMilliseconds(i.updatedAt),
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: i.suspendedBy && simpleUser(i.suspendedBy, urls),
    suspended_at: timestampWithMilliseconds(i.suspendedAt),
  };
}
