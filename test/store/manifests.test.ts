import { describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.js";
import type { Store } from "../../src/store/store.js";
import { TEST_STORE } from "../helpers/store.js";
import { NOW, addAccount, addApp, addOrg, expectRefusedUnchanged, useStore } from "./fixtures.js";

describe("store contract: pending manifests and manifest codes", () => {
  const t = useStore();

  const manifest = JSON.stringify({ name: "From a manifest", url: "https://example.com" });

  it("keeps a posted manifest by the hash of its id until it is deleted", async () => {
    const { store } = t;
    const org = await addOrg(store, "org");
    await store.insertPendingManifest({
      idHash: "m1",
      manifest,
      state: "xyz",
      ownerId: org.id,
      createdAt: NOW,
      expiresAt: NOW + 3600,
    });
    await store.insertPendingManifest({
      idHash: "m2",
      manifest,
      state: null,
      ownerId: null,
      createdAt: NOW,
      expiresAt: NOW + 3600,
    });
    expect(await store.findPendingManifest("m1")).toEqual({
      manifest,
      state: "xyz",
      ownerId: org.id,
      createdAt: NOW,
      expiresAt: NOW + 3600,
    });
    expect(await store.findPendingManifest("m2")).toMatchObject({ state: null, ownerId: null });
    expect(await store.findPendingManifest("m3")).toBeUndefined();
    await expectRefusedUnchanged(store, () =>
      store.insertPendingManifest({
        idHash: "m1",
        manifest: "{}",
        state: null,
        ownerId: null,
        createdAt: NOW,
        expiresAt: NOW,
      }),
    );
    expect(await store.deletePendingManifest("m1")).toBe(true);
    expect(await store.deletePendingManifest("m1")).toBe(false);
    expect(await store.findPendingManifest("m1")).toBeUndefined();
    expect(await store.findPendingManifest("m2")).toBeDefined();
  });

  it("sweeps manifests expired at or before a time, and counts them", async () => {
    const { store } = t;
    for (const [idHash, expiresAt] of [
      ["old", NOW - 1],
      ["edge", NOW],
      ["new", NOW + 1],
    ] as const)
      await store.insertPendingManifest({
        idHash,
        manifest,
        state: null,
        ownerId: null,
        createdAt: NOW - 10,
        expiresAt,
      });
    expect(await store.deleteExpiredPendingManifests(NOW)).toBe(2);
    expect(await store.findPendingManifest("edge")).toBeUndefined();
    expect(await store.findPendingManifest("new")).toBeDefined();
    expect(await store.deleteExpiredPendingManifests(NOW)).toBe(0);
  });

  it("deletes the manifests posted for an organization with it", async () => {
    const { store } = t;
    const org = await addOrg(store, "org");
    await store.insertPendingManifest({
      idHash: "m",
      manifest,
      state: null,
      ownerId: org.id,
      createdAt: NOW,
      expiresAt: NOW + 60,
    });
    await store.deleteAccount(org.id);
    expect(await store.findPendingManifest("m")).toBeUndefined();
  });

  it("hands a manifest code out once: a second take gets nothing", async () => {
    const { store } = t;
    const creator = await addAccount(store, "creator");
    const app = await addApp(store, creator, "made");
    const code = { appId: app.id, creatorId: creator.id, createdAt: NOW, expiresAt: NOW + 3600 };
    await store.insertManifestCode({ ...code, codeHash: "c1" });
    await expectRefusedUnchanged(store, () => store.insertManifestCode({ ...code, codeHash: "c1" }));
    expect(await store.takeManifestCode("c1")).toEqual(code);
    expect(await store.takeManifestCode("c1")).toBeUndefined();
    expect(await store.takeManifestCode("c2")).toBeUndefined();
  });

  it("gives a manifest code to exactly one of concurrent takers", async () => {
    const { store } = t;
    const creator = await addAccount(store, "creator");
    const app = await addApp(store, creator, "made");
    const code = { appId: app.id, creatorId: creator.id, createdAt: NOW, expiresAt: NOW + 3600 };
    await store.insertManifestCode({ ...code, codeHash: "race" });
    const other: Store = TEST_STORE === "postgres" ? await openStore(t.location) : store;
    try {
      const takes = await Promise.all(
        Array.from({ length: 6 }, (_, i) => (i % 2 ? other : store).takeManifestCode("race")),
      );
      expect(takes.filter((take) => take !== undefined)).toEqual([code]);
    } finally {
      if (other !== store) await other.close();
    }
  });

  it("sweeps manifest codes expired at or before a time, and deletes an app's codes with it", async () => {
    const { store } = t;
    const creator = await addAccount(store, "creator");
    const app = await addApp(store, creator, "made");
    const other = await addApp(store, creator, "other");
    for (const [codeHash, expiresAt] of [
      ["old", NOW - 1],
      ["edge", NOW],
      ["new", NOW + 1],
    ] as const)
      await store.insertManifestCode({
        codeHash,
        appId: app.id,
        creatorId: creator.id,
        createdAt: NOW - 10,
        expiresAt,
      });
    await store.insertManifestCode({
      codeHash: "other",
      appId: other.id,
      creatorId: creator.id,
      createdAt: NOW,
      expiresAt: NOW + 60,
    });
    expect(await store.deleteExpiredManifestCodes(NOW)).toBe(2);
    expect(await store.deleteExpiredManifestCodes(NOW)).toBe(0);
    await store.deleteApp(app.id);
    expect(await store.takeManifestCode("new")).toBeUndefined();
    expect(await store.takeManifestCode("other")).toMatchObject({ appId: other.id });
  });
});
