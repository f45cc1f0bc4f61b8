import type { Context, Reply, Route } from "./route.js";
import * as appHook from "./routes/app-hook.js";
import * as apps from "./routes/apps.js";
import * as installation from "./routes/installation.js";
import * as installations from "./routes/installations.js";
import * as meta from "./routes/meta.js";
import * as repos from "./routes/repos.js";

const DOCS = "https://docs.github.com/rest";
/** Handlers are typed with the principal their guard guarantees; the table holds them as plain handlers. */
const h = <P extends Context["principal"]>(fn: (ctx: Context<P>) => Promise<Reply>) => fn as Route["handler"];

/**
 * THE route table: every endpoint hubcap serves, as GitHub's REST reference lists it, each served at
 * the host root and under /api/v3.
 */
export const routes: Route[] = [
  // Meta and rate limit
  {
    method: "GET",
    path: "/",
    operationId: "meta/root",
    docs: `${DOCS}/meta/meta#github-api-root`,
    guard: "optional",
    handler: meta.root,
  },
  {
    method: "GET",
    path: "/rate_limit",
    operationId: "rate-limit/get",
    docs: `${DOCS}/rate-limit/rate-limit#get-rate-limit-status-for-the-authenticated-user`,
    guard: "optional",
    rateLimited: false,
    handler: meta.getRateLimit,
  },

  // Apps
  {
    method: "GET",
    path: "/app",
    operationId: "apps/get-authenticated",
    docs: `${DOCS}/apps/apps#get-the-authenticated-app`,
    guard: "app",
    handler: h(apps.getAuthenticated),
  },
  {
    method: "GET",
    path: "/apps/{app_slug}",
    operationId: "apps/get-by-slug",
    docs: `${DOCS}/apps/apps#get-an-app`,
    guard: "any",
    handler: apps.getBySlug,
  },

  // The app's webhook
  {
    method: "GET",
    path: "/app/hook/config",
    operationId: "apps/get-webhook-config-for-app",
    docs: `${DOCS}/apps/webhooks#get-a-webhook-configuration-for-an-app`,
    guard: "app",
    handler: h(appHook.getWebhookConfigForApp),
  },
  {
    method: "PATCH",
    path: "/app/hook/config",
    operationId: "apps/update-webhook-config-for-app",
    docs: `${DOCS}/apps/webhooks#update-a-webhook-configuration-for-an-app`,
    guard: "app",
    body: appHook.webhookConfigBody,
    handler: h(appHook.updateWebhookConfigForApp),
  },
  {
    method: "GET",
    path: "/app/hook/deliveries",
    operationId: "apps/list-webhook-deliveries",
    docs: `${DOCS}/apps/webhooks#list-deliveries-for-an-app-webhook`,
    guard: "app",
    handler: h(appHook.listWebhookDeliveries),
  },
  {
    method: "GET",
    path: "/app/hook/deliveries/{delivery_id}",
    operationId: "apps/get-webhook-delivery",
    docs: `${DOCS}/apps/webhooks#get-a-delivery-for-an-app-webhook`,
    guard: "app",
    handler: h(appHook.getWebhookDelivery),
  },
  {
    method: "POST",
    path: "/app/hook/deliveries/{delivery_id}/attempts",
    operationId: "apps/redeliver-webhook-delivery",
    docs: `${DOCS}/apps/webhooks#redeliver-a-delivery-for-an-app-webhook`,
    guard: "app",
    handler: h(appHook.redeliverWebhookDelivery),
  },

  // Installations, as the app (JWT)
  {
    method: "GET",
    path: "/app/installations",
    operationId: "apps/list-installations",
    docs: `${DOCS}/apps/apps#list-installations-for-the-authenticated-app`,
    guard: "app",
    handler: h(installations.listInstallations),
  },
  {
    method: "GET",
    path: "/app/installations/{installation_id}",
    operationId: "apps/get-installation",
    docs: `${DOCS}/apps/apps#get-an-installation-for-the-authenticated-app`,
    guard: "app",
    handler: h(installations.getInstallation),
  },
  {
    method: "DELETE",
    path: "/app/installations/{installation_id}",
    operationId: "apps/delete-installation",
    docs: `${DOCS}/apps/apps#delete-an-installation-for-the-authenticated-app`,
    guard: "app",
    handler: h(installations.deleteInstallation),
  },
  {
    method: "POST",
    path: "/app/installations/{installation_id}/access_tokens",
    operationId: "apps/create-installation-access-token",
    docs: `${DOCS}/apps/apps#create-an-installation-access-token-for-an-app`,
    guard: "app",
    body: installations.accessTokenBody,
    handler: h(installations.createInstallationAccessToken),
  },
  {
    method: "PUT",
    path: "/app/installations/{installation_id}/suspended",
    operationId: "apps/suspend-installation",
    docs: `${DOCS}/apps/apps#suspend-an-app-installation`,
    guard: "app",
    handler: h(installations.suspendInstallation),
  },
  {
    method: "DELETE",
    path: "/app/installations/{installation_id}/suspended",
    operationId: "apps/unsuspend-installation",
    docs: `${DOCS}/apps/apps#unsuspend-an-app-installation`,
    guard: "app",
    handler: h(installations.unsuspendInstallation),
  },
  {
    method: "GET",
    path: "/orgs/{org}/installation",
    operationId: "apps/get-org-installation",
    docs: `${DOCS}/apps/apps#get-an-organization-installation-for-the-authenticated-app`,
    guard: "app",
    handler: h(installations.getOrgInstallation),
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/installation",
    operationId: "apps/get-repo-installation",
    docs: `${DOCS}/apps/apps#get-a-repository-installation-for-the-authenticated-app`,
    guard: "app",
    handler: h(installations.getRepoInstallation),
  },
  {
    method: "GET",
    path: "/users/{username}/installation",
    operationId: "apps/get-user-installation",
    docs: `${DOCS}/apps/apps#get-a-user-installation-for-the-authenticated-app`,
    guard: "app",
    handler: h(installations.getUserInstallation),
  },

  // The installation itself (installation token)
  {
    method: "GET",
    path: "/installation/repositories",
    operationId: "apps/list-repos-accessible-to-installation",
    docs: `${DOCS}/apps/installations#list-repositories-accessible-to-the-app-installation`,
    guard: "installation",
    handler: h(installation.listReposAccessibleToInstallation),
  },
  {
    method: "DELETE",
    path: "/installation/token",
    operationId: "apps/revoke-installation-access-token",
    docs: `${DOCS}/apps/installations#revoke-an-installation-access-token`,
    guard: "installation",
    handler: h(installation.revokeInstallationAccessToken),
  },

  // Repositories
  {
    method: "GET",
    path: "/repos/{owner}/{repo}",
    operationId: "repos/get",
    docs: `${DOCS}/repos/repos#get-a-repository`,
    guard: "optional",
    handler: repos.get,
  },
];
