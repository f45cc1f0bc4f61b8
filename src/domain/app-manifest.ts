import { ValidationError, type FieldError } from "./errors.js";
import { PERMISSION_LEVELS } from "./permissions.js";

/**
 * A GitHub App manifest, as the manifest flow posts it (form field `manifest`, a JSON object):
 * https://docs.github.com/apps/sharing-github-apps/registering-a-github-app-from-a-manifest#github-app-manifest-parameters
 */
export interface AppManifest {
  /** Absent: the person confirming names the app. */
  name: string | undefined;
  url: string;
  description: string | null;
  public: boolean;
  hook: { url: string; active: boolean } | null;
  redirectUrl: string | null;
  permissions: Record<string, string>;
  events: string[];
  /**
   * Accepted and shown, not acted on yet: hubcap's apps have no callback URLs, setup URL or
   * install-time OAuth in this model (callback URLs are the OAuth work's to add; see issue #7).
   */
  callbackUrls: string[];
  setupUrl: string | null;
  requestOauthOnInstall: boolean;
  setupOnUpdate: boolean;
}

/** The longest manifest hubcap keeps (the whole form is limited to 64 KiB). */
export const MAX_MANIFEST_LENGTH = 32 * 1024;

const EVENT = /^[a-z_]{2,64}$/;

type Fields = Record<string, unknown>;

/** Reads a manifest, naming every problem at once (the page lists them all), or returns it checked. */
export function parseManifest(text: string): AppManifest {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) =>
    errors.push({ resource: "Manifest", field, code: "invalid", message });
  let value: unknown;
  if (text.length > MAX_MANIFEST_LENGTH) fail("manifest", "The manifest is too long.");
  else {
    try {
      value = JSON.parse(text);
    } catch {
      fail("manifest", "The manifest is not valid JSON.");
    }
  }
  if (errors.length === 0 && (typeof value !== "object" || value === null || Array.isArray(value))) {
    fail("manifest", "The manifest must be a JSON object.");
  }
  if (errors.length > 0) throw invalidManifest(errors);
  const m = value as Fields;

  for (const key of Object.keys(m)) {
    if (!KNOWN.has(key)) fail(key, `'${key}' is not a manifest parameter.`);
  }
  const name = optionalString(m, "name", fail);
  if (name !== undefined && (name.trim().length === 0 || name.trim().length > 34)) {
    fail("name", "name must be 1 to 34 characters long.");
  }
  const url = httpUrl(m.url, "url", fail, true);
  const manifest: AppManifest = {
    name: name?.trim(),
    url: url ?? "",
    description: optionalString(m, "description", fail) ?? null,
    public: optionalBoolean(m, "public", fail) ?? false,
    hook: hookAttributes(m.hook_attributes, fail),
    redirectUrl: httpUrl(m.redirect_url, "redirect_url", fail, false) ?? null,
    permissions: permissions(m.default_permissions, fail),
    events: events(m.default_events, fail),
    callbackUrls: callbackUrls(m.callback_urls, fail),
    setupUrl: httpUrl(m.setup_url, "setup_url", fail, false) ?? null,
    requestOauthOnInstall: optionalBoolean(m, "request_oauth_on_install", fail) ?? false,
    setupOnUpdate: optionalBoolean(m, "setup_on_update", fail) ?? false,
  };
  if (m.version !== undefined && m.version !== "v1") fail("version", 'version must be "v1".');
  if (errors.length > 0) throw invalidManifest(errors);
  return manifest;
}

/**
 * GitHub's documented parameters, and `version`: Probot's setup page sends `"version": "v1"` in every
 * manifest (probot/lib/manifest-creation.js), and GitHub accepts it.
 */
const KNOWN = new Set([
  "name",
  "url",
  "hook_attributes",
  "redirect_url",
  "callback_urls",
  "setup_url",
  "description",
  "public",
  "default_events",
  "default_permissions",
  "request_oauth_on_install",
  "setup_on_update",
  "version",
]);

type Fail = (field: string, message: string) => void;

function invalidManifest(errors: FieldError[]): ValidationError {
  return new ValidationError("The manifest is invalid.", errors);
}

function optionalString(m: Fields, field: string, fail: Fail): string | undefined {
  const value = m[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") fail(field, `${field} must be a string.`);
  else if (value.length > 2048) fail(field, `${field} is too long.`);
  else return value;
  return undefined;
}

function optionalBoolean(m: Fields, field: string, fail: Fail): boolean | undefined {
  const value = m[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") fail(field, `${field} must be true or false.`);
  else return value;
  return undefined;
}

function httpUrl(value: unknown, field: string, fail: Fail, required: boolean): string | undefined {
  if (value === undefined || value === null || value === "") {
    if (required) fail(field, `${field} is required.`);
    return undefined;
  }
  if (typeof value !== "string" || value.length > 2048) {
    fail(field, `${field} must be a URL.`);
    return undefined;
  }
  try {
    const { protocol } = new URL(value);
    if (protocol === "http:" || protocol === "https:") return value;
  } catch {
    // reported below
  }
  fail(field, `${field} must be a full http or https URL.`);
  return undefined;
}

function hookAttributes(value: unknown, fail: Fail): AppManifest["hook"] {
  if (value === undefined || value === null) return null;
  if (typeof value !== "object" || Array.isArray(value)) {
    fail("hook_attributes", "hook_attributes must be an object.");
    return null;
  }
  const hook = value as Fields;
  for (const key of Object.keys(hook)) {
    if (key !== "url" && key !== "active")
      fail(`hook_attributes.${key}`, `'${key}' is not a hook attribute.`);
  }
  const url = httpUrl(hook.url, "hook_attributes.url", fail, true);
  const active = optionalBoolean(hook, "active", (_, message) => fail("hook_attributes.active", message));
  return url === undefined ? null : { url, active: active ?? true };
}

function permissions(value: unknown, fail: Fail): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) {
    fail("default_permissions", "default_permissions must be an object of permission names and levels.");
    return {};
  }
  const result: Record<string, string> = {};
  for (const [name, level] of Object.entries(value as Fields)) {
    const levels = Object.hasOwn(PERMISSION_LEVELS, name) ? PERMISSION_LEVELS[name] : undefined;
    if (!levels) fail("default_permissions", `The permission '${name}' does not exist.`);
    else if (!levels.includes(level as never)) {
      fail(
        "default_permissions",
        `The permission '${name}' cannot be '${String(level)}'. Allowed: ${levels.join(", ")}.`,
      );
    } else result[name] = level as string;
  }
  return result;
}

function events(value: unknown, fail: Fail): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > 200) {
    fail("default_events", "default_events must be a list of event names.");
    return [];
  }
  const result: string[] = [];
  for (const event of value) {
    if (typeof event !== "string" || !EVENT.test(event)) {
      fail("default_events", `'${String(event)}' is not a webhook event.`);
    } else result.push(event);
  }
  return result;
}

function callbackUrls(value: unknown, fail: Fail): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > 10) {
    fail("callback_urls", "callback_urls must be a list of at most 10 URLs.");
    return [];
  }
  return value.flatMap((url) => httpUrl(url, "callback_urls", fail, true) ?? []);
}
