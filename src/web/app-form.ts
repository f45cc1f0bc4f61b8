import type { AppSettings } from "../domain/app-registry.js";
import { PERMISSION_LEVELS } from "../domain/permissions.js";
import type { Form } from "./form.js";
import { PageError } from "./page-error.js";

/** The events an app's form offers (those GitHub offers most apps); any the app already has stay listed. */
export const OFFERED_EVENTS = [
  "check_run",
  "check_suite",
  "create",
  "delete",
  "deployment",
  "deployment_status",
  "issue_comment",
  "issues",
  "label",
  "member",
  "pull_request",
  "pull_request_review",
  "pull_request_review_comment",
  "push",
  "release",
  "repository",
  "status",
  "workflow_run",
] as const;

/** Field name of a permission's level: `permissions[issues]`, as GitHub's own form names it. */
export const permissionField = (name: string) => `permissions[${name}]`;

const LONGEST_TEXT = 2048;

function text(form: Form, name: string): string | undefined {
  const value = form.text(name);
  if (value !== undefined && value.length > LONGEST_TEXT) {
    throw new PageError(400, `The field ${name} is too long.`);
  }
  return value?.trim();
}

/**
 * The general settings of the registration and edit forms, as the domain takes them. Only shapes are
 * checked here; the registry judges names, URLs and permissions. A blank webhook secret keeps the one set.
 */
export function generalSettings(form: Form): AppSettings {
  const settings: AppSettings = {
    name: text(form, "name") ?? "",
    description: text(form, "description") || null,
    externalUrl: text(form, "url") ?? "",
    public: form.text("public") === "true",
    webhookActive: form.text("webhook_active") === "1",
    webhookUrl: text(form, "webhook_url") || null,
  };
  const secret = form.text("webhook_secret");
  if (secret) {
    if (secret.length > LONGEST_TEXT) throw new PageError(400, "The webhook secret is too long.");
    settings.webhookSecret = secret;
  }
  return settings;
}

/** The permissions and events fields: each permission is "no access" (absent) or a level. */
export function permissionSettings(form: Form): { permissions: Record<string, string>; events: string[] } {
  const permissions: Record<string, string> = {};
  for (const name of Object.keys(PERMISSION_LEVELS)) {
    const level = form.text(permissionField(name));
    if (level) permissions[name] = level;
  }
  const events = form.all("events");
  if (events.length > 200) throw new PageError(400, "Too many events.");
  return { permissions, events };
}
