import type { RepositoryPermission } from "../domain/model.js";

/**
 * Table types for Kysely. Both stores share these: integers are 64-bit in PostgreSQL and parsed as
 * JavaScript numbers (every id and timestamp stays below 2^53); flags are 0/1 integers and JSON is text,
 * so a row reads the same from SQLite and PostgreSQL.
 */
export interface Database {
  sequences: { name: string; next_id: number };
  settings: { key: string; value: string };
  accounts: {
    id: number;
    login: string;
    login_key: string;
    type: "User" | "Organization";
    name: string | null;
    email: string | null;
    site_admin: number;
    created_at: number;
    updated_at: number;
    password_hash: string | null;
  };
  org_members: { org_id: number; user_id: number; role: "member" | "admin" };
  repositories: {
    id: number;
    owner_id: number;
    name: string;
    name_key: string;
    private: number;
    description: string | null;
    default_branch: string;
    created_at: number;
    updated_at: number;
    pushed_at: number;
  };
  apps: {
    id: number;
    slug: string;
    name: string;
    description: string | null;
    external_url: string;
    owner_id: number;
    public: number;
    client_id: string;
    permissions: string;
    events: string;
    webhook_url: string | null;
    webhook_secret: string | null;
    webhook_content_type: "json" | "form";
    webhook_insecure_ssl: "0" | "1";
    webhook_active: number;
    hook_id: number | null;
    installations_count: number;
    /** JSON array of URLs. */
    callback_urls: string;
    expire_user_tokens: number;
    device_flow_enabled: number;
    created_at: number;
    updated_at: number;
  };
  app_keys: { id: number; app_id: number; fingerprint: string; public_key_pem: string; created_at: number };
  app_client_secrets: {
    id: number;
    app_id: number;
    secret_hash: string;
    last_eight: string;
    created_at: number;
  };
  installations: {
    id: number;
    app_id: number;
    account_id: number;
    repository_selection: "all" | "selected";
    permissions: string;
    events: string;
    suspended_at: number | null;
    suspended_by_id: number | null;
    created_at: number;
    updated_at: number;
  };
  installation_repositories: { installation_id: number; repository_id: number };
  installation_tokens: {
    token_hash: string;
    installation_id: number;
    permissions: string;
    repository_ids: string | null;
    expires_at: number;
    created_at: number;
  };
  user_tokens: {
    token_hash: string;
    user_id: number;
    kind: "personal" | "impersonation";
    scopes: string;
    expires_at: number | null;
    created_at: number;
    authorization_id: number | null;
    note: string | null;
    last_eight: string | null;
  };
  repository_collaborators: { repository_id: number; user_id: number; permission: RepositoryPermission };
  rate_limits: { key: string; reset_at: number; used: number };
  sessions: { id_hash: string; user_id: number; csrf_token: string; created_at: number; expires_at: number };
  webhook_deliveries: {
    id: number;
    guid: string;
    app_id: number;
    hook_id: number;
    installation_id: number | null;
    repository_id: number | null;
    event: string;
    action: string | null;
    payload: string;
    redelivery: number;
    state: "pending" | "delivering" | "done";
    claimed_by: string | null;
    claimed_at: number | null;
    url: string | null;
    delivered_at: number | null;
    duration: number | null;
    status: string | null;
    status_code: number | null;
    request_headers: string | null;
    response_headers: string | null;
    response_body: string | null;
    created_at: number;
  };
  marketplace_plans: {
    id: number;
    app_id: number;
    number: number;
    name: string;
    description: string;
    monthly_price_in_cents: number;
    yearly_price_in_cents: number;
    price_model: "FREE" | "FLAT_RATE" | "PER_UNIT";
    unit_name: string | null;
    has_free_trial: number;
    bullets: string;
    state: "published" | "draft";
    created_at: number;
    updated_at: number;
  };
  marketplace_purchases: {
    app_id: number;
    account_id: number;
    plan_id: number;
    billing_cycle: "monthly" | "yearly";
    unit_count: number;
    on_free_trial: number;
    free_trial_ends_on: number | null;
    next_billing_date: number | null;
    pending_id: number | null;
    pending_plan_id: number | null;
    pending_unit_count: number | null;
    pending_billing_cycle: "monthly" | "yearly" | null;
    pending_effective_date: number | null;
    created_at: number;
    updated_at: number;
  };
  installation_requests: {
    id: number;
    app_id: number;
    account_id: number;
    requester_id: number;
    created_at: number;
  };
  app_content_reference_domains: { app_id: number; domain: string };
  content_references: {
    id: number;
    installation_id: number;
    repository_id: number;
    reference: string;
    created_at: number;
  };
  content_attachments: {
    id: number;
    content_reference_id: number;
    title: string;
    body: string;
    created_at: number;
  };
  app_manifests: {
    id_hash: string;
    manifest: string;
    state: string | null;
    owner_id: number | null;
    created_at: number;
    expires_at: number;
  };
  app_manifest_codes: {
    code_hash: string;
    app_id: number;
    creator_id: number;
    created_at: number;
    expires_at: number;
  };
  oauth_grants: { id: number; user_id: number; app_id: number; created_at: number };
  user_access_tokens: {
    id: number;
    token_hash: string;
    refresh_token_hash: string | null;
    grant_id: number;
    last_eight: string;
    expires_at: number | null;
    refresh_expires_at: number | null;
    target_id: number | null;
    repository_ids: string | null;
    permissions: string | null;
    created_at: number;
  };
  oauth_codes: {
    code_hash: string;
    app_id: number;
    grant_id: number;
    redirect_uri: string | null;
    code_challenge: string | null;
    expires_at: number;
    created_at: number;
  };
  oauth_device_codes: {
    device_code_hash: string;
    user_code: string;
    app_id: number;
    state: "pending" | "authorized" | "denied";
    grant_id: number | null;
    interval: number;
    last_polled_at: number | null;
    expires_at: number;
    created_at: number;
  };
}
