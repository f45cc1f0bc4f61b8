import { describe, expect, it } from "vitest";
import { Housekeeping } from "../../src/runtime/housekeeping.js";
import type { Store } from "../../src/store/store.js";

type Row = Record<string, unknown>;
const rows = async (store: Store, table: string) => ((await store.dumpTables())[table] ?? []) as Row[];
import {
  NOW,
  addAccount,
  addApp,
  addDelivery,
  addGrant,
  addInstallation,
  outcome,
  rowCounts,
  useStore,
} from "./fixtures.js";

const DAY = 86400;
const quiet = { warn: () => {} };
/** A clock fixed at `at` (seconds), as the housekeeping's injected clock. */
const at = (seconds: number) => ({ now: () => seconds * 1000 });

const TABLES = [
  "installation_tokens",
  "user_tokens",
  "user_access_tokens",
  "sessions",
  "oauth_codes",
  "oauth_device_codes",
  "app_manifests",
  "app_manifest_codes",
  "rate_limits",
  "webhook_deliveries",
];

/**
 * One of each expiring thing, made at NOW: `soon` ones expire an hour after NOW, `lasting` ones much
 * later or never.
 */
async function fill(store: Store) {
  const user = await addAccount(store, "octocat");
  const app = await addApp(store, user, "pruned");
  const installation = await addInstallation(store, app, user);
  const grant = await addGrant(store, user, app);
  for (const [name, expiresAt] of [
    ["soon", NOW + 3600],
    ["lasting", NOW + 30 * DAY],
  ] as const) {
    await store.insertInstallationToken({
      tokenHash: `ghs-${name}`,
      installationId: installation.id,
      permissions: {},
      repositoryIds: null,
      expiresAt,
      now: NOW,
    });
    await store.insertUserToken({
      tokenHash: `ghp-${name}`,
      userId: user.id,
      scopes: [],
      expiresAt,
      now: NOW,
    });
    await store.insertSession({
      idHash: `s-${name}`,
      userId: user.id,
      csrfToken: "c",
      createdAt: NOW,
      expiresAt,
    });
    await store.insertAuthorizationCode({
      codeHash: `code-${name}`,
      appId: app.id,
      grantId: grant.id,
      redirectUri: null,
      codeChallenge: null,
      expiresAt,
      now: NOW,
    });
    await store.insertDeviceRequest({
      deviceCodeHash: `device-${name}`,
      userCode: name === "soon" ? "AAAA-AAAA" : "BBBB-BBBB",
      appId: app.id,
      state: "pending",
      interval: 5,
      expiresAt,
      now: NOW,
    });
    await store.insertPendingManifest({
      idHash: `m-${name}`,
      manifest: "{}",
      state: null,
      ownerId: null,
      createdAt: NOW,
      expiresAt,
    });
    await store.insertManifestCode({
      codeHash: `mc-${name}`,
      appId: app.id,
      creatorId: user.id,
      createdAt: NOW,
      expiresAt,
    });
    await store.addRateLimitUsage(`key-${name}`, 1, NOW, expiresAt - NOW);
  }
  // A personal token without expiry, and user access tokens: expiring without refresh, expiring with a
  // refresh token that lasts, and never expiring.
  await store.insertUserToken({
    tokenHash: "ghp-forever",
    userId: user.id,
    scopes: [],
    expiresAt: null,
    now: NOW,
  });
  for (const [id, expiresAt, refresh, refreshExpiresAt] of [
    [1, NOW + 3600, null, null],
    [2, NOW + 3600, "ghr-lasting", NOW + 180 * DAY],
    [3, null, null, null],
  ] as const) {
    await store.insertUserAccessToken({
      id: 1000 + id,
      tokenHash: `ghu-${id}`,
      refreshTokenHash: refresh,
      grantId: grant.id,
      lastEight: "abcdefgh",
      expiresAt,
      refreshExpiresAt,
      scope: null,
      now: NOW,
    });
  }
  // Deliveries: one done at NOW, one done a day later, one still pending from NOW.
  const done = await addDelivery(store, app, { now: NOW });
  await store.claimDeliveries("w", NOW * 1000, 1);
  await store.completeDelivery(done, "w", outcome(200));
  const later = await addDelivery(store, app, { now: NOW + DAY });
  await store.claimDeliveries("w", NOW * 1000, 1);
  await store.completeDelivery(later, "w", outcome(200));
  await addDelivery(store, app, { now: NOW });
  return { done, later };
}

describe("store contract: pruning what has expired", () => {
  const t = useStore();

  it("keeps everything while it is still valid", async () => {
    const { store } = t;
    await fill(store);
    const before = await rowCounts(store, ...TABLES);
    await new Housekeeping(store, at(NOW + 60), quiet).sweep();
    expect(await rowCounts(store, ...TABLES)).toEqual(before);
  });

  it("deletes each expired thing after its grace, and nothing that can still be used", async () => {
    const { store } = t;
    await fill(store);
    // Two hours on: sessions, manifests and their codes, and rate-limit windows go at once; one-time
    // codes an hour past expiry; tokens stay their day.
    await new Housekeeping(store, at(NOW + 2 * 3600 + 1), quiet).sweep();
    expect(await rowCounts(store, ...TABLES)).toEqual({
      installation_tokens: 2,
      user_tokens: 3,
      user_access_tokens: 3,
      sessions: 1,
      oauth_codes: 1,
      oauth_device_codes: 1,
      app_manifests: 1,
      app_manifest_codes: 1,
      rate_limits: 1,
      webhook_deliveries: 3,
    });
    // A day and more on: expired tokens go, but not a user access token whose refresh token lasts.
    await new Housekeeping(store, at(NOW + DAY + 2 * 3600), quiet).sweep();
    const hashes = async (table: string) => (await rows(store, table)).map((r) => r.token_hash).sort();
    expect(await hashes("installation_tokens")).toEqual(["ghs-lasting"]);
    expect(await hashes("user_tokens")).toEqual(["ghp-forever", "ghp-lasting"]);
    expect(await hashes("user_access_tokens")).toEqual(["ghu-2", "ghu-3"]);
  });

  it("keeps deliveries as long as GitHub lists them (3 days), and never one not yet sent", async () => {
    const { store } = t;
    const { done, later } = await fill(store);
    await new Housekeeping(store, at(NOW + 3 * DAY - 1), quiet).sweep();
    expect((await store.dumpTables()).webhook_deliveries).toHaveLength(3);
    await new Housekeeping(store, at(NOW + 3 * DAY + 1), quiet).sweep();
    const left = await rows(store, "webhook_deliveries");
    expect(left.map((r) => Number(r.id)).includes(done)).toBe(false);
    expect(left.map((r) => r.state).sort()).toEqual(["done", "pending"]);
    expect(left.find((r) => r.state === "done")!.id).toBe(later);
    expect(await store.findDelivery((await store.findAppBySlug("pruned"))!.id, done)).toBeUndefined();
  });
});
