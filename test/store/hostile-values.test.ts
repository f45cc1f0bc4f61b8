import { describe, expect, it } from "vitest";
import { addAccount, addRepository, useStore } from "./fixtures.js";

/**
 * Defence in depth behind the edge's checks (issue 13, item 8): PostgreSQL refuses NUL in text and
 * integers beyond `bigint` with an error where SQLite finds nothing. The store must find nothing on both.
 */
describe("store contract: values PostgreSQL cannot hold find nothing", () => {
  const t = useStore();

  it("a login, a slug or a repository name holding NUL finds nothing", async () => {
    const { store } = t;
    const owner = await addAccount(store, "octocat");
    await addRepository(store, owner, "hello");
    expect(await store.findAccountByLogin("octo\u0000cat")).toBeUndefined();
    expect(await store.findAppBySlug("a\u0000b")).toBeUndefined();
    expect(await store.findRepository("octocat", "hel\u0000lo")).toBeUndefined();
  });

  it.each([2 ** 63, 1e300, -(2 ** 64), Number.NaN, Number.POSITIVE_INFINITY])(
    "the id %d finds nothing",
    async (id) => {
      const { store } = t;
      expect(await store.findRepositoryById(id)).toBeUndefined();
      expect(await store.findAccountById(id)).toBeUndefined();
    },
  );
});
