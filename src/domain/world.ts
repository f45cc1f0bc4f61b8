import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { seconds, type Clock } from "./clock.js";
import type { Account, AccountType, MergeSettings, Permissions } from "./model.js";
import { mergeSettingsIn } from "./merge-settings.js";
import { generateAppKeyPair, keyFingerprint, publicKeyPem } from "./keys.js";
import { hashPassword, verifyPassword } from "./passwords.js";
import type { EventSink } from "./events.js";
import { ContentReferences } from "./content-references.js";
import { Marketplace } from "./marketplace.js";
import { declarePlans, planDeclarationOf } from "./marketplace-plans.js";
import type { SecretBox } from "./secret-box.js";
import { applyWebhookPatch, checkWebhookUrl } from "./webhook-config.js";
import { reachableRepositories, reportRepositoryChanges } from "./repository-changes.js";
import { hashToken } from "./tokens.js";
import { WorldError, type WorldFile } from "./world-file.js";
import { checkWorldReferences } from "./world-references.js";
import { sameJson } from "./same-json.js";
import type { AccountStore, IdKind, MarketplaceStore, StoreOps, Transactor } from "../store/store.js";

export interface AppliedWorld {
  apps: Array<{ id: number; slug: string; clientId: string; privateKeyFile: string | null }>;
  installations: Array<{ id: number; app: string; account: string }>;
}

/**
 * Applies a world to the store in one transaction. Every object is matched by its natural key (login,
 * full name, slug, app and account), so applying the same world twice changes nothing.
 */
export class WorldLoader {
  constructor(
    private readonly store: AccountStore & MarketplaceStore & Transactor,
    private readonly clock: Clock,
    private readonly secrets: SecretBox,
    private readonly events: EventSink,
  ) {}

  async apply(world: WorldFile, options: { baseDir: string }): Promise<AppliedWorld> {
    // Every dangling name at once, and before any key file is written for a world that will be refused.
    await this.store.transaction((tx) => checkWorldReferences(world, tx));
    // Keys are read or generated before the transaction: RSA generation takes ~100 ms and files are not transactional.
    const keys = new Map<string, { publicKeys: string[]; privateKeyFile: string | null }>();
    for (const app of world.apps ?? []) {
      const publicKeys = (app.public_keys ?? []).map(publicKeyPem);
      let privateKeyFile: string | null = null;
      if (app.private_key_file) {
        privateKeyFile = resolve(options.baseDir, app.private_key_file);
        publicKeys.push(publicKeyPem(readOrCreatePrivateKey(privateKeyFile)));
      }
      keys.set(app.slug, { publicKeys, privateKeyFile });
    }
    const passwords = await this.passwordHashes(world);
    const marketplace = new Marketplace(this.store, this.clock, this.events);
    return this.store.transaction((tx) =>
      new WorldApplication(tx, seconds(this.clock), this.secrets, this.events, marketplace).run(
        world,
        keys,
        passwords,
      ),
    );
  }

  /**
   * The hashes to store for declared passwords, made before the transaction (scrypt is slow by design).
   * A password that already matches keeps its hash: a new salt would change the world on every apply.
   */
  private async passwordHashes(world: WorldFile): Promise<Map<string, string>> {
    const hashes = new Map<string, string>();
    for (const user of world.users ?? []) {
      if (user.password === undefined) continue;
      const found = await this.store.findAccountByLogin(user.login);
      const stored = found ? await this.store.findPasswordHash(found.id) : null;
      if (stored !== null && (await verifyPassword(user.password, stored))) continue;
      hashes.set(user.login.toLowerCase(), await hashPassword(user.password));
    }
    return hashes;
  }
}

function readOrCreatePrivateKey(path: string): string {
  if (existsSync(path)) return readFileSync(path, "utf8");
  const { privateKeyPem } = generateAppKeyPair();
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, privateKeyPem, { mode: 0o600 });
  return privateKeyPem;
}

class WorldApplication {
  constructor(
    private readonly tx: StoreOps,
    private readonly now: number,
    private readonly secrets: SecretBox,
    private readonly events: EventSink,
    private readonly marketplace: Marketplace,
  ) {}

