import type { Account } from "../domain/model.js";
import type { Urls } from "./urls.js";
import { simpleUser } from "./account.js";
import { timestamp } from "./time.js";

/** How many repositories a user owns, by visibility (GET /user reports both). */
export interface RepositoryCounts {
  public: number;
  private: number;
}

/**
 * GitHub's `private-user`: the signed-in user's own profile (`GET /user`). hubcap keeps no profile
 * beyond name and email, so the rest is GitHub's empty values.
 */
export function privateUser(user: Account, counts: RepositoryCounts, urls: Urls) {
  return {
    ...simpleUser(user, urls),
    user_view_type: "private",
    name: user.name,
    company: null,
    blog: "",
    location: null,
    email: user.email,
    hireable: null,
    bio: null,
    twitter_username: null,
    notification_email: user.email,
    public_repos: counts.public,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: timestamp(user.createdAt),
    updated_at: timestamp(user.updatedAt),
    private_gists: 0,
    total_private_repos: counts.private,
    owned_private_repos: counts.private,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: false,
  };
}
