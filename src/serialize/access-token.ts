import { installationRepositoryRole } from "../domain/access.js";
import type { IssuedAccessToken } from "../domain/installations.js";
import type { Urls } from "./urls.js";
import { repository } from "./repository.js";
import { timestamp } from "./time.js";

/** GitHub's `installation-token`; `repositories` only when the token was restricted to some. */
export function installationToken(t: IssuedAccessToken, urls: Urls) {
  return {
    token: t.token,
    expires_at: timestamp(t.expiresAt),
    permissions: t.permissions,
    repository_selection: t.repositorySelection,
    ...(t.repositories && {
      repositories: t.repositories.map((r) =>
        repository(r, urls, undefined, installationRepositoryRole(t.permissions)),
      ),
    }),
  };
}
