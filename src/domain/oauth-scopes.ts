import { NotFoundError } from "./errors.js";

/**
 * OAuth scopes of personal (classic) and impersonation tokens. A scope includes the scopes below it:
 * `repo` includes `public_repo`, `admin:org` includes `write:org` and so `read:org`, `user` includes
 * `read:user` and `user:email`.
 * https://docs.github.com/apps/oauth-apps/building-oauth-apps/scopes-for-oauth-apps
 */
const PARENT = new Map<string, string>([
  ["repo:status", "repo"],
  ["repo_deployment", "repo"],
  ["public_repo", "repo"],
  ["repo:invite", "repo"],
  ["security_events", "repo"],
  ["read:org", "write:org"],
  ["write:org", "admin:org"],
  ["read:public_key", "write:public_key"],
  ["write:public_key", "admin:public_key"],
  ["read:repo_hook", "write:repo_hook"],
  ["write:repo_hook", "admin:repo_hook"],
  ["read:user", "user"],
  ["user:email", "user"],
  ["user:follow", "user"],
  ["read:packages", "write:packages"],
  ["read:discussion", "write:discussion"],
  ["read:gpg_key", "write:gpg_key"],
  ["write:gpg_key", "admin:gpg_key"],
  ["read:enterprise", "admin:enterprise"],
  ["manage_billing:enterprise", "admin:enterprise"],
  ["read:project", "project"],
]);

/** Whether a token's scopes include `wanted`, itself or through a scope above it. */
export function holdsScope(scopes: readonly string[], wanted: string): boolean {
  const held = new Set(scopes);
  for (let scope: string | undefined = wanted; scope !== undefined; scope = PARENT.get(scope)) {
    if (held.has(scope)) return true;
  }
  return false;
}

/** Whether a token's scopes include any one of `accepted` (GitHub's `X-Accepted-OAuth-Scopes`). */
export function holdsAnyScope(scopes: readonly string[], accepted: readonly string[]): boolean {
  return accepted.some((scope) => holdsScope(scopes, scope));
}

/**
 * A personal token acting on a repository: `repo` reaches private repositories, `public_repo` (or
 * `repo`) public ones. Without it GitHub answers 404, as for a repository the token cannot see.
 */
export function requireRepositoryScope(scopes: readonly string[], isPrivate: boolean): void {
  if (!holdsScope(scopes, isPrivate ? "repo" : "public_repo")) throw new NotFoundError();
}
