import { ValidationError } from "./errors.js";
import type { PermissionLevel, Permissions } from "./model.js";

/**
 * The permissions a GitHub App can hold and the levels each accepts, from the `app-permissions` schema of
 * GitHub's OpenAPI description.
 */
const RW = ["read", "write"] as const;
export const PERMISSION_LEVELS: Record<string, readonly PermissionLevel[]> = {
  actions: RW,
  administration: RW,
  artifact_metadata: RW,
  attestations: RW,
  checks: RW,
  code_quality: RW,
  codespaces: RW,
  // Content attachments (the older editions' `corsair` preview): hear and answer links to an app's domains.
  content_references: RW,
  contents: RW,
  dependabot_secrets: RW,
  deployments: RW,
  discussions: RW,
  environments: RW,
  issues: RW,
  merge_queues: RW,
  metadata: RW,
  packages: RW,
  pages: RW,
  pull_requests: RW,
  repository_custom_properties: RW,
  repository_hooks: RW,
  repository_projects: ["read", "write", "admin"],
  secret_scanning_alerts: RW,
  secrets: RW,
  security_events: RW,
  single_file: RW,
  statuses: RW,
  vulnerability_alerts: RW,
  workflows: ["write"],
  custom_properties_for_organizations: RW,
  members: RW,
  organization_administration: RW,
  organization_custom_roles: RW,
  organization_custom_org_roles: RW,
  organization_custom_properties: ["read", "write", "admin"],
  organization_copilot_seat_management: RW,
  organization_copilot_agent_settings: RW,
  organization_announcement_banners: RW,
  organization_events: ["read"],
  organization_hooks: RW,
  organization_personal_access_tokens: RW,
  organization_personal_access_token_requests: RW,
  organization_plan: ["read"],
  organization_projects: ["read", "write", "admin"],
  organization_packages: RW,
  organization_secrets: RW,
  organization_self_hosted_runners: RW,
  organization_user_blocking: RW,
  email_addresses: RW,
  followers: RW,
  git_ssh_keys: RW,
  gpg_keys: RW,
  interaction_limits: RW,
  profile: ["write"],
  starring: RW,
  enterprise_custom_properties_for_organizations: ["read", "write", "admin"],
};

/** Levels by rank; a Map, so that a name from a request (`constructor`, `__proto__`) finds nothing. */
const RANK = new Map<string, number>([
  ["read", 1],
  ["write", 2],
  ["admin", 3],
]);

/** The levels a permission accepts, or undefined for a name GitHub does not know (never a prototype's key). */
export function permissionLevels(name: string): readonly PermissionLevel[] | undefined {
  return Object.hasOwn(PERMISSION_LEVELS, name) ? PERMISSION_LEVELS[name] : undefined;
}

/** Checks a permission set's names and levels; `where` names it in the 422. */
export function validatePermissions(value: Record<string, unknown>, where: string): Permissions {
  const result: Permissions = {};
  for (const [name, level] of Object.entries(value)) {
    const levels = permissionLevels(name);
    if (!levels)
      throw new ValidationError(`The permission '${name}' does not exist.`, [
        { resource: where, field: "permissions", code: "invalid" },
      ]);
    if (!levels.includes(level as PermissionLevel)) {
      throw new ValidationError(
        `The permission '${name}' cannot be '${String(level)}'. Allowed: ${levels.join(", ")}.`,
        [{ resource: where, field: "permissions", code: "invalid" }],
      );
    }
    result[name] = level as PermissionLevel;
  }
  return result;
}

/**
 * A token request's permissions (`POST /app/installations/{id}/access_tokens`, `/token/scoped`): GitHub
 * answers one message for a permission it does not know, a level that permission cannot take, and one
 * the installation does not hold, without naming it.
 */
export function requestedPermissions(
  value: Record<string, unknown>,
  granted: Permissions,
  notGranted: () => Error,
): Permissions {
  const result: Permissions = {};
  for (const [name, level] of Object.entries(value)) {
    const levels = permissionLevels(name);
    if (!levels || typeof level !== "string" || !(levels as readonly string[]).includes(level)) {
      throw notGranted();
    }
    if (!grants(granted, name, level as PermissionLevel)) throw notGranted();
    result[name] = level as PermissionLevel;
  }
  return result;
}

/** Whether `granted` includes `wanted` at the same or a higher level. */
export function grants(granted: Permissions, name: string, wanted: PermissionLevel): boolean {
  if (!Object.hasOwn(granted, name)) return false;
  const held = RANK.get(granted[name]!);
  const needed = RANK.get(wanted);
  return held !== undefined && needed !== undefined && held >= needed;
}

/** Whether `granted` includes every permission of `wanted` at its level. */
export function grantsAll(granted: Permissions, wanted: Readonly<Permissions>): boolean {
  return Object.entries(wanted).every(([name, level]) => grants(granted, name, level));
}

/**
 * GitHub's `X-Accepted-GitHub-Permissions`: `name=level` for each permission of a set, sets that
 * would each do separated by `; `.
 * https://github.blog/changelog/2023-08-10-x-accepted-github-permissions-header-for-fine-grained-permission-actors
 */
export function acceptedPermissionsHeader(sets: readonly Readonly<Permissions>[]): string {
  return sets
    .map((set) =>
      Object.entries(set)
        .map(([name, level]) => `${name}=${level}`)
        .join(","),
    )
    .join("; ");
}

/** The permissions both sets hold, at the lower of the two levels. */
export function intersect(a: Permissions, b: Permissions): Permissions {
  const result: Permissions = {};
  for (const [name, level] of Object.entries(a)) {
    if (!Object.hasOwn(b, name)) continue;
    const other = b[name]!;
    result[name] = (RANK.get(level) ?? 0) <= (RANK.get(other) ?? 0) ? level : other;
  }
  return result;
}
