import { planSpecOf } from "./marketplace-plans.js";
import { changedMergeSettings } from "./merge-settings.js";
import type { Account } from "./model.js";
import type { SecretBox } from "./secret-box.js";
import type { WorldFile } from "./world-file.js";
import type {
  AccountStore,
  AppCredentialStore,
  AppStore,
  ContentReferenceStore,
  InstallationRepositoryStore,
  InstallationStore,
  MarketplaceStore,
  RepositoryStore,
} from "../store/store.js";

const ALL = { limit: 1_000_000, offset: 0 };

/**
 * The world as a world file that re-creates it: every object with its id, apps with their public keys.
 * Secrets are not in it unless the operator asks (`secrets`: webhook secrets opened, client secrets as
 * their hashes), nor are tokens: re-applying gives the same objects, whose tokens are made anew.
 */
export async function exportWorld(
  store: AccountStore &
    RepositoryStore &
    AppStore &
    AppCredentialStore &
    InstallationStore &
    InstallationRepositoryStore &
    MarketplaceStore &
    ContentReferenceStore,
  options: { secrets?: SecretBox } = {},
): Promise<WorldFile> {
  const accounts = (await store.listAccounts(ALL)).items;
  const users = accounts.filter((a) => a.type === "User");
  const orgs = accounts.filter((a) => a.type === "Organization");
  const members = new Map<number, { members: string[]; admins: string[] }>();
  for (const user of users) {
    for (const { org, role } of await store.listOrgsOfUser(user.id)) {
      const entry = members.get(org.id) ?? { members: [], admins: [] };
      (role === "admin" ? entry.admins : entry.members).push(user.login);
      members.set(org.id, entry);
    }
  }
  const world: Required<
    Pick<WorldFile, "users" | "orgs" | "repos" | "apps" | "installations" | "marketplace_purchases">
  > = {
    users: users.map((u) => ({
      login: u.login,
      id: u.id,
      ...(u.name !== null && { name: u.name }),
      ...(u.email !== null && { email: u.email }),
      ...(u.siteAdmin && { site_admin: true }),
    })),
    orgs: orgs.map((o) => ({
      login: o.login,
      id: o.id,
      ...(o.name !== null && { name: o.name }),
      ...(o.email !== null && { billing_email: o.email }),
      ...(members.get(o.id)?.members.length && { members: members.get(o.id)!.members }),
      ...(members.get(o.id)?.admins.length && { admins: members.get(o.id)!.admins }),
    })),
    repos: [],
    apps: [],
    installations: [],
    marketplace_purchases: [],
  };
  for (const account of accounts) {
    for (const r of (await store.listRepositoriesForAccount(account.id, ALL)).items) {
      const collaborators = await store.listCollaborators(r.id);
      world.repos.push({
        full_name: `${account.login}/${r.name}`,
        id: r.id,
        private: r.private,
        ...(r.description !== null && { description: r.description }),
        default_branch: r.defaultBranch,
        ...changedMergeSettings(r.mergeSettings),
        ...(collaborators.length > 0 && {
          collaborators: Object.fromEntries(collaborators.map((c) => [c.user.login, c.permission])),
        }),
      });
    }
  }
  for (const app of (await store.listApps(ALL)).items) {
    const domains = await store.listContentReferenceDomains(app.id);
    const plans = (await store.listMarketplacePlans(app.id, ALL)).items;
    for (const plan of plans) {
      const order = { sort: "created", direction: "asc" } as const;
      for (const p of (await store.listMarketplacePurchasesForPlan(plan.id, order, ALL)).items) {
        world.marketplace_purchases.push({
          app: app.slug,
          account: p.account.login,
          plan: plan.number,
          billing_cycle: p.billingCycle,
          unit_count: p.unitCount,
          free_trial: p.onFreeTrial,
        });
      }
    }
    world.apps.push({
      slug: app.slug,
      id: app.id,
      name: app.name,
      ...(app.description !== null && { description: app.description }),
      external_url: app.externalUrl,
      owner: app.owner.login,
      public: app.public,
      permissions: app.permissions,
      events: app.events,
      client_id: app.clientId,
      ...(app.callbackUrls.length > 0 && { callback_urls: app.callbackUrls }),
      expire_user_tokens: app.expireUserTokens,
      enable_device_flow: app.deviceFlowEnabled,
      ...(app.webhookUrl && { webhook_url: app.webhookUrl }),
      ...(await webhookSecretOf(store, app.id, options.secrets)),
      ...(await clientSecretsOf(store, app.id, options.secrets)),
      public_keys: (await store.listAppKeys(app.id)).map((k) => k.publicKeyPem),
      ...(domains.length > 0 && { content_references: domains }),
      ...(plans.length > 0 && { marketplace_plans: plans.map(planSpecOf) }),
    });
  }
  for (const account of accounts) {
    for (const i of await store.listInstallationsOnAccount(account.id)) {
      const repositories =
        i.repositorySelection === "selected"
          ? (await store.listInstallationRepositories(i, null, ALL)).items.map((r) => r.name)
          : undefined;
      world.installations.push({
        app: i.appSlug,
        account: account.login,
        id: i.id,
        repository_selection: i.repositorySelection,
        ...(repositories && { repositories }),
        permissions: i.permissions,
        events: i.events,
        ...(i.suspendedAt !== null && { suspended: true }),
      });
    }
  }
  return world;
}

/**
 * An app's client secrets as kept, only when the operator asked for secrets: their hashes, which an
 * import restores, so that the secrets the app's clients hold keep working (hubcap never had them in
 * plain text after it showed them once).
 */
async function clientSecretsOf(store: AppCredentialStore, appId: number, secrets: SecretBox | undefined) {
  if (!secrets) return {};
  const kept = await store.listKeptClientSecrets(appId);
  if (kept.length === 0) return {};
  return { client_secret_hashes: kept.map((k) => ({ sha256: k.secretHash, last_eight: k.lastEight })) };
}

/**
 * An app's webhook secret in plain text, only when the operator asked for secrets (`secrets` given):
 * it is sealed, so it can be opened; tokens are kept as hashes and are not exported.
 */
async function webhookSecretOf(store: AppStore, appId: number, secrets: SecretBox | undefined) {
  if (!secrets) return {};
  const sealed = await store.findWebhookSecret(appId);
  return sealed ? { webhook_secret: secrets.open(sealed) } : {};
}

/** The accounts a reset keeps: site admins, so the credentials administering hubcap still work after it. */
export function keptByReset(accounts: Account[]): number[] {
  return accounts.filter((a) => a.type === "User" && a.siteAdmin).map((a) => a.id);
}
