import { route, type Route, type RouteSpec } from "./route.js";
import * as appHook from "./routes/app-hook.js";
import * as appManifests from "./routes/app-manifests.js";
import * as contentReferences from "./routes/content-references.js";
import * as enterpriseAdmin from "./routes/enterprise-admin.js";
import * as hubcapApps from "./routes/hubcap/apps.js";
import * as hubcapContentReferences from "./routes/hubcap/content-references.js";
import * as hubcapInstallationRequests from "./routes/hubcap/installation-requests.js";
import * as hubcapMarketplace from "./routes/hubcap/marketplace.js";
import * as hubcapInstallations from "./routes/hubcap/installations.js";
import * as hubcapRepos from "./routes/hubcap/repos.js";
import * as hubcapWorld from "./routes/hubcap/world.js";
import * as orgs from "./routes/orgs.js";
import * as apps from "./routes/apps.js";
import * as installation from "./routes/installation.js";
import * as installations from "./routes/installations.js";
import * as marketplace from "./routes/marketplace.js";
import * as meta from "./routes/meta.js";
import * as oauthApplications from "./routes/oauth-applications.js";
import * as repos from "./routes/repos.js";
import * as user from "./routes/user.js";

const DOCS = "https://docs.github.com/rest";
const GHES_DOCS = "https://docs.github.com/enterprise-server@3.19/rest";
/** The token-in-path forms of the OAuth applications API left GitHub's reference; this was their home. */
const LEGACY_OAUTH_DOCS = "https://developer.github.com/v3/apps/oauth_applications";
/** hubcap's own administration API is documented in the package, not on GitHub's site. */
const HUBCAP_DOCS = "docs/administration.md";

/**
 * THE route table: every endpoint hubcap serves, as GitHub's REST reference lists it, each served at
 * the host root and under /api/v3.
 */
