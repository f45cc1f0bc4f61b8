import { readFileSync } from "node:fs";
import { Ajv, type ErrorObject } from "ajv";
import { didYouMean } from "./did-you-mean.js";
import { parse as parseYaml } from "yaml";
import { MERGE_SETTING_SCHEMA } from "./merge-settings.js";
import type { MergeSettings } from "./model.js";
import { FIELD_LIMITS } from "./field-limits.js";
import { MAX_PASSWORD_LENGTH } from "./passwords.js";
import { PERMISSION_LEVELS } from "./permissions.js";

/** A Marketplace plan as a world (and the administration API) declares it, in GitHub's field names. */
export interface PlanSpec {
  /** The plan's place in the listing; defaults to its position in the list (1, 2, …). */
  number?: number;
  name: string;
  description: string;
  price_model: "FREE" | "FLAT_RATE" | "PER_UNIT";
  monthly_price_in_cents?: number;
  yearly_price_in_cents?: number;
  unit_name?: string | null;
  has_free_trial?: boolean;
  bullets?: string[];
  state?: "published" | "draft";
}

/** The declarative world: what `--world FILE` and the testing library's `world` option describe. */
export interface WorldFile {
  users?: Array<{
    login: string;
    id?: number;
    name?: string | null;
    email?: string | null;
    site_admin?: boolean;
    token?: string;
    tokens?: string[];
    /**
     * The OAuth scopes of the user's tokens. Absent: those of a classic token with every box of the
     * API hubcap serves ticked (`repo`, `delete_repo`, `admin:org`, `user`, and `site_admin` for a site
     * administrator).
     */
    token_scopes?: string[];
    /** Signs the user in to the web pages; stored as a scrypt hash only. */
    password?: string;
  }>;
  orgs?: Array<{
    login: string;
    id?: number;
    name?: string | null;
    /** Shown as `organization_billing_email` on the organization's Marketplace purchases. */
    billing_email?: string | null;
    members?: string[];
    admins?: string[];
  }>;
  repos?: Array<
    {
      full_name: string;
      id?: number;
      private?: boolean;
      description?: string | null;
      default_branch?: string;
      /** Users given a role in the repository: login → pull, triage, push, maintain or admin. */
      collaborators?: Record<string, "pull" | "triage" | "push" | "maintain" | "admin">;
    } & Partial<MergeSettings>
  >;
  apps?: Array<{
    slug: string;
    id?: number;
    name?: string;
    description?: string | null;
    external_url?: string;
    owner: string;
    public?: boolean;
    permissions?: Record<string, string>;
    events?: string[];
    client_id?: string;
    client_secret?: string;
    /** More client secrets; an app may have several at once (to rotate them). */
    client_secrets?: string[];
    /**
     * Client secrets as hubcap keeps them (`world export --with-secrets`): the SHA-256 of each, so that
     * an export can bring them back without hubcap ever having held them in plain text.
     */
    client_secret_hashes?: Array<{ sha256: string; last_eight: string }>;
    /** Where the web flow may send people back after they authorize the app (the first is the default). */
    callback_urls?: string[];
    /** "Expire user authorization tokens": on by default, as on GitHub. */
    expire_user_tokens?: boolean;
    enable_device_flow?: boolean;
    webhook?: { url?: string; secret?: string };
    webhook_url?: string;
    webhook_secret?: string;
    private_key_file?: string;
    public_keys?: string[];
    /** Domains whose links the app hears of (`content_reference` webhooks). */
    content_references?: string[];
    /** The app's GitHub Marketplace listing. */
    marketplace_plans?: PlanSpec[];
  }>;
  installations?: Array<{
    app: string;
    account: string;
    id?: number;
    repository_selection?: "all" | "selected";
    repositories?: string[];
    permissions?: Record<string, string>;
    events?: string[];
    suspended?: boolean;
  }>;
  /** Accounts' purchases of apps' Marketplace plans (by plan number). */
  marketplace_purchases?: Array<{
    app: string;
    account: string;
    plan: number;
    billing_cycle?: "monthly" | "yearly";
    unit_count?: number;
    free_trial?: boolean;
  }>;
}

