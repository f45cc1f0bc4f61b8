import { createHash } from "node:crypto";
import type { App, Installation, UserAccessToken } from "../domain/model.js";
import { intersect } from "../domain/permissions.js";
import type { Urls } from "./urls.js";
import { simpleUser } from "./account.js";
import { timestamp } from "./time.js";

/**
 * GitHub's `authorization` for a GitHub App's user access token, as the OAuth applications API answers
 * (check, reset, scope). `token` is the one the app sent or was just given; GitHub Apps have no
 * scopes, so `scopes` is empty; `installation` is set for a scoped token.
 */
export function userAccessAuthorization(
  record: UserAccessToken,
  token: string,
  app: App,
  installation: Installation | undefined,
  urls: Urls,
) {
  return {
    id: record.id,
    url: `${urls.api}/authorizations/${record.id}`,
    scopes: [],
    token,
    token_last_eight: record.lastEight,
    hashed_token: createHash("sha256").update(token).digest("hex"),
    app: { client_id: app.clientId, name: app.name, url: app.externalUrl },
    note: null,
    note_url: null,
    updated_at: timestamp(record.createdAt),
    created_at: timestamp(record.createdAt),
    fingerprint: null,
    user: simpleUser(record.user, urls),
    installation: installation ? scopedInstallation(record, installation, urls) : null,
    expires_at: timestamp(record.expiresAt),
  };
}

/** GitHub's `scoped-installation`: what a scoped token may do of the installation. */
function scopedInstallation(record: UserAccessToken, installation: Installation, urls: Urls) {
  const permissions = record.scope?.permissions
    ? intersect(record.scope.permissions, installation.permissions)
    : installation.permissions;
  return {
    permissions,
    repository_selection: record.scope?.repositoryIds ? "selected" : installation.repositorySelection,
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    repositories_url: `${urls.api}/user/installations/${installation.id}/repositories`,
    account: simpleUser(installation.account, urls),
  };
}