  async run(
    world: WorldFile,
    keys: Map<string, { publicKeys: string[]; privateKeyFile: string | null }>,
    passwordHashes: Map<string, string>,
  ): Promise<AppliedWorld> {
    const result: AppliedWorld = { apps: [], installations: [] };
    for (const user of world.users ?? []) {
      const account = await this.account("User", user.login, user.id, {
        name: user.name ?? null,
        email: user.email ?? null,
        siteAdmin: user.site_admin ?? false,
      });
      const passwordHash = passwordHashes.get(user.login.toLowerCase());
      if (passwordHash) await this.tx.setPasswordHash(account.id, passwordHash);
      for (const token of [...(user.token ? [user.token] : []), ...(user.tokens ?? [])]) {
        await this.tx.insertUserToken({
          tokenHash: hashToken(token),
          userId: account.id,
          scopes: user.token_scopes ?? worldTokenScopes(user.site_admin ?? false),
          expiresAt: null,
          now: this.now,
        });
      }
    }
    for (const org of world.orgs ?? []) {
      const account = await this.account("Organization", org.login, org.id, {
        name: org.name ?? null,
        // An organization's email is its billing email: GitHub shows no other on the API.
        email: org.billing_email ?? null,
        siteAdmin: false,
      });
      const admins = new Set((org.admins ?? []).map((l) => l.toLowerCase()));
      for (const login of new Set([...(org.members ?? []), ...(org.admins ?? [])])) {
        const user = await this.existing(login, `orgs ${org.login}: member`);
        if (user.type !== "User") throw new WorldError(`orgs ${org.login}: member ${login} is not a user`);
        await this.tx.setOrgMembership(
          account.id,
          user.id,
          admins.has(login.toLowerCase()) ? "admin" : "member",
        );
      }
    }
    for (const repo of world.repos ?? []) await this.repository(repo);
    for (const app of world.apps ?? []) {
      const applied = await this.app(app, keys.get(app.slug)!.publicKeys);
      result.apps.push({ ...applied, privateKeyFile: keys.get(app.slug)!.privateKeyFile });
    }
    for (const installation of world.installations ?? []) {
      result.installations.push(await this.installation(installation));
    }
    for (const purchase of world.marketplace_purchases ?? []) await this.purchase(purchase);
    return result;
  }

  private async id(kind: IdKind, pinned: number | undefined): Promise<number> {
    if (pinned === undefined) return this.tx.allocateId(kind);
    await this.tx.reserveId(kind, pinned);
    return pinned;
  }

  private async existing(login: string, what: string): Promise<Account> {
    const account = await this.tx.findAccountByLogin(login);
    if (!account) throw new WorldError(`${what} '${login}' is not a user or organization of the world`);
    return account;
  }

  private async account(
    type: AccountType,
    login: string,
    pinnedId: number | undefined,
    fields: { name: string | null; email: string | null; siteAdmin: boolean },
  ): Promise<Account> {
    const found = await this.tx.findAccountByLogin(login);
    if (found) {
      if (found.type !== type)
        throw new WorldError(`${login} is already a${type === "User" ? "n organization" : " user"}`);
      if (pinnedId !== undefined && found.id !== pinnedId) {
        throw new WorldError(`${login} already exists with id ${found.id}, not ${pinnedId}`);
      }
      if (
        found.name !== fields.name ||
        found.email !== fields.email ||
        found.siteAdmin !== fields.siteAdmin
      ) {
        await this.tx.updateAccount(found.id, { ...fields, now: this.now });
      }
      return found;
    }
    if (pinnedId !== undefined && (await this.tx.findAccountById(pinnedId))) {
      throw new WorldError(`account id ${pinnedId} (for ${login}) belongs to another account`);
    }
    const id = await this.id("accounts", pinnedId);
    await this.tx.insertAccount({ id, login, type, ...fields, now: this.now });
    return (await this.tx.findAccountById(id))!;
  }