const login = { type: "string", pattern: "^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$" };
const id = { type: "integer", minimum: 1, maximum: 9007199254740991 };
const accountName = { type: ["string", "null"], maxLength: FIELD_LIMITS.accountName };
/** Pages link to these and hubcap sends to some: absolute http(s) URLs only (field-limits.ts). */
const httpUrl = { type: "string", pattern: "^https?://[^\\s]+$", maxLength: FIELD_LIMITS.url };
const permissions = {
  type: "object",
  propertyNames: { enum: Object.keys(PERMISSION_LEVELS) },
  additionalProperties: { enum: ["read", "write", "admin"] },
};
const strings = { type: "array", items: { type: "string" } };
const cents = { type: "integer", minimum: 0, maximum: 100_000_000 };

/** One plan of a listing; the administration API takes the same shape. */
export const planSchema = {
  type: "object",
  additionalProperties: false,
  required: ["name", "description", "price_model"],
  properties: {
    number: { type: "integer", minimum: 1, maximum: 1000 },
    name: { type: "string", minLength: 1, maxLength: 255 },
    description: { type: "string", maxLength: 2000 },
    price_model: { enum: ["FREE", "FLAT_RATE", "PER_UNIT"] },
    monthly_price_in_cents: cents,
    yearly_price_in_cents: cents,
    unit_name: { type: ["string", "null"], maxLength: 100 },
    has_free_trial: { type: "boolean" },
    bullets: { type: "array", maxItems: 8, items: { type: "string", maxLength: 255 } },
    state: { enum: ["published", "draft"] },
  },
};

const schema = {
  type: "object",
  additionalProperties: false,
  properties: {
    users: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["login"],
        properties: {
          login,
          id,
          name: accountName,
          email: { type: ["string", "null"], maxLength: FIELD_LIMITS.accountEmail },
          site_admin: { type: "boolean" },
          token: { type: "string", pattern: "^[A-Za-z0-9_]{8,255}$" },
          tokens: { type: "array", items: { type: "string", pattern: "^[A-Za-z0-9_]{8,255}$" } },
          token_scopes: {
            type: "array",
            maxItems: 50,
            items: { type: "string", pattern: "^[a-z_:]{1,64}$" },
          },
          password: { type: "string", minLength: 1, maxLength: MAX_PASSWORD_LENGTH },
        },
      },
    },
    orgs: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["login"],
        properties: {
          login,
          id,
          name: accountName,
          billing_email: { type: ["string", "null"], maxLength: FIELD_LIMITS.accountEmail },
          members: strings,
          admins: strings,
        },
      },
    },
    repos: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["full_name"],
        properties: {
          full_name: { type: "string", pattern: "^[A-Za-z0-9-]+/[A-Za-z0-9._-]{1,100}$" },
          id,
          private: { type: "boolean" },
          description: { type: ["string", "null"], maxLength: FIELD_LIMITS.repositoryDescription },
          default_branch: { type: "string", minLength: 1, maxLength: FIELD_LIMITS.branchName },
          ...MERGE_SETTING_SCHEMA,
          collaborators: {
            type: "object",
            additionalProperties: { enum: ["pull", "triage", "push", "maintain", "admin"] },
          },
        },
      },
    },
    apps: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["slug", "owner"],
        properties: {
          slug: { type: "string", pattern: "^[a-z0-9](?:[a-z0-9-]{0,33}[a-z0-9])?$" },
          id,
          name: { type: "string", minLength: 1, maxLength: 34 },
          description: { type: ["string", "null"], maxLength: FIELD_LIMITS.appDescription },
          external_url: httpUrl,
          owner: login,
          public: { type: "boolean" },
          permissions,
          events: strings,
          client_id: { type: "string", pattern: "^Iv[0-9A-Za-z.]{4,60}$" },
          client_secret: { type: "string", minLength: 8 },
          client_secrets: { type: "array", items: { type: "string", minLength: 8 } },
          client_secret_hashes: {
            type: "array",
            items: {
              type: "object",
              additionalProperties: false,
              required: ["sha256", "last_eight"],
              properties: {
                // base64url SHA-256: 43 characters.
                sha256: { type: "string", pattern: "^[A-Za-z0-9_-]{43}$" },
                last_eight: { type: "string", minLength: 1, maxLength: 8 },
              },
            },
          },
          callback_urls: { type: "array", items: httpUrl, maxItems: 10 },
          expire_user_tokens: { type: "boolean" },
          enable_device_flow: { type: "boolean" },
          webhook: {
            type: "object",
            additionalProperties: false,
            properties: { url: httpUrl, secret: { type: "string" } },
          },
          webhook_url: httpUrl,
          webhook_secret: { type: "string" },
          private_key_file: { type: "string", minLength: 1 },
          public_keys: strings,
          content_references: strings,
          marketplace_plans: { type: "array", items: planSchema },
        },
      },
    },
    installations: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["app", "account"],
        properties: {
          app: { type: "string" },
          account: login,
          id,
          repository_selection: { enum: ["all", "selected"] },
          repositories: strings,
          permissions,
          events: strings,
          suspended: { type: "boolean" },
        },
      },
    },
    marketplace_purchases: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["app", "account", "plan"],
        properties: {
          app: { type: "string" },
          account: login,
          plan: { type: "integer", minimum: 1 },
          billing_cycle: { enum: ["monthly", "yearly"] },
          unit_count: { type: "integer", minimum: 1 },
          free_trial: { type: "boolean" },
        },
      },
    },
  },
};

