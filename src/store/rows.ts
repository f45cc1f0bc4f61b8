export { canonicalJson } from "../domain/same-json.js";
import type { Account, App, Delivery, Installation, InstallationGrant, Repository } from "../domain/model.js";

/**
 * Row → domain conversions. Joined rows carry an account under a column prefix (`acc_`, `sus_`, `own_`),
 * so one read returns an object and its account together.
 */
type Row = Record<string, unknown>;

export const accountColumns = [
  "id",
  "login",
  "type",
  "name",
  "email",
  "site_admin",
  "created_at",
  "updated_at",
] as const;

export function toAccount(row: Row, prefix = ""): Account {
  return {
    id: row[`${prefix}id`] as number,
    login: row[`${prefix}login`] as string,
    type: row[`${prefix}type`] as Account["type"],
    name: (row[`${prefix}name`] as string | null) ?? null,
    email: (row[`${prefix}email`] as string | null) ?? null,
    siteAdmin: row[`${prefix}site_admin`] === 1 || row[`${prefix}site_admin`] === true,
    createdAt: row[`${prefix}created_at`] as number,
    updatedAt: row[`${prefix}updated_at`] as number,
  };
}

export function toRepository(row: Row, owner: Account): Repository {
  return {
    id: row.id as number,
    owner,
    name: row.name as string,
    private: row.private === 1 || row.private === true,
    description: (row.description as string | null) ?? null,
    defaultBranch: row.default_branch as string,
    createdAt: row.created_at as number,
    updatedAt: row.updated_at as number,
    pushedAt: row.pushed_at as number,
  };
}

export function toApp(row: Row): App {
  return {
    id: row.id as number,
    slug: row.slug as string,
    name: row.name as string,
    description: (row.description as string | null) ?? null,
    externalUrl: row.external_url as string,
    owner: toAccount(row, "own_"),
    public: row.public === 1 || row.public === true,
    clientId: row.client_id as string,
    permissions: JSON.parse(row.permissions as string),
    events: JSON.parse(row.events as string),
    webhookUrl: (row.webhook_url as string | null) ?? null,
    webhookContentType: (row.webhook_content_type as App["webhookContentType"]) ?? "json",
    webhookInsecureSsl: (row.webhook_insecure_ssl as App["webhookInsecureSsl"]) ?? "0",
    webhookActive: row.webhook_active === 1 || row.webhook_active === true,
    hookId: (row.hook_id as number | null) ?? null,
    installationsCount: row.installations_count as number,
    createdAt: row.created_at as number,
    updatedAt: row.updated_at as number,
  };
}

export function toInstallationGrant(row: Row): InstallationGrant {
  return {
    id: row.id as number,
    appId: row.app_id as number,
    account: toAccount(row, "acc_"),
    repositorySelection: row.repository_selection as Installation["repositorySelection"],
    permissions: JSON.parse(row.permissions as string),
    suspendedAt: (row.suspended_at as number | null) ?? null,
  };
}

export function toInstallation(row: Row): Installation {
  return {
    id: row.id as number,
    appId: row.app_id as number,
    appSlug: row.app_slug as string,
    account: toAccount(row, "acc_"),
    repositorySelection: row.repository_selection as Installation["repositorySelection"],
    permissions: JSON.parse(row.permissions as string),
    events: JSON.parse(row.events as string),
    suspendedAt: (row.suspended_at as number | null) ?? null,
    suspendedBy: row.sus_id == null ? null : toAccount(row, "sus_"),
    createdAt: row.created_at as number,
    updatedAt: row.updated_at as number,
  };
}

export function toDelivery(row: Row): Delivery {
  const json = (value: unknown) => (value == null ? null : JSON.parse(value as string));
  return {
    id: row.id as number,
    guid: row.guid as string,
    appId: row.app_id as number,
    hookId: row.hook_id as number,
    installationId: (row.installation_id as number | null) ?? null,
    repositoryId: (row.repository_id as number | null) ?? null,
    event: row.event as string,
    action: (row.action as string | null) ?? null,
    payload: row.payload as string,
    redelivery: row.redelivery === 1 || row.redelivery === true,
    url: (row.url as string | null) ?? null,
    deliveredAt: (row.delivered_at as number | null) ?? null,
    duration: row.duration == null ? null : Number(row.duration),
    status: (row.status as string | null) ?? null,
    statusCode: (row.status_code as number | null) ?? null,
    requestHeaders: json(row.request_headers),
    responseHeaders: json(row.response_headers),
    responseBody: (row.response_body as string | null) ?? null,
    createdAt: row.created_at as number,
  };
}
