import { describe, expect, it } from "vitest";
import { NOW, addAccount, addApp, addInstallation, expectRefusedUnchanged, useStore } from "./fixtures.js";

describe("store contract: installation tokens, user tokens and rate-limit counts", () => {
  const t = useStore();

  async function installation() {
    const { store } = t;
    const owner = await addAccount(store, "owner");
    const app = await addApp(store, owner, "app");
    return addInstallation(store, app, owner, {
      repositorySelection: "selected",
      permissions: { contents: "read", issues: "write" },
    });
  }

  it("finds an installation token by its hash, with what it grants and its installation", async () => {
    const { store } = t;
    const inst = await installation();
    await store.insertInstallationToken({
      tokenHash: "narrow",
      installationId: inst.id,
      permissions: { issues: "read" },
      repositoryIds: [3, 1],
      expiresAt: NOW + 3600,
      now: NOW,
    });
    await store.insertInstallationToken({
      tokenHash: "wide",
      installationId: inst.id,
      permissions: { contents: "read", issues: "write" },
      repositoryIds: null,
      expiresAt: NOW + 60,
      now: NOW,
    });
    const grant = {
      id: inst.id,
      appId: inst.appId,
      account: inst.account,
      repositorySelection: "selected",
      permissions: { contents: "read", issues: "write" },
      suspendedAt: null,
    };
    expect(await store.findInstallationToken("narrow")).toEqual({
      installation: grant,
      permissions: { issues: "read" },
      repositoryIds: [3, 1],
      expiresAt: NOW + 3600,
    });
    expect(await store.findInstallationToken("wide")).toEqual({
      installation: grant,
      permissions: { contents: "read", issues: "write" },
      repositoryIds: null,
      expiresAt: NOW + 60,
    });
    expect(await store.findInstallationToken("other")).toBeUndefined();
  });

  it("shows a token its installation's suspension as it is now", async () => {
    const { store } = t;
    const inst = await installation();
    const token = {
      tokenHash: "tok",
      installationId: inst.id,
      permissions: {},
      repositoryIds: null,
      expiresAt: NOW + 60,
      now: NOW,
    };
    await store.insertInstallationToken(token);
    expect((await store.findInstallationToken("tok"))?.installation.suspendedAt).toBeNull();
    await store.updateInstallation(inst.id, { suspendedAt: NOW + 5, now: NOW + 5 });
    expect((await store.findInstallationToken("tok"))?.installation.suspendedAt).toBe(NOW + 5);
    await expectRefusedUnchanged(store, () => store.insertInstallationToken(token));
  });

  it("refuses a token of an installation that does not exist", async () => {
    const { store } = t;
    await expectRefusedUnchanged(
      store,
      () =>
        store.insertInstallationToken({
          tokenHash: "orphan",
          installationId: 404,
          permissions: {},
          repositoryIds: null,
          expiresAt: NOW,
          now: NOW,
        }),
      "foreign key",
    );
  });

  it("deletes one installation token, and sweeps those expired strictly before a time", async () => {
    const { store } = t;
    const inst = await installation();
    for (const [tokenHash, expiresAt] of [
      ["a", NOW - 5],
      ["b", NOW - 1],
      ["c", NOW],
      ["d", NOW + 5],
    ] as const)
      await store.insertInstallationToken({
        tokenHash,
        installationId: inst.id,
        permissions: {},
        repositoryIds: null,
        expiresAt,
        now: NOW - 10,
      });
    expect(await store.deleteInstallationToken("d")).toBe(true);
    expect(await store.deleteInstallationToken("d")).toBe(false);
    expect(await store.deleteExpiredInstallationTokens(NOW)).toBe(2);
    expect(await store.findInstallationToken("b")).toBeUndefined();
    expect(await store.findInstallationToken("c")).toBeDefined();
    expect(await store.deleteExpiredInstallationTokens(NOW)).toBe(0);
  });

  it("finds a user token with its user; a second token of the same hash is ignored", async () => {
    const { store } = t;
    const user = await addAccount(store, "mona", { siteAdmin: true });
    const other = await addAccount(store, "hubot");
    await store.insertUserToken({
      tokenHash: "pat",
      userId: user.id,
      scopes: ["repo", "user"],
      expiresAt: null,
      now: NOW,
    });
    await store.insertUserToken({
      tokenHash: "imp",
      userId: user.id,
      scopes: [],
      expiresAt: NOW + 60,
      now: NOW,
      kind: "impersonation",
    });
    await store.insertUserToken({ tokenHash: "pat", userId: other.id, scopes: [], expiresAt: NOW, now: NOW });
    // The same user's token again: its scopes are stated anew (a world applied again), nothing else.
    const again = { tokenHash: "again", userId: user.id, expiresAt: null, now: NOW };
    await store.insertUserToken({ ...again, scopes: ["repo"] });
    await store.insertUserToken({ ...again, scopes: ["read:user"], expiresAt: NOW });
    expect(await store.findUserToken("again")).toMatchObject({ scopes: ["read:user"], expiresAt: null });
    expect(await store.findUserToken("pat")).toEqual({
      user,
      kind: "personal",
      scopes: ["repo", "user"],
      expiresAt: null,
    });
    expect(await store.findUserToken("imp")).toEqual({
      user,
      kind: "impersonation",
      scopes: [],
      expiresAt: NOW + 60,
    });
    expect(await store.findUserToken("nope")).toBeUndefined();
  });

  it("lists a user's tokens of one kind as authorizations, oldest first, and deletes them by kind", async () => {
    const { store } = t;
    const user = await addAccount(store, "mona");
    const other = await addAccount(store, "hubot");
    await store.insertUserToken({
      tokenHash: "late",
      userId: user.id,
      scopes: ["repo"],
      expiresAt: null,
      now: NOW + 10,
      authorizationId: 7,
      note: "ci",
      lastEight: "abcdefgh",
    });
    await store.insertUserToken({
      tokenHash: "early",
      userId: user.id,
      scopes: [],
      expiresAt: NOW + 99,
      now: NOW,
    });
    await store.insertUserToken({
      tokenHash: "imp",
      userId: user.id,
      scopes: ["user"],
      expiresAt: null,
      now: NOW + 5,
      kind: "impersonation",
      authorizationId: 9,
    });
    await store.insertUserToken({
      tokenHash: "theirs",
      userId: other.id,
      scopes: [],
      expiresAt: null,
      now: NOW,
    });

    expect(await store.listAuthorizations(user.id, "personal")).toEqual([
      {
        id: 0,
        user,
        kind: "personal",
        scopes: [],
        note: null,
        lastEight: null,
        expiresAt: NOW + 99,
        createdAt: NOW,
      },
      {
        id: 7,
        user,
        kind: "personal",
        scopes: ["repo"],
        note: "ci",
        lastEight: "abcdefgh",
        expiresAt: null,
        createdAt: NOW + 10,
      },
    ]);
    expect((await store.listAuthorizations(user.id, "impersonation")).map((a) => a.id)).toEqual([9]);
    expect(await store.listAuthorizations(404, "personal")).toEqual([]);

    expect(await store.deleteUserTokens(user.id, "personal")).toBe(2);
    expect(await store.deleteUserTokens(user.id, "personal")).toBe(0);
    expect(await store.findUserToken("late")).toBeUndefined();
    expect(await store.findUserToken("imp")).toBeDefined();
    expect(await store.findUserToken("theirs")).toBeDefined();
  });

  it("adds usage within a window, and opens a new window once it has ended", async () => {
    const { store } = t;
    expect(await store.addRateLimitUsage("installation:1", 1, NOW, 3600)).toEqual({
      used: 1,
      resetAt: NOW + 3600,
    });
    expect(await store.addRateLimitUsage("installation:1", 4, NOW + 100, 3600)).toEqual({
      used: 5,
      resetAt: NOW + 3600,
    });
    // Another credential counts apart.
    expect(await store.addRateLimitUsage("installation:2", 2, NOW + 100, 60)).toEqual({
      used: 2,
      resetAt: NOW + 160,
    });
    expect(await store.addRateLimitUsage("installation:1", 1, NOW + 3599, 3600)).toEqual({
      used: 6,
      resetAt: NOW + 3600,
    });
    // At the reset time the window has ended: the count restarts with this delta.
    expect(await store.addRateLimitUsage("installation:1", 3, NOW + 3600, 3600)).toEqual({
      used: 3,
      resetAt: NOW + 7200,
    });
    expect(await store.addRateLimitUsage("installation:1", 0, NOW + 3700, 3600)).toEqual({
      used: 3,
      resetAt: NOW + 7200,
    });
  });

  it("counts every one of concurrent additions", async () => {
    const { store } = t;
    await Promise.all(Array.from({ length: 10 }, () => store.addRateLimitUsage("user:1", 1, NOW, 3600)));
    expect(await store.addRateLimitUsage("user:1", 0, NOW, 3600)).toEqual({ used: 10, resetAt: NOW + 3600 });
  });
});