  private async repository(repo: NonNullable<WorldFile["repos"]>[number]): Promise<void> {
    const id = await this.repositoryRow(repo);
    for (const [login, permission] of Object.entries(repo.collaborators ?? {})) {
      const user = await this.existing(login, `repos ${repo.full_name}: collaborator`);
      if (user.type !== "User")
        throw new WorldError(`repos ${repo.full_name}: collaborator ${login} is not a user`);
      if ((await this.tx.findCollaboratorPermission(id, user.id)) !== permission) {
        await this.tx.setCollaborator(id, user.id, permission);
      }
    }
  }

  private async repositoryRow(repo: NonNullable<WorldFile["repos"]>[number]): Promise<number> {
    const [ownerLogin, name] = repo.full_name.split("/") as [string, string];
    const owner = await this.existing(ownerLogin, `repos ${repo.full_name}: owner`);
    const found = await this.tx.findRepository(ownerLogin, name);
    if (found) {
      if (repo.id !== undefined && found.id !== repo.id) {
        throw new WorldError(`${repo.full_name} already exists with id ${found.id}, not ${repo.id}`);
      }
      const wanted = {
        private: repo.private ?? found.private,
        description: repo.description === undefined ? found.description : repo.description,
      };
      const settings = mergeSettingsIn(repo);
      const settingsChanged = Object.entries(settings).some(
        ([name, value]) => found.mergeSettings[name as keyof MergeSettings] !== value,
      );
      if (wanted.private !== found.private || wanted.description !== found.description || settingsChanged) {
        await this.tx.updateRepository(found.id, { ...wanted, mergeSettings: settings, now: this.now });
      }
      return found.id;
    }
    if (repo.id !== undefined && (await this.tx.findRepositoryById(repo.id))) {
      throw new WorldError(`repository id ${repo.id} (for ${repo.full_name}) belongs to another repository`);
    }
    const id = await this.id("repositories", repo.id);
    await this.tx.insertRepository({
      id,
      ownerId: owner.id,
      name,
      private: repo.private ?? false,
      description: repo.description ?? null,
      defaultBranch: repo.default_branch ?? "main",
      mergeSettings: mergeSettingsIn(repo),
      now: this.now,
    });
    return id;
  }

