import { describe, expect, it } from "vitest";
import {
  NOW,
  addAccount,
  addApp,
  addDelivery,
  addGrant,
  addInstallation,
  addPlan,
  expectRefusedUnchanged,
  page,
  rowCounts,
  useStore,
} from "./fixtures.js";

describe("store contract: apps, keys, client secrets and webhook configuration", () => {
  const t = useStore();

  it("reads an app back with its owner and the defaults of what was not given", async () => {
    const { store } = t;
    const owner = await addAccount(store, "octocat");
    await store.insertApp({
      id: 3,
      slug: "my-app",
      name: "My App",
      description: "does things",
      externalUrl: "https://example.com",
      ownerId: owner.id,
      public: false,
      clientId: "Iv1.abc",
      permissions: { issues: "write", metadata: "read" },
      events: ["issues", "push"],
      webhookUrl: "https://example.com/hook",
      webhookSecret: "sealed",
      now: NOW,
    });
    const expected = {
      id: 3,
      slug: "my-app",
      name: "My App",
      description: "does things",
      externalUrl: "https://example.com",
      owner,
      public: false,
      clientId: "Iv1.abc",
      permissions: { issues: "write", metadata: "read" },
      events: ["issues", "push"],
      webhookUrl: "https://example.com/hook",
      webhookContentType: "json",
      webhookInsecureSsl: "0",
      webhookActive: true,
      hookId: null,
      installationsCount: 0,
      callbackUrls: [],
      expireUserTokens: true,
      deviceFlowEnabled: false,
      createdAt: NOW,
      updatedAt: NOW,
    };
    expect(await store.findAppById(3)).toEqual(expected);
    expect(await store.findAppBySlug("my-app")).toEqual(expected);
    expect(await store.findAppBySlug("MY-APP")).toEqual(expected);
    expect(await store.findAppByClientId("Iv1.abc")).toEqual(expected);
    expect(await store.findAppByClientId("Iv1.ABC")).toBeUndefined();
    expect(await store.findAppById(4)).toBeUndefined();
    expect(await store.findAppBySlug("other")).toBeUndefined();
    expect(await store.findWebhookSecret(3)).toBe("sealed");
    expect(await store.findWebhookSecret(4)).toBeNull();
  });

  it("keeps the OAuth settings an app is created with", async () => {
    const { store } = t;
    const owner = await addAccount(store, "octocat");
    const app = await addApp(store, owner, "oauthy", {
      callbackUrls: ["https://a.example/cb", "https://b.example/cb"],
      expireUserTokens: false,
      deviceFlowEnabled: true,
    });
    expect(app).toMatchObject({
      callbackUrls: ["https://a.example/cb", "https://b.example/cb"],
      expireUserTokens: false,
      deviceFlowEnabled: true,
    });
  });

  it("refuses a duplicate slug or client id, changing nothing", async () => {
    const { store } = t;
    const owner = await addAccount(store, "octocat");
    await addApp(store, owner, "taken", { clientId: "Iv1.taken" });
    const base = {
      id: 10,
      name: "x",
      description: null,
      externalUrl: "https://x",
      ownerId: owner.id,
      public: true,
      permissions: {},
      events: [],
      webhookUrl: null,
      webhookSecret: null,
      now: NOW,
    };
    await expectRefusedUnchanged(store, () =>
      store.insertApp({ ...base, slug: "taken", clientId: "Iv1.new" }),
    );
    await expectRefusedUnchanged(store, () =>
      store.insertApp({ ...base, slug: "new", clientId: "Iv1.taken" }),
    );
    expect(await store.findAppById(10)).toBeUndefined();
  });

  it("updates only the fields a patch names, and its time", async () => {
    const { store } = t;
    const owner = await addAccount(store, "octocat");
    const heir = await addAccount(store, "heir");
    const app = await addApp(store, owner, "app", { description: "old" });
    await store.updateApp(app.id, {
      name: "Renamed",
      description: null,
      permissions: { contents: "read" },
      events: ["push"],
      callbackUrls: ["https://cb.example"],
      now: NOW + 7,
    });
    const updated = {
      ...app,
      name: "Renamed",
      description: null,
      permissions: { contents: "read" },
      events: ["push"],
      callbackUrls: ["https://cb.example"],
      updatedAt: NOW + 7,
    };
    expect(await store.findAppById(app.id)).toEqual(updated);
    await store.updateApp(app.id, {
      slug: "moved",
      clientId: "Iv1.moved",
      ownerId: heir.id,
      public: false,
      externalUrl: "https://moved",
      expireUserTokens: false,
      deviceFlowEnabled: true,
      now: NOW + 8,
    });
    expect(await store.findAppBySlug("app")).toBeUndefined();
    expect(await store.findAppByClientId("Iv1.moved")).toEqual({
      ...updated,
      slug: "moved",
      clientId: "Iv1.moved",
      owner: heir,
      public: false,
      externalUrl: "https://moved",
      expireUserTokens: false,
      deviceFlowEnabled: true,
      updatedAt: NOW + 8,
    });
  });

  it("refuses an update onto another app's slug, changing nothing", async () => {
    const { store } = t;
    const owner = await addAccount(store, "octocat");
    const a = await addApp(store, owner, "a");
    await addApp(store, owner, "b");
    await expectRefusedUnchanged(store, () => store.updateApp(a.id, { slug: "b", now: NOW + 1 }));
  });

  it("configures the webhook field by field", async () => {
    const { store } = t;
    const owner = await addAccount(store, "octocat");
    const app = await addApp(store, owner, "app", { webhookUrl: "https://old", webhookSecret: "s1" });
    await store.updateWebhook(
      app.id,
      { webhookContentType: "form", webhookInsecureSsl: "1", webhookActive: false, hookId: 77 },
      NOW + 1,
    );
    expect(await store.findAppById(app.id)).toEqual({
      ...app,
      webhookContentType: "form",
      webhookInsecureSsl: "1",
      webhookActive: false,
      hookId: 77,
      updatedAt: NOW + 1,
    });
    expect(await store.findWebhookSecret(app.id)).toBe("s1");
    await store.updateWebhook(app.id, { webhookUrl: null, webhookSecret: null }, NOW + 2);
    expect(await store.findWebhookSecret(app.id)).toBeNull();
    expect(await store.findAppById(app.id)).toMatchObject({
      webhookUrl: null,
      hookId: 77,
      webhookActive: false,
    });
  });

  it("keeps an app's public keys by id; credentials name the app, its owner and every key", async () => {
    const { store } = t;
    const owner = await addAccount(store, "octocat");
    const app = await addApp(store, owner, "app", { clientId: "Iv1.app" });
    const other = await addApp(store, owner, "other");
    expect(await store.findAppCredentials({ id: app.id })).toEqual({
      appId: app.id,
      ownerId: owner.id,
      keyIds: [],
    });
    await store.insertAppKey({
      id: 9,
      appId: app.id,
      fingerprint: "SHA256:b",
      publicKeyPem: "PEM-9",
      now: NOW,
    });
    await store.insertAppKey({
      id: 4,
      appId: app.id,
      fingerprint: "SHA256:a",
      publicKeyPem: "PEM-4",
      now: NOW + 1,
    });
    await store.insertAppKey({
      id: 5,
      appId: other.id,
      fingerprint: "SHA256:a",
      publicKeyPem: "PEM-5",
      now: NOW,
    });
    expect(await store.listAppKeys(app.id)).toEqual([
      { id: 4, appId: app.id, fingerprint: "SHA256:a", publicKeyPem: "PEM-4", createdAt: NOW + 1 },
      { id: 9, appId: app.id, fingerprint: "SHA256:b", publicKeyPem: "PEM-9", createdAt: NOW },
    ]);
    expect(await store.findAppKeyPem(9)).toBe("PEM-9");
    expect(await store.findAppKeyPem(10)).toBeUndefined();
    const byId = await store.findAppCredentials({ id: app.id });
    const byClientId = await store.findAppCredentials({ clientId: "Iv1.app" });
    for (const credentials of [byId, byClientId]) {
      expect(credentials).toMatchObject({ appId: app.id, ownerId: owner.id });
      expect([...credentials!.keyIds].sort((a, b) => a - b)).toEqual([4, 9]);
    }
    expect(await store.findAppCredentials({ id: 404 })).toBeUndefined();
    expect(await store.findAppCredentials({ clientId: "Iv1.nope" })).toBeUndefined();

    // A fingerprint is unique within an app.
    await expectRefusedUnchanged(store, () =>
      store.insertAppKey({ id: 11, appId: app.id, fingerprint: "SHA256:a", publicKeyPem: "x", now: NOW }),
    );
    // A key is deleted only through its own app.
    expect(await store.deleteAppKey(other.id, 9)).toBe(false);
    expect(await store.deleteAppKey(app.id, 9)).toBe(true);
    expect(await store.deleteAppKey(app.id, 9)).toBe(false);
    expect((await store.listAppKeys(app.id)).map((k) => k.id)).toEqual([4]);
    expect((await store.findAppCredentials({ id: app.id }))?.keyIds).toEqual([4]);
  });

  it("keeps client secrets unique across apps, listed by id with their last eight only", async () => {
    const { store } = t;
    const owner = await addAccount(store, "octocat");
    const app = await addApp(store, owner, "app");
    const other = await addApp(store, owner, "other");
    await store.insertClientSecret({
      id: 2,
      appId: app.id,
      secretHash: "h2",
      lastEight: "22222222",
      now: NOW,
    });
    await store.insertClientSecret({
      id: 1,
      appId: app.id,
      secretHash: "h1",
      lastEight: "11111111",
      now: NOW + 1,
    });
    await store.insertClientSecret({
      id: 3,
      appId: other.id,
      secretHash: "h3",
      lastEight: "33333333",
      now: NOW,
    });
    expect(await store.listClientSecrets(app.id)).toEqual([
      { id: 1, appId: app.id, lastEight: "11111111", createdAt: NOW + 1 },
      { id: 2, appId: app.id, lastEight: "22222222", createdAt: NOW },
    ]);
    expect([...(await store.listClientSecretHashes(app.id))].sort()).toEqual(["h1", "h2"]);
    expect(await store.listKeptClientSecrets(app.id)).toEqual([
      { secretHash: "h1", lastEight: "11111111" },
      { secretHash: "h2", lastEight: "22222222" },
    ]);
    expect(await store.findClientSecretApp("h3")).toBe(other.id);
    expect(await store.findClientSecretApp("h1")).toBe(app.id);
    expect(await store.findClientSecretApp("nope")).toBeUndefined();
    await expectRefusedUnchanged(store, () =>
      store.insertClientSecret({ id: 4, appId: other.id, secretHash: "h1", lastEight: "x", now: NOW }),
    );
    expect(await store.deleteClientSecret(other.id, 1)).toBe(false);
    expect(await store.deleteClientSecret(app.id, 1)).toBe(true);
    expect(await store.deleteClientSecret(app.id, 1)).toBe(false);
    expect(await store.findClientSecretApp("h1")).toBeUndefined();
    expect(await store.listClientSecretHashes(app.id)).toEqual(["h2"]);
  });

  it("lists apps by id, a page at a time, with the total; and the apps an account owns", async () => {
    const { store } = t;
    const a = await addAccount(store, "a");
    const b = await addAccount(store, "b");
    await addApp(store, b, "three", { id: 3 });
    await addApp(store, a, "one", { id: 1 });
    await addApp(store, a, "five", { id: 5 });
    await addApp(store, b, "two", { id: 2 });
    const first = await store.listApps(page(3));
    expect(first.total).toBe(4);
    expect(first.items.map((app) => app.slug)).toEqual(["one", "two", "three"]);
    expect((await store.listApps(page(3, 3))).items.map((app) => app.id)).toEqual([5]);
    expect(await store.listApps(page(3, 4))).toEqual({ items: [], total: 4 });
    expect((await store.listAppsOwnedBy(a.id)).map((app) => app.id)).toEqual([1, 5]);
    expect((await store.listAppsOwnedBy(b.id)).map((app) => app.owner.login)).toEqual(["b", "b"]);
    expect(await store.listAppsOwnedBy(404)).toEqual([]);
  });

  it("keeps content reference domains as a set, replaced whole and listed in order", async () => {
    const { store } = t;
    const owner = await addAccount(store, "octocat");
    const app = await addApp(store, owner, "app");
    const other = await addApp(store, owner, "other");
    expect(await store.listContentReferenceDomains(app.id)).toEqual([]);
    await store.setContentReferenceDomains(app.id, ["b.example", "a.example"]);
    await store.setContentReferenceDomains(other.id, ["c.example"]);
    expect(await store.listContentReferenceDomains(app.id)).toEqual(["a.example", "b.example"]);
    await store.setContentReferenceDomains(app.id, ["z.example"]);
    expect(await store.listContentReferenceDomains(app.id)).toEqual(["z.example"]);
    await store.setContentReferenceDomains(app.id, []);
    expect(await store.listContentReferenceDomains(app.id)).toEqual([]);
    expect(await store.listContentReferenceDomains(other.id)).toEqual(["c.example"]);
  });

  it("refuses duplicate content reference domains as a whole, keeping the previous set", async () => {
    const { store } = t;
    const owner = await addAccount(store, "octocat");
    const app = await addApp(store, owner, "app");
    await store.setContentReferenceDomains(app.id, ["a.example"]);
    await expectRefusedUnchanged(store, () =>
      store.setContentReferenceDomains(app.id, ["x.example", "x.example"]),
    );
    expect(await store.listContentReferenceDomains(app.id)).toEqual(["a.example"]);
  });

  it("deletes an app with its keys, secrets, installations, tokens, deliveries, grants and listing", async () => {
    const { store } = t;
    const owner = await addAccount(store, "octocat");
    const user = await addAccount(store, "mona");
    const app = await addApp(store, owner, "doomed");
    const kept = await addApp(store, owner, "kept");
    await store.insertAppKey({ id: 1, appId: app.id, fingerprint: "f", publicKeyPem: "p", now: NOW });
    await store.insertClientSecret({ id: 1, appId: app.id, secretHash: "h", lastEight: "l", now: NOW });
    const installation = await addInstallation(store, app, user);
    const keptInstallation = await addInstallation(store, kept, user);
    await store.insertInstallationToken({
      tokenHash: "t",
      installationId: installation.id,
      permissions: {},
      repositoryIds: null,
      expiresAt: NOW + 60,
      now: NOW,
    });
    const delivery = await addDelivery(store, app);
    const keptDelivery = await addDelivery(store, kept);
    const grant = await addGrant(store, user, app);
    await addPlan(store, app, 1);
    await store.setContentReferenceDomains(app.id, ["a.example"]);

    expect(await store.deleteApp(app.id)).toBe(true);
    expect(await store.findAppById(app.id)).toBeUndefined();
    expect(await store.findAppKeyPem(1)).toBeUndefined();
    expect(await store.findClientSecretApp("h")).toBeUndefined();
    expect(await store.findInstallation(installation.id)).toBeUndefined();
    expect(await store.findInstallationToken("t")).toBeUndefined();
    expect(await store.findDelivery(app.id, delivery)).toBeUndefined();
    expect(await store.findGrantById(grant.id)).toBeUndefined();
    expect(await store.listMarketplacePlans(app.id, page(10))).toEqual({ items: [], total: 0 });
    expect(await store.listContentReferenceDomains(app.id)).toEqual([]);
    // The other app and the accounts are untouched.
    expect(await store.findInstallation(keptInstallation.id)).toBeDefined();
    expect(await store.findDelivery(kept.id, keptDelivery)).toBeDefined();
    expect((await store.findAppById(kept.id))?.installationsCount).toBe(1);
    expect(await rowCounts(store, "accounts", "apps")).toEqual({ accounts: 2, apps: 1 });
    expect(await store.deleteApp(app.id)).toBe(false);
  });
});