export const routes: Route[] = [
  // Meta and rate limit
  route({
    method: "GET",
    path: "/",
    operationId: "meta/root",
    docs: `${DOCS}/meta/meta#github-api-root`,
    guard: "optional",
    handler: meta.root,
  }),
  route({
    method: "GET",
    path: "/rate_limit",
    operationId: "rate-limit/get",
    docs: `${DOCS}/rate-limit/rate-limit#get-rate-limit-status-for-the-authenticated-user`,
    guard: "optional",
    rateLimited: false,
    handler: meta.getRateLimit,
  }),

  // Apps
  route({
    method: "GET",
    path: "/app",
    operationId: "apps/get-authenticated",
    docs: `${DOCS}/apps/apps#get-the-authenticated-app`,
    guard: "app",
    cached: true,
    handler: apps.getAuthenticated,
  }),
  route({
    method: "GET",
    path: "/apps/{app_slug}",
    operationId: "apps/get-by-slug",
    docs: `${DOCS}/apps/apps#get-an-app`,
    guard: "any",
    handler: apps.getBySlug,
  }),
  route({
    method: "POST",
    path: "/app-manifests/{code}/conversions",
    operationId: "apps/create-from-manifest",
    docs: `${DOCS}/apps/apps#create-a-github-app-from-a-manifest`,
    guard: "any",
    rateLimited: "integration_manifest",
    handler: appManifests.createFromManifest,
  }),

  // The app's webhook
  route({
    method: "GET",
    path: "/app/hook/config",
    operationId: "apps/get-webhook-config-for-app",
    docs: `${DOCS}/apps/webhooks#get-a-webhook-configuration-for-an-app`,
    guard: "app",
    handler: appHook.getWebhookConfigForApp,
  }),
  route({
    method: "PATCH",
    path: "/app/hook/config",
    operationId: "apps/update-webhook-config-for-app",
    docs: `${DOCS}/apps/webhooks#update-a-webhook-configuration-for-an-app`,
    guard: "app",
    body: appHook.webhookConfigBody,
    handler: appHook.updateWebhookConfigForApp,
  }),
  route({
    method: "GET",
    path: "/app/hook/deliveries",
    operationId: "apps/list-webhook-deliveries",
    docs: `${DOCS}/apps/webhooks#list-deliveries-for-an-app-webhook`,
    guard: "app",
    handler: appHook.listWebhookDeliveries,
  }),
  route({
    method: "GET",
    path: "/app/hook/deliveries/{delivery_id}",
    operationId: "apps/get-webhook-delivery",
    docs: `${DOCS}/apps/webhooks#get-a-delivery-for-an-app-webhook`,
    guard: "app",
    handler: appHook.getWebhookDelivery,
  }),
  route({
    method: "POST",
    path: "/app/hook/deliveries/{delivery_id}/attempts",
    operationId: "apps/redeliver-webhook-delivery",
    docs: `${DOCS}/apps/webhooks#redeliver-a-delivery-for-an-app-webhook`,
    guard: "app",
    handler: appHook.redeliverWebhookDelivery,
  }),

  // Installations, as the app (JWT)
  route({
    method: "GET",
    path: "/app/installations",
    operationId: "apps/list-installations",
    docs: `${DOCS}/apps/apps#list-installations-for-the-authenticated-app`,
    guard: "app",
    cached: true,
    handler: installations.listInstallations,
  }),
  route({
    method: "GET",
    path: "/app/installations/{installation_id}",
    operationId: "apps/get-installation",
    docs: `${DOCS}/apps/apps#get-an-installation-for-the-authenticated-app`,
    guard: "app",
    cached: true,
    handler: installations.getInstallation,
  }),
  route({
    method: "DELETE",
    path: "/app/installations/{installation_id}",
    operationId: "apps/delete-installation",
    docs: `${DOCS}/apps/apps#delete-an-installation-for-the-authenticated-app`,
    guard: "app",
    handler: installations.deleteInstallation,
  }),
  route({
    method: "POST",
    path: "/app/installations/{installation_id}/access_tokens",
    operationId: "apps/create-installation-access-token",
    docs: `${DOCS}/apps/apps#create-an-installation-access-token-for-an-app`,
    guard: "app",
    body: installations.accessTokenBody,
    handler: installations.createInstallationAccessToken,
  }),
  route({
    method: "PUT",
    path: "/app/installations/{installation_id}/suspended",
    operationId: "apps/suspend-installation",
    docs: `${DOCS}/apps/apps#suspend-an-app-installation`,
    guard: "app",
    handler: installations.suspendInstallation,
  }),
  route({
    method: "DELETE",
    path: "/app/installations/{installation_id}/suspended",
    operationId: "apps/unsuspend-installation",
    docs: `${DOCS}/apps/apps#unsuspend-an-app-installation`,
    guard: "app",
    handler: installations.unsuspendInstallation,
  }),
  route({
    method: "GET",
    path: "/orgs/{org}/installation",
    operationId: "apps/get-org-installation",
    docs: `${DOCS}/apps/apps#get-an-organization-installation-for-the-authenticated-app`,
    guard: "app",
    cached: true,
    handler: installations.getOrgInstallation,
  }),
  route({
    method: "GET",
    path: "/repos/{owner}/{repo}/installation",
    operationId: "apps/get-repo-installation",
    docs: `${DOCS}/apps/apps#get-a-repository-installation-for-the-authenticated-app`,
    guard: "app",
    cached: true,
    handler: installations.getRepoInstallation,
  }),
  route({
    method: "GET",
    path: "/users/{username}/installation",
    operationId: "apps/get-user-installation",
    docs: `${DOCS}/apps/apps#get-a-user-installation-for-the-authenticated-app`,
    guard: "app",
    cached: true,
    handler: installations.getUserInstallation,
  }),

  // The installation itself (installation token)
  route({
    method: "GET",
    path: "/installation/repositories",
    operationId: "apps/list-repos-accessible-to-installation",
    docs: `${DOCS}/apps/installations#list-repositories-accessible-to-the-app-installation`,
    guard: "installation",
    cached: true,
    handler: installation.listReposAccessibleToInstallation,
  }),
  route({
    method: "DELETE",
    path: "/installation/token",
    operationId: "apps/revoke-installation-access-token",
    docs: `${DOCS}/apps/installations#revoke-an-installation-access-token`,
    guard: "installation",
    handler: installation.revokeInstallationAccessToken,
  }),

  // Installation requests (organization members asking for the app)
  route({
    method: "GET",
    path: "/app/installation-requests",
    operationId: "apps/list-installation-requests-for-authenticated-app",
    docs: `${DOCS}/apps/apps#list-installation-requests-for-the-authenticated-app`,
    guard: "app",
    handler: apps.listInstallationRequestsForAuthenticatedApp,
  }),

  // Marketplace (a GitHub App's JWT, or an OAuth app's client id and secret)
  route({
    method: "GET",
    path: "/marketplace_listing/accounts/{account_id}",
    operationId: "apps/get-subscription-plan-for-account",
    docs: `${DOCS}/apps/marketplace#get-a-subscription-plan-for-an-account`,
    guard: "app-or-client",
    handler: marketplace.getSubscriptionPlanForAccount,
  }),
  route({
    method: "GET",
    path: "/marketplace_listing/plans",
    operationId: "apps/list-plans",
    docs: `${DOCS}/apps/marketplace#list-plans`,
    guard: "app-or-client",
    handler: marketplace.listPlans,
  }),
  route({
    method: "GET",
    path: "/marketplace_listing/plans/{plan_id}/accounts",
    operationId: "apps/list-accounts-for-plan",
    docs: `${DOCS}/apps/marketplace#list-accounts-for-a-plan`,
    guard: "app-or-client",
    handler: marketplace.listAccountsForPlan,
  }),
  route({
    method: "GET",
    path: "/marketplace_listing/stubbed/accounts/{account_id}",
    operationId: "apps/get-subscription-plan-for-account-stubbed",
    docs: `${DOCS}/apps/marketplace#get-a-subscription-plan-for-an-account-stubbed`,
    guard: "app-or-client",
    handler: marketplace.getSubscriptionPlanForAccountStubbed,
  }),
  route({
    method: "GET",
    path: "/marketplace_listing/stubbed/plans",
    operationId: "apps/list-plans-stubbed",
    docs: `${DOCS}/apps/marketplace#list-plans-stubbed`,
    guard: "app-or-client",
    handler: marketplace.listPlansStubbed,
  }),
  route({
    method: "GET",
    path: "/marketplace_listing/stubbed/plans/{plan_id}/accounts",
    operationId: "apps/list-accounts-for-plan-stubbed",
    docs: `${DOCS}/apps/marketplace#list-accounts-for-a-plan-stubbed`,
    guard: "app-or-client",
    handler: marketplace.listAccountsForPlanStubbed,
  }),
  route({
    method: "GET",
    path: "/user/marketplace_purchases",
    operationId: "apps/list-subscriptions-for-authenticated-user",
    docs: `${DOCS}/apps/marketplace#list-subscriptions-for-the-authenticated-user`,
    guard: "person",
    handler: marketplace.listSubscriptionsForAuthenticatedUser,
  }),
  route({
    method: "GET",
    path: "/user/marketplace_purchases/stubbed",
    operationId: "apps/list-subscriptions-for-authenticated-user-stubbed",
    docs: `${DOCS}/apps/marketplace#list-subscriptions-for-the-authenticated-user-stubbed`,
    guard: "person",
    handler: marketplace.listSubscriptionsForAuthenticatedUserStubbed,
  }),

  // Content attachments (the older editions' `corsair` preview; an installation token)
  route({
    method: "POST",
    path: "/content_references/{content_reference_id}/attachments",
    operationId: "apps/create-content-attachment",
    docs: "https://docs.github.com/enterprise-server@3.3/rest/apps/installations#create-a-content-attachment",
    guard: "installation",
    permissions: { content_references: "write" },
    preview: contentReferences.corsairPreview,
    body: contentReferences.createContentAttachmentBody,
    handler: contentReferences.createContentAttachment,
  }),

  // The authenticated user, and the installations a GitHub App's user token reaches
  route({
    method: "GET",
    path: "/user",
    operationId: "users/get-authenticated",
    docs: `${DOCS}/users/users#get-the-authenticated-user`,
    guard: "person",
    handler: user.getAuthenticated,
  }),
  route({
    method: "GET",
    path: "/user/installations",
    operationId: "apps/list-installations-for-authenticated-user",
    docs: `${DOCS}/apps/installations#list-app-installations-accessible-to-the-user-access-token`,
    guard: "user-access",
    handler: user.listInstallationsForAuthenticatedUser,
  }),
  route({
    method: "GET",
    path: "/user/installations/{installation_id}/repositories",
    operationId: "apps/list-installation-repos-for-authenticated-user",
    docs: `${DOCS}/apps/installations#list-repositories-accessible-to-the-user-access-token`,
    guard: "user-access",
    handler: user.listInstallationReposForAuthenticatedUser,
  }),
  route({
    method: "PUT",
    path: "/user/installations/{installation_id}/repositories/{repository_id}",
    operationId: "apps/add-repo-to-installation-for-authenticated-user",
    docs: `${DOCS}/apps/installations#add-a-repository-to-an-app-installation`,
    guard: "person",
    scopes: ["repo"],
    handler: user.addRepoToInstallationForAuthenticatedUser,
  }),
  route({
    method: "DELETE",
    path: "/user/installations/{installation_id}/repositories/{repository_id}",
    operationId: "apps/remove-repo-from-installation-for-authenticated-user",
    docs: `${DOCS}/apps/installations#remove-a-repository-from-an-app-installation`,
    guard: "person",
    scopes: ["repo"],
    handler: user.removeRepoFromInstallationForAuthenticatedUser,
  }),
  route({
    method: "GET",
    path: "/orgs/{org}/installations",
    operationId: "orgs/list-app-installations",
    docs: `${DOCS}/orgs/orgs#list-app-installations-for-an-organization`,
    guard: "person",
    // GitHub's reference names `admin:read`, a scope that does not exist; `read:org` is the one that reads an organization.
    scopes: ["read:org"],
    permissions: { organization_administration: "read" },
    handler: user.listAppInstallations,
  }),

  // OAuth applications: an app's users' tokens, under its client id and secret (HTTP Basic)
  route({
    method: "POST",
    path: "/applications/{client_id}/token",
    operationId: "apps/check-token",
    docs: `${DOCS}/apps/oauth-applications#check-a-token`,
    guard: "client",
    body: oauthApplications.accessTokenBody,
    handler: oauthApplications.checkToken,
  }),
  route({
    method: "PATCH",
    path: "/applications/{client_id}/token",
    operationId: "apps/reset-token",
    docs: `${DOCS}/apps/oauth-applications#reset-a-token`,
    guard: "client",
    body: oauthApplications.accessTokenBody,
    handler: oauthApplications.resetToken,
  }),
  route({
    method: "DELETE",
    path: "/applications/{client_id}/token",
    operationId: "apps/delete-token",
    docs: `${DOCS}/apps/oauth-applications#delete-an-app-token`,
    guard: "client",
    body: oauthApplications.accessTokenBody,
    handler: oauthApplications.deleteToken,
  }),
  route({
    method: "POST",
    path: "/applications/{client_id}/token/scoped",
    operationId: "apps/scope-token",
    docs: `${DOCS}/apps/apps#create-a-scoped-access-token`,
    guard: "client",
    body: oauthApplications.scopedTokenBody,
    handler: oauthApplications.scopeToken,
  }),
  route({
    method: "DELETE",
    path: "/applications/{client_id}/grant",
    operationId: "apps/delete-authorization",
    docs: `${DOCS}/apps/oauth-applications#delete-an-app-authorization`,
    guard: "client",
    body: oauthApplications.accessTokenBody,
    handler: oauthApplications.deleteAuthorization,
  }),
  // The older forms, with the token in the path (octokit's former `apps.checkAuthorization` and kin).
  route({
    method: "GET",
    path: "/applications/{client_id}/tokens/{access_token}",
    operationId: "apps/check-authorization",
    docs: LEGACY_OAUTH_DOCS,
    guard: "client",
    handler: oauthApplications.checkToken,
  }),
  route({
    method: "POST",
    path: "/applications/{client_id}/tokens/{access_token}",
    operationId: "apps/reset-authorization",
    docs: LEGACY_OAUTH_DOCS,
    guard: "client",
    handler: oauthApplications.resetToken,
  }),
  route({
    method: "DELETE",
    path: "/applications/{client_id}/tokens/{access_token}",
    operationId: "apps/revoke-authorization-for-application",
    docs: LEGACY_OAUTH_DOCS,
    guard: "client",
    handler: oauthApplications.deleteToken,
  }),
  route({
    method: "DELETE",
    path: "/applications/{client_id}/grants/{access_token}",
    operationId: "apps/revoke-grant-for-application",
    docs: LEGACY_OAUTH_DOCS,
    guard: "client",
    handler: oauthApplications.deleteAuthorization,
  }),

  // Repositories
  route({
    method: "GET",
    path: "/repos/{owner}/{repo}",
    operationId: "repos/get",
    docs: `${DOCS}/repos/repos#get-a-repository`,
    guard: "optional",
    // Public repositories need no scope; private ones `repo` (repos.ts).
    scopes: ["repo"],
    scopeCheck: "handler",
    permissions: { metadata: "read" },
    handler: repos.get,
  }),
  route({
    method: "POST",
    path: "/user/repos",
    operationId: "repos/create-for-authenticated-user",
    docs: `${DOCS}/repos/repos#create-a-repository-for-the-authenticated-user`,
    guard: "user",
    // `public_repo` creates a public repository, only `repo` a private one (repos.ts).
    scopes: ["public_repo", "repo"],
    scopeCheck: "handler",
    permissions: { administration: "write" },
    body: repos.createRepositoryBody,
    handler: repos.createForAuthenticatedUser,
  }),
  route({
    method: "POST",
    path: "/orgs/{org}/repos",
    operationId: "repos/create-in-org",
    docs: `${DOCS}/repos/repos#create-an-organization-repository`,
    guard: "user",
    // `public_repo` creates a public repository, only `repo` a private one (repos.ts).
    scopes: ["public_repo", "repo"],
    scopeCheck: "handler",
    permissions: { administration: "write" },
    body: repos.createRepositoryBody,
    handler: repos.createInOrg,
  }),
  route({
    method: "PATCH",
    path: "/repos/{owner}/{repo}",
    operationId: "repos/update",
    docs: `${DOCS}/repos/repos#update-a-repository`,
    guard: "user",
    scopes: ["public_repo", "repo"],
    scopeCheck: "handler",
    permissions: { administration: "write" },
    body: repos.updateRepositoryBody,
    handler: repos.update,
  }),
  route({
    method: "DELETE",
    path: "/repos/{owner}/{repo}",
    operationId: "repos/delete",
    docs: `${DOCS}/repos/repos#delete-a-repository`,
    guard: "user",
    // Without it GitHub answers 403 "Must have admin rights to Repository." (repos.ts).
    scopes: ["delete_repo"],
    scopeCheck: "handler",
    permissions: { administration: "write" },
    handler: repos.deleteRepository,
  }),
  route({
    method: "PUT",
    path: "/repos/{owner}/{repo}/collaborators/{username}",
    operationId: "repos/add-collaborator",
    docs: `${DOCS}/collaborators/collaborators#add-a-repository-collaborator`,
    guard: "user",
    scopes: ["public_repo", "repo"],
    scopeCheck: "handler",
    permissions: { administration: "write" },
    body: repos.collaboratorBody,
    handler: repos.addCollaborator,
  }),
  route({
    method: "DELETE",
    path: "/repos/{owner}/{repo}/collaborators/{username}",
    operationId: "repos/remove-collaborator",
    docs: `${DOCS}/collaborators/collaborators#remove-a-repository-collaborator`,
    guard: "user",
    scopes: ["public_repo", "repo"],
    scopeCheck: "handler",
    permissions: { administration: "write" },
    handler: repos.removeCollaborator,
  }),

  // Organization members
  route({
    method: "PUT",
    path: "/orgs/{org}/memberships/{username}",
    operationId: "orgs/set-membership-for-user",
    docs: `${DOCS}/orgs/members#set-organization-membership-for-a-user`,
    guard: "user",
    scopes: ["admin:org"],
    permissions: { members: "write" },
    body: orgs.membershipBody,
    handler: orgs.setMembershipForUser,
  }),
  route({
    method: "DELETE",
    path: "/orgs/{org}/memberships/{username}",
    operationId: "orgs/remove-membership-for-user",
    docs: `${DOCS}/orgs/members#remove-organization-membership-for-a-user`,
    guard: "user",
    scopes: ["admin:org"],
    permissions: { members: "write" },
    handler: orgs.removeMembershipForUser,
  }),

  // Site administration (GitHub Enterprise Server's admin API; site admins' tokens)
  route({
    method: "POST",
    path: "/admin/users",
    operationId: "enterprise-admin/create-user",
    docs: `${GHES_DOCS}/enterprise-admin/users#create-a-user`,
    guard: "admin",
    scopes: ["site_admin"],
    body: enterpriseAdmin.createUserBody,
    handler: enterpriseAdmin.createUser,
  }),
  route({
    method: "PATCH",
    path: "/admin/users/{username}",
    operationId: "enterprise-admin/update-username-for-user",
    docs: `${GHES_DOCS}/enterprise-admin/users#update-the-username-for-a-user`,
    guard: "admin",
    scopes: ["site_admin"],
    body: enterpriseAdmin.renameBody,
    handler: enterpriseAdmin.updateUsernameForUser,
  }),
  route({
    method: "DELETE",
    path: "/admin/users/{username}",
    operationId: "enterprise-admin/delete-user",
    docs: `${GHES_DOCS}/enterprise-admin/users#delete-a-user`,
    guard: "admin",
    scopes: ["site_admin"],
    handler: enterpriseAdmin.deleteUser,
  }),
  route({
    method: "POST",
    path: "/admin/users/{username}/authorizations",
    operationId: "enterprise-admin/create-impersonation-o-auth-token",
    docs: `${GHES_DOCS}/enterprise-admin/users#create-an-impersonation-oauth-token`,
    guard: "admin",
    scopes: ["site_admin"],
    body: enterpriseAdmin.impersonationBody,
    handler: enterpriseAdmin.createImpersonationOAuthToken,
  }),
  route({
    method: "DELETE",
    path: "/admin/users/{username}/authorizations",
    operationId: "enterprise-admin/delete-impersonation-o-auth-token",
    docs: `${GHES_DOCS}/enterprise-admin/users#delete-an-impersonation-oauth-token`,
    guard: "admin",
    scopes: ["site_admin"],
    handler: enterpriseAdmin.deleteImpersonationOAuthToken,
  }),
  route({
    method: "POST",
    path: "/admin/organizations",
    operationId: "enterprise-admin/create-org",
    docs: `${GHES_DOCS}/enterprise-admin/orgs#create-an-organization`,
    guard: "admin",
    scopes: ["site_admin"],
    body: enterpriseAdmin.createOrgBody,
    handler: enterpriseAdmin.createOrg,
  }),
  route({
    method: "PATCH",
    path: "/admin/organizations/{org}",
    operationId: "enterprise-admin/update-org-name",
    docs: `${GHES_DOCS}/enterprise-admin/orgs#update-an-organization-name`,
    guard: "admin",
    scopes: ["site_admin"],
    body: enterpriseAdmin.renameBody,
    handler: enterpriseAdmin.updateOrgName,
  }),

  // hubcap's own administration: what GitHub does only in its web interface (site admins' tokens)
  ...hubcapRoutes(),
];