  private async app(app: NonNullable<WorldFile["apps"]>[number], publicKeys: string[]) {
    const owner = await this.existing(app.owner, `apps ${app.slug}: owner`);
    const webhookUrl = checkWebhookUrl(app.webhook?.url ?? app.webhook_url ?? null);
    const webhookSecret = app.webhook?.secret ?? app.webhook_secret;
    const fields = {
      name: app.name ?? app.slug,
      description: app.description ?? null,
      externalUrl: app.external_url ?? "https://example.com",
      ownerId: owner.id,
      public: app.public ?? false,
      permissions: (app.permissions ?? { metadata: "read" }) as Permissions,
      events: app.events ?? [],
      callbackUrls: app.callback_urls ?? [],
      expireUserTokens: app.expire_user_tokens ?? true,
      deviceFlowEnabled: app.enable_device_flow ?? false,
    };
    let found = await this.tx.findAppBySlug(app.slug);
    if (found && app.id !== undefined && found.id !== app.id) {
      throw new WorldError(`app ${app.slug} already exists with id ${found.id}, not ${app.id}`);
    }
    if (found) {
      const same =
        found.name === fields.name &&
        found.description === fields.description &&
        found.externalUrl === fields.externalUrl &&
        found.owner.id === fields.ownerId &&
        found.public === fields.public &&
        sameJson(found.permissions, fields.permissions) &&
        sameJson(found.events, fields.events) &&
        sameJson(found.callbackUrls, fields.callbackUrls) &&
        found.expireUserTokens === fields.expireUserTokens &&
        found.deviceFlowEnabled === fields.deviceFlowEnabled &&
        (!app.client_id || app.client_id === found.clientId);
      if (!same) {
        await this.tx.updateApp(found.id, {
          ...fields,
          ...(app.client_id && { clientId: app.client_id }),
          now: this.now,
        });
      }
    } else {
      if (app.id !== undefined && (await this.tx.findAppById(app.id))) {
        throw new WorldError(`app id ${app.id} (for ${app.slug}) belongs to another app`);
      }
      const id = await this.id("apps", app.id);
      await this.tx.insertApp({
        id,
        slug: app.slug,
        clientId: app.client_id ?? newClientId(),
        webhookUrl: null,
        webhookSecret: null,
        ...fields,
        now: this.now,
      });
    }
    found = (await this.tx.findAppBySlug(app.slug))!;
    // A sealed secret differs on every sealing, so a declared one is written each time.
    if (webhookUrl !== found.webhookUrl || webhookSecret !== undefined) {
      await applyWebhookPatch(
        this.tx,
        this.events,
        found.id,
        {
          webhookUrl,
          ...(webhookSecret !== undefined && { webhookSecret: this.secrets.seal(webhookSecret) }),
        },
        this.now,
      );
    }

    const registered = new Set((await this.tx.listAppKeys(found.id)).map((k) => k.fingerprint));
    for (const pem of publicKeys) {
      const fingerprint = keyFingerprint(pem);
      if (registered.has(fingerprint)) continue;
      registered.add(fingerprint);
      await this.tx.insertAppKey({
        id: await this.tx.allocateId("app_keys"),
        appId: found.id,
        fingerprint,
        publicKeyPem: pem,
        now: this.now,
      });
    }
    if (app.content_references) {
      const domains = ContentReferences.checkDomains(app.content_references);
      if (!sameJson(domains, await this.tx.listContentReferenceDomains(found.id))) {
        await this.tx.setContentReferenceDomains(found.id, domains);
      }
    }
    if (app.marketplace_plans) {
      await declarePlans(this.tx, found.id, app.marketplace_plans.map(planDeclarationOf), this.now);
    }
    const secrets = [
      ...[...(app.client_secret ? [app.client_secret] : []), ...(app.client_secrets ?? [])].map((secret) => ({
        secretHash: hashToken(secret),
        lastEight: secret.slice(-8),
      })),
      ...(app.client_secret_hashes ?? []).map((kept) => ({
        secretHash: kept.sha256,
        lastEight: kept.last_eight,
      })),
    ];
    for (const secret of secrets) {
      const owner = await this.tx.findClientSecretApp(secret.secretHash);
      if (owner === found.id) continue;
      // Secrets are unique across apps: a second app would authenticate as the first.
      if (owner !== undefined) throw new WorldError(`apps ${app.slug}: that client secret is another app's`);
      await this.tx.insertClientSecret({
        id: await this.tx.allocateId("app_client_secrets"),
        appId: found.id,
        ...secret,
        now: this.now,
      });
    }
    return { id: found.id, slug: found.slug, clientId: found.clientId };
  }

  /**
   * A Marketplace purchase: bought when new (`purchased`), changed at once when its plan, cycle or seats
   * differ (`changed`). The account itself stands as the sender, as for installations.
   */
  private async purchase(spec: NonNullable<WorldFile["marketplace_purchases"]>[number]): Promise<void> {
    const app = await this.tx.findAppBySlug(spec.app);
    if (!app) throw new WorldError(`marketplace_purchases: app '${spec.app}' is not an app of the world`);
    const account = await this.existing(spec.account, `marketplace_purchases ${spec.app}: account`);
    const terms = {
      plan: spec.plan,
      billingCycle: spec.billing_cycle,
      unitCount: spec.unit_count,
      freeTrial: spec.free_trial,
    };
    const found = await this.tx.findMarketplacePurchase(app.id, account.id);
    if (!found) {
      await this.marketplace.purchaseIn(this.tx, app.id, account, terms, account);
      return;
    }
    const same =
      found.plan.number === spec.plan &&
      found.billingCycle === (spec.billing_cycle ?? found.billingCycle) &&
      found.unitCount === (spec.unit_count ?? found.unitCount);
    if (!same)
      await this.marketplace.changeIn(
        this.tx,
        app.id,
        account,
        { ...terms, freeTrial: undefined },
        "now",
        account,
      );
  }

