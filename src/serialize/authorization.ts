import type { Authorization } from "../domain/model.js";
import type { Urls } from "./urls.js";
import { simpleUser } from "./account.js";
import { timestamp } from "./time.js";

/**
 * GitHub's `authorization` (GitHub Enterprise Server's impersonation tokens). `token` is shown when
 * the token is created and never again; hubcap keeps only its hash.
 */
export function authorization(a: Authorization, token: string, urls: Urls) {
  return {
    id: a.id,
    url: `${urls.api}/authorizations/${a.id}`,
    scopes: a.scopes,
    token,
    token_last_eight: a.lastEight,
    hashed_token: null,
    app: { client_id: "00000000000000000000", name: "GitHub Site Administrator", url: `${urls.web}/` },
    note: a.note,
    note_url: null,
    updated_at: timestamp(a.createdAt),
    created_at: timestamp(a.createdAt),
    fingerprint: null,
    user: simpleUser(a.user, urls),
    installation: null,
    expires_at: timestamp(a.expiresAt),
  };
}