/** The /_hubcap namespace, one entry per operation, all for site administrators. */
function hubcapRoutes(): Route[] {
  const admin = <const Path extends string, const B = undefined>(
    method: Route["method"],
    path: Path,
    name: string,
    handler: RouteSpec<`/_hubcap${Path}`, "admin", B>["handler"],
    body?: B,
  ): Route =>
    route<`/_hubcap${Path}`, "admin", B>({
      method,
      path: `/_hubcap${path}`,
      operationId: `hubcap/${name}`,
      docs: `${HUBCAP_DOCS}#${name}`,
      guard: "admin",
      scopes: ["site_admin"],
      ...(body !== undefined && { body }),
      handler,
    });
  return [
    admin("POST", "/apps", "create-app", hubcapApps.createApp, hubcapApps.createAppBody),
    admin("GET", "/apps/{app_slug}", "get-app", hubcapApps.getApp),
    admin("PATCH", "/apps/{app_slug}", "update-app", hubcapApps.updateApp, hubcapApps.updateAppBody),
    admin("DELETE", "/apps/{app_slug}", "delete-app", hubcapApps.deleteApp),
    admin("GET", "/apps/{app_slug}/keys", "list-keys", hubcapApps.listKeys),
    admin("POST", "/apps/{app_slug}/keys", "create-key", hubcapApps.createKey),
    admin("DELETE", "/apps/{app_slug}/keys/{key_id}", "delete-key", hubcapApps.deleteKey),
    admin("GET", "/apps/{app_slug}/client_secrets", "list-client-secrets", hubcapApps.listClientSecrets),
    admin("POST", "/apps/{app_slug}/client_secrets", "create-client-secret", hubcapApps.createClientSecret),
    admin(
      "DELETE",
      "/apps/{app_slug}/client_secrets/{secret_id}",
      "delete-client-secret",
      hubcapApps.deleteClientSecret,
    ),
    admin(
      "POST",
      "/apps/{app_slug}/installations",
      "install-app",
      hubcapInstallations.install,
      hubcapInstallations.installBody,
    ),
    admin(
      "PATCH",
      "/installations/{installation_id}",
      "update-installation-repositories",
      hubcapInstallations.updateRepositories,
      hubcapInstallations.repositoryChoiceBody,
    ),
    admin("DELETE", "/installations/{installation_id}", "uninstall", hubcapInstallations.uninstall),
    admin("PUT", "/installations/{installation_id}/suspended", "suspend", hubcapInstallations.suspend),
    admin("DELETE", "/installations/{installation_id}/suspended", "unsuspend", hubcapInstallations.unsuspend),
    admin(
      "POST",
      "/installations/{installation_id}/accept_permissions",
      "accept-permissions",
      hubcapInstallations.acceptPermissions,
    ),
    admin(
      "POST",
      "/installations/{installation_id}/access_tokens",
      "create-access-token",
      hubcapInstallations.createAccessToken,
    ),
    admin(
      "PUT",
      "/apps/{app_slug}/marketplace/plans",
      "set-marketplace-plans",
      hubcapMarketplace.setPlans,
      hubcapMarketplace.plansBody,
    ),
    admin(
      "PUT",
      "/apps/{app_slug}/marketplace/purchases/{account}",
      "put-marketplace-purchase",
      hubcapMarketplace.putPurchase,
      hubcapMarketplace.purchaseBody,
    ),
    admin(
      "DELETE",
      "/apps/{app_slug}/marketplace/purchases/{account}/pending_change",
      "cancel-marketplace-pending-change",
      hubcapMarketplace.cancelPendingChange,
    ),
    admin(
      "DELETE",
      "/apps/{app_slug}/marketplace/purchases/{account}",
      "cancel-marketplace-purchase",
      hubcapMarketplace.cancelPurchase,
    ),
    admin(
      "POST",
      "/apps/{app_slug}/installation_requests",
      "create-installation-request",
      hubcapInstallationRequests.createInstallationRequest,
      hubcapInstallationRequests.installationRequestBody,
    ),
    admin(
      "POST",
      "/content_references",
      "create-content-reference",
      hubcapContentReferences.createContentReference,
      hubcapContentReferences.contentReferenceBody,
    ),
    admin(
      "POST",
      "/repos",
      "create-repository",
      hubcapRepos.createRepository,
      hubcapRepos.createRepositoryBody,
    ),
    admin("GET", "/world", "export-world", hubcapWorld.exportWorld),
    admin("PUT", "/world", "apply-world", hubcapWorld.applyWorld, hubcapWorld.worldBody),
    admin("POST", "/world/reset", "reset-world", hubcapWorld.resetWorld),
    admin("GET", "/clock", "get-clock", hubcapWorld.getClock),
    admin("PATCH", "/clock", "set-clock", hubcapWorld.setClock, hubcapWorld.clockPatchBody),
  ];
}
