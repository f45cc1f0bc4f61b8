import { describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.js";
import type { Store } from "../../src/store/store.js";
import { TEST_STORE } from "../helpers/store.js";
import {
  NOW,
  addAccount,
  addApp,
  addGrant,
  expectRefusedUnchanged,
  rowCounts,
  useStore,
} from "./fixtures.js";

describe("store contract: OAuth grants, user access tokens and codes", () => {
  const t = useStore();

  async function world() {
    const { store } = t;
    const owner = await addAccount(store, "owner");
    const user = await addAccount(store, "mona");
    const target = await addAccount(store, "target-org", { type: "Organization" });
    const app = await addApp(store, owner, "app");
    const grant = await addGrant(store, user, app);
    return { owner, user, target, app, grant };
  }

  const token = (id: number, grantId: number, over: Record<string, unknown> = {}) => ({
    id,
    tokenHash: `ghu-${id}`,
    refreshTokenHash: `ghr-${id}`,
    grantId,
    lastEight: `last${id}`.padEnd(8, "x"),
    expiresAt: NOW + 28_800,
    refreshExpiresAt: NOW + 15_897_600,
    scope: null,
    now: NOW,
    ...over,
  });

  it("keeps one grant per user and app, found by both or by id", async () => {
    const { store } = t;
    const { user, owner, app, grant } = await world();
    expect(grant).toEqual({ id: grant.id, userId: user.id, appId: app.id, createdAt: NOW });
    expect(await store.findGrant(user.id, app.id)).toEqual(grant);
    expect(await store.findGrant(owner.id, app.id)).toBeUndefined();
    expect(await store.findGrantById(grant.id + 1)).toBeUndefined();
    await expectRefusedUnchanged(store, () =>
      store.insertGrant({ id: grant.id + 1, userId: user.id, appId: app.id, now: NOW }),
    );
  });

  it("finds a user access token by its hash and by its refresh hash, with its user and app", async () => {
    const { store } = t;
    const { user, target, app, grant } = await world();
    await store.insertUserAccessToken(token(1, grant.id));
    await store.insertUserAccessToken(
      token(2, grant.id, {
        refreshTokenHash: null,
        expiresAt: null,
        refreshExpiresAt: null,
        scope: { targetId: target.id, repositoryIds: [5, 3], permissions: { issues: "read" } },
      }),
    );
    const first = {
      id: 1,
      grantId: grant.id,
      user,
      appId: app.id,
      lastEight: "last1xxx",
      expiresAt: NOW + 28_800,
      refreshExpiresAt: NOW + 15_897_600,
      scope: null,
      createdAt: NOW,
    };
    expect(await store.findUserAccessToken("ghu-1")).toEqual(first);
    expect(await store.findUserAccessTokenByRefresh("ghr-1")).toEqual(first);
    expect(await store.findUserAccessToken("ghr-1")).toBeUndefined();
    expect(await store.findUserAccessToken("ghu-2")).toEqual({
      ...first,
      id: 2,
      lastEight: "last2xxx",
      expiresAt: null,
      refreshExpiresAt: null,
      scope: { targetId: target.id, repositoryIds: [5, 3], permissions: { issues: "read" } },
    });
    // A scope of all the target's repositories and permissions.
    await store.insertUserAccessToken(
      token(3, grant.id, { scope: { targetId: target.id, repositoryIds: null, permissions: null } }),
    );
    expect((await store.findUserAccessToken("ghu-3"))?.scope).toEqual({
      targetId: target.id,
      repositoryIds: null,
      permissions: null,
    });
  });

  it("refuses a user access token whose hash or refresh hash is taken, changing nothing", async () => {
    const { store } = t;
    const { grant } = await world();
    await store.insertUserAccessToken(token(1, grant.id));
    await expectRefusedUnchanged(store, () =>
      store.insertUserAccessToken(token(2, grant.id, { tokenHash: "ghu-1" })),
    );
    await expectRefusedUnchanged(store, () =>
      store.insertUserAccessToken(token(2, grant.id, { refreshTokenHash: "ghr-1" })),
    );
  });

  it("gives a token a new secret only while the old hash is still its own", async () => {
    const { store } = t;
    const { grant } = await world();
    await store.insertUserAccessToken(token(1, grant.id));
    const reset = { tokenHash: "ghu-new", lastEight: "newnewnn", expiresAt: NOW + 99 };
    expect(await store.replaceUserAccessTokenHash(1, "ghu-stale", reset)).toBe(false);
    expect(await store.findUserAccessToken("ghu-new")).toBeUndefined();
    expect(await store.replaceUserAccessTokenHash(1, "ghu-1", reset)).toBe(true);
    expect(await store.findUserAccessToken("ghu-1")).toBeUndefined();
    expect(await store.findUserAccessToken("ghu-new")).toMatchObject({
      id: 1,
      lastEight: "newnewnn",
      expiresAt: NOW + 99,
      refreshExpiresAt: NOW + 15_897_600,
    });
    // The old hash is stale now: a second reset from it loses.
    expect(
      await store.replaceUserAccessTokenHash(1, "ghu-1", {
        tokenHash: "ghu-3",
        lastEight: "x",
        expiresAt: null,
      }),
    ).toBe(false);
    expect(await store.replaceUserAccessTokenHash(2, "ghu-new", reset)).toBe(false);
    expect((await store.findUserAccessToken("ghu-new"))?.lastEight).toBe("newnewnn");
    expect(await store.deleteUserAccessToken(1)).toBe(true);
    expect(await store.deleteUserAccessToken(1)).toBe(false);
    expect(await store.findUserAccessToken("ghu-new")).toBeUndefined();
    expect(
      await store.replaceUserAccessTokenHash(1, "ghu-new", {
        tokenHash: "ghu-4",
        lastEight: "x",
        expiresAt: null,
      }),
    ).toBe(false);
  });

  it("hands an authorization code out once: a second take gets nothing", async () => {
    const { store } = t;
    const { app, grant } = await world();
    const code = {
      appId: app.id,
      grantId: grant.id,
      redirectUri: "https://app.example/cb",
      codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      expiresAt: NOW + 600,
    };
    await store.insertAuthorizationCode({ ...code, codeHash: "c1", now: NOW });
    await store.insertAuthorizationCode({
      ...code,
      redirectUri: null,
      codeChallenge: null,
      codeHash: "c2",
      now: NOW,
    });
    expect(await store.takeAuthorizationCode("c1")).toEqual(code);
    expect(await store.takeAuthorizationCode("c1")).toBeUndefined();
    expect(await store.takeAuthorizationCode("c2")).toEqual({
      ...code,
      redirectUri: null,
      codeChallenge: null,
    });
    expect(await store.takeAuthorizationCode("nope")).toBeUndefined();
  });

  it("gives an authorization code to exactly one of concurrent takers", async () => {
    const { store } = t;
    const { app, grant } = await world();
    await store.insertAuthorizationCode({
      appId: app.id,
      grantId: grant.id,
      redirectUri: null,
      codeChallenge: null,
      expiresAt: NOW + 600,
      codeHash: "race",
      now: NOW,
    });
    const other: Store = TEST_STORE === "postgres" ? await openStore(t.location) : store;
    try {
      const takes = await Promise.all(
        Array.from({ length: 6 }, (_, i) => (i % 2 ? other : store).takeAuthorizationCode("race")),
      );
      expect(takes.filter((take) => take !== undefined)).toEqual([
        { appId: app.id, grantId: grant.id, redirectUri: null, codeChallenge: null, expiresAt: NOW + 600 },
      ]);
    } finally {
      if (other !== store) await other.close();
    }
  });

  it("finds a device request by its device code hash or its user code", async () => {
    const { store } = t;
    const { app } = await world();
    await store.insertDeviceRequest({
      deviceCodeHash: "dev1",
      userCode: "WDJB-MJHT",
      appId: app.id,
      state: "pending",
      interval: 5,
      expiresAt: NOW + 900,
      now: NOW,
    });
    const expected = {
      deviceCodeHash: "dev1",
      userCode: "WDJB-MJHT",
      appId: app.id,
      state: "pending",
      grantId: null,
      interval: 5,
      lastPolledAt: null,
      expiresAt: NOW + 900,
    };
    expect(await store.findDeviceRequest({ deviceCodeHash: "dev1" })).toEqual(expected);
    expect(await store.findDeviceRequest({ userCode: "WDJB-MJHT" })).toEqual(expected);
    expect(await store.findDeviceRequest({ userCode: "dev1" })).toBeUndefined();
    await store.recordDevicePoll("dev1", NOW + 5, 10);
    expect(await store.findDeviceRequest({ deviceCodeHash: "dev1" })).toEqual({
      ...expected,
      lastPolledAt: NOW + 5,
      interval: 10,
    });
    // User codes are unique.
    await expectRefusedUnchanged(store, () =>
      store.insertDeviceRequest({
        deviceCodeHash: "dev2",
        userCode: "WDJB-MJHT",
        appId: app.id,
        state: "pending",
        interval: 5,
        expiresAt: NOW + 900,
        now: NOW,
      }),
    );
    expect(await store.deleteDeviceRequest("dev1")).toBe(true);
    expect(await store.deleteDeviceRequest("dev1")).toBe(false);
    expect(await store.findDeviceRequest({ deviceCodeHash: "dev1" })).toBeUndefined();
  });

  it("answers a device request only while it is pending", async () => {
    const { store } = t;
    const { app, grant } = await world();
    for (const hash of ["yes", "no"])
      await store.insertDeviceRequest({
        deviceCodeHash: hash,
        userCode: hash.toUpperCase(),
        appId: app.id,
        state: "pending",
        interval: 5,
        expiresAt: NOW + 900,
        now: NOW,
      });
    expect(await store.answerDeviceRequest("yes", { state: "authorized", grantId: grant.id })).toBe(true);
    expect(await store.answerDeviceRequest("yes", { state: "denied" })).toBe(false);
    expect(await store.findDeviceRequest({ deviceCodeHash: "yes" })).toMatchObject({
      state: "authorized",
      grantId: grant.id,
    });
    expect(await store.answerDeviceRequest("no", { state: "denied" })).toBe(true);
    expect(await store.answerDeviceRequest("no", { state: "authorized", grantId: grant.id })).toBe(false);
    expect(await store.findDeviceRequest({ deviceCodeHash: "no" })).toMatchObject({
      state: "denied",
      grantId: null,
    });
    expect(await store.answerDeviceRequest("missing", { state: "denied" })).toBe(false);
  });

  it("sweeps codes and device requests that expired strictly before a time, and counts them", async () => {
    const { store } = t;
    const { app, grant } = await world();
    for (const [codeHash, expiresAt] of [
      ["old", NOW - 1],
      ["edge", NOW],
    ] as const)
      await store.insertAuthorizationCode({
        appId: app.id,
        grantId: grant.id,
        redirectUri: null,
        codeChallenge: null,
        expiresAt,
        codeHash,
        now: NOW - 600,
      });
    for (const [deviceCodeHash, expiresAt] of [
      ["d-old", NOW - 5],
      ["d-edge", NOW],
    ] as const)
      await store.insertDeviceRequest({
        deviceCodeHash,
        userCode: deviceCodeHash,
        appId: app.id,
        state: "pending",
        interval: 5,
        expiresAt,
        now: NOW - 900,
      });
    expect(await store.deleteExpiredOAuthCodes(NOW)).toBe(2);
    expect(await store.takeAuthorizationCode("old")).toBeUndefined();
    expect(await store.findDeviceRequest({ deviceCodeHash: "d-old" })).toBeUndefined();
    expect(await store.findDeviceRequest({ deviceCodeHash: "d-edge" })).toBeDefined();
    expect(await store.deleteExpiredOAuthCodes(NOW)).toBe(0);
    expect(await store.takeAuthorizationCode("edge")).toBeDefined();
  });

  it("deletes a grant with every token and code under it", async () => {
    const { store } = t;
    const { user, owner, app, grant } = await world();
    const kept = await addGrant(store, owner, app);
    await store.insertUserAccessToken(token(1, grant.id));
    await store.insertUserAccessToken(token(2, kept.id));
    await store.insertAuthorizationCode({
      appId: app.id,
      grantId: grant.id,
      redirectUri: null,
      codeChallenge: null,
      expiresAt: NOW + 600,
      codeHash: "c",
      now: NOW,
    });
    await store.insertDeviceRequest({
      deviceCodeHash: "d",
      userCode: "D",
      appId: app.id,
      state: "pending",
      interval: 5,
      expiresAt: NOW + 900,
      now: NOW,
    });
    await store.answerDeviceRequest("d", { state: "authorized", grantId: grant.id });

    expect(await store.deleteGrant(grant.id)).toBe(true);
    expect(await store.deleteGrant(grant.id)).toBe(false);
    expect(await store.findGrant(user.id, app.id)).toBeUndefined();
    expect(await store.findUserAccessToken("ghu-1")).toBeUndefined();
    expect(await store.findUserAccessTokenByRefresh("ghr-1")).toBeUndefined();
    expect(await store.takeAuthorizationCode("c")).toBeUndefined();
    expect(await store.findDeviceRequest({ deviceCodeHash: "d" })).toBeUndefined();
    expect(await store.findUserAccessToken("ghu-2")).toBeDefined();
    expect(await rowCounts(store, "oauth_grants", "user_access_tokens")).toEqual({
      oauth_grants: 1,
      user_access_tokens: 1,
    });
  });

  it("deletes a user's grants and tokens with the user", async () => {
    const { store } = t;
    const { user, grant } = await world();
    await store.insertUserAccessToken(token(1, grant.id));
    expect(await store.deleteAccount(user.id)).toBe(true);
    expect(await store.findGrantById(grant.id)).toBeUndefined();
    expect(await store.findUserAccessToken("ghu-1")).toBeUndefined();
  });
});