// verbose: each error carries the offending value and its schema, so a problem can name both.
const validate = new Ajv({ allErrors: true, strict: false, verbose: true }).compile<WorldFile>(schema);

/** A world that cannot be applied; its message lists every problem found, one a line. */
export class WorldError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
  }

  /** One error for all of `problems` (each `path: what is wrong`), so one run reports them all. */
  static of(problems: string[]): WorldError {
    return new WorldError(`the world is not valid:\n${problems.map((p) => `  ${p}`).join("\n")}`, problems);
  }
}

/** `/apps/0/permissions` → `apps[0].permissions`, the way a reader points into the file. */
function pathOf(pointer: string, key?: string): string {
  const parts = pointer
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (key !== undefined) parts.push(key);
  let path = "";
  for (const part of parts) {
    if (/^\d+$/.test(part)) path += `[${part}]`;
    else path += path ? `.${part}` : part;
  }
  return path || "(top level)";
}

const shown = (value: unknown) => (typeof value === "string" ? `\`${value}\`` : JSON.stringify(value));

/** One schema problem in words: where, the offending key or value, and what was probably meant. */
function describe(e: ErrorObject): string | undefined {
  const propertyName = (e as ErrorObject & { propertyName?: string }).propertyName;
  // A bad key under `propertyNames` comes twice: as the enum it misses (kept) and as a summary.
  if (e.keyword === "propertyNames") return undefined;
  if (propertyName !== undefined && e.keyword === "enum") {
    const allowed = e.params.allowedValues as string[];
    return `${pathOf(e.instancePath, propertyName)}: unknown key ${shown(propertyName)}${didYouMean(propertyName, allowed)}`;
  }
  switch (e.keyword) {
    case "additionalProperties": {
      const key = String(e.params.additionalProperty);
      const known = Object.keys((e.parentSchema as { properties?: object }).properties ?? {});
      return `${pathOf(e.instancePath, key)}: unknown key ${shown(key)}${didYouMean(key, known)}`;
    }
    case "enum": {
      const allowed = e.params.allowedValues as unknown[];
      const hint = typeof e.data === "string" ? didYouMean(e.data, allowed.map(String)) : "";
      return `${pathOf(e.instancePath)}: ${shown(e.data)} is not one of ${allowed.map(shown).join(", ")}${hint}`;
    }
    case "required":
      return `${pathOf(e.instancePath)}: missing ${shown(e.params.missingProperty)}`;
    default:
      return `${pathOf(e.instancePath)}: ${shown(e.data)} ${e.message}`;
  }
}

/** Checks a world's shape; every problem is reported at once, each with its path. */
export function checkWorld(value: unknown): WorldFile {
  if (value === null || value === undefined) return {};
  if (!validate(value)) {
    const problems = (validate.errors ?? []).map(describe).filter((p): p is string => p !== undefined);
    throw WorldError.of([...new Set(problems)]);
  }
  return value;
}

/** Reads a YAML or JSON world file (JSON is YAML, so one parser reads both). */
export function readWorldFile(path: string): WorldFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new WorldError(`cannot read the world file ${path}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    throw new WorldError(`the world file ${path} is not valid YAML or JSON: ${(error as Error).message}`);
  }
  return checkWorld(value);
}