  /** Who installed. A world does not say; the account itself stands as the sender. */
  private async installer(account: Account): Promise<Account> {
    return account;
  }

  private async installation(spec: NonNullable<WorldFile["installations"]>[number]) {
    const app = await this.tx.findAppBySlug(spec.app);
    if (!app) throw new WorldError(`installations: app '${spec.app}' is not an app of the world`);
    const account = await this.existing(spec.account, `installations ${spec.app}: account`);
    const selection = spec.repository_selection ?? (spec.repositories ? "selected" : "all");
    const repositoryIds: number[] = [];
    for (const name of spec.repositories ?? []) {
      const repo = await this.tx.findRepository(
        account.login,
        name.includes("/") ? name.split("/")[1]! : name,
      );
      if (!repo) throw new WorldError(`installations ${spec.app} on ${account.login}: no repository ${name}`);
      repositoryIds.push(repo.id);
    }
    if (selection === "all" && repositoryIds.length > 0) {
      throw new WorldError(
        `installations ${spec.app} on ${account.login}: repositories go with repository_selection: selected`,
      );
    }
    const fields = {
      repositorySelection: selection,
      permissions: (spec.permissions ?? app.permissions) as Permissions,
      events: spec.events ?? app.events,
    } as const;
    let found = await this.tx.findInstallationForAccount(app.id, account.id);
    if (found && spec.id !== undefined && found.id !== spec.id) {
      throw new WorldError(
        `${spec.app} on ${account.login} is already installation ${found.id}, not ${spec.id}`,
      );
    }
    if (!found) {
      if (spec.id !== undefined && (await this.tx.findInstallation(spec.id))) {
        throw new WorldError(`installation id ${spec.id} belongs to another installation`);
      }
      const id = await this.id("installations", spec.id);
      await this.tx.insertInstallation({
        id,
        appId: app.id,
        accountId: account.id,
        ...fields,
        now: this.now,
      });
      await this.tx.setInstallationRepositories(id, repositoryIds);
      await this.tx.deleteInstallationRequests(app.id, account.id);
      found = (await this.tx.findInstallation(id))!;
      await this.events.record(this.tx, app.id, {
        event: "installation",
        action: "created",
        installation: found,
        sender: await this.installer(account),
        repositories:
          selection === "selected"
            ? (await this.tx.listInstallationRepositories(found, null, { limit: 1000, offset: 0 })).items
            : null,
      });
    } else {
      const before = await reachableRepositories(this.tx, found);
      if (
        found.repositorySelection !== fields.repositorySelection ||
        !sameJson(found.permissions, fields.permissions) ||
        !sameJson(found.events, fields.events)
      ) {
        await this.tx.updateInstallation(found.id, { ...fields, now: this.now });
      }
      await this.tx.setInstallationRepositories(found.id, repositoryIds);
      found = (await this.tx.findInstallation(found.id))!;
      await reportRepositoryChanges(this.tx, this.events, found, before, await this.installer(account));
    }
    if (spec.suspended !== undefined && spec.suspended !== (found.suspendedAt !== null)) {
      await this.tx.updateInstallation(found.id, {
        suspendedAt: spec.suspended ? this.now : null,
        now: this.now,
      });
    }
    return { id: found.id, app: app.slug, account: account.login };
  }
}

/** Client ids in GitHub's current shape: "Iv23li" and 14 base62 characters. */
export function newClientId(): string {
  const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  return `Iv23li${[...randomBytes(14)].map((b) => alphabet[b % 62]).join("")}`;
}

/**
 * A world token's scopes when the world names none: a classic token with every scope hubcap's API asks
 * for, `site_admin` only for a site administrator (GitHub Enterprise Server gives it to no one else).
 */
function worldTokenScopes(siteAdmin: boolean): string[] {
  const scopes = ["repo", "delete_repo", "admin:org", "user"];
  return siteAdmin ? [...scopes, "site_admin"] : scopes;
}
