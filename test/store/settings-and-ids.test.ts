import { describe, expect, it } from "vitest";
import { addAccount, addRepository, useStore } from "./fixtures.js";

describe("store contract: settings and ids", () => {
  const t = useStore();

  it("allocates ids from 1 upwards, one sequence per kind", async () => {
    const { store } = t;
    expect(await store.allocateId("accounts")).toBe(1);
    expect(await store.allocateId("accounts")).toBe(2);
    expect(await store.allocateId("apps")).toBe(1);
    expect(await store.allocateId("accounts")).toBe(3);
    expect(await store.allocateId("webhook_deliveries")).toBe(1);
  });

  it("never hands out one id twice to concurrent callers", async () => {
    const { store } = t;
    const ids = await Promise.all(Array.from({ length: 12 }, () => store.allocateId("installations")));
    expect([...ids].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it("moves a sequence past a reserved id, never back", async () => {
    const { store } = t;
    await store.reserveId("repositories", 10);
    expect(await store.allocateId("repositories")).toBe(11);
    await store.reserveId("repositories", 5);
    expect(await store.allocateId("repositories")).toBe(12);
    await store.reserveId("repositories", 12);
    expect(await store.allocateId("repositories")).toBe(13);
    // Other kinds are untouched.
    expect(await store.allocateId("apps")).toBe(1);
  });

  it("allocates past ids the builders reserved after writing a pinned id", async () => {
    const { store } = t;
    const owner = await addAccount(store, "octocat", { id: 40 });
    await store.reserveId("accounts", owner.id);
    expect(await store.allocateId("accounts")).toBe(41);
    await addRepository(store, owner, "hello");
    expect(await store.allocateId("repositories")).toBe(2);
  });

  it("keeps settings: undefined until set, then the latest value", async () => {
    const { store } = t;
    expect(await store.getSetting("secret-key")).toBeUndefined();
    await store.setSetting("secret-key", "one");
    await store.setSetting("other", "x");
    expect(await store.getSetting("secret-key")).toBe("one");
    await store.setSetting("secret-key", "two");
    expect(await store.getSetting("secret-key")).toBe("two");
    expect(await store.getSetting("other")).toBe("x");
    expect(await store.getSetting("SECRET-KEY")).toBeUndefined();
  });
});
