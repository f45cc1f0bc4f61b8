import { describe, expect, it } from "vitest";
import { MERGE_SETTING_DEFAULTS } from "../../src/domain/merge-settings.js";
import {
  NOW,
  addAccount,
  addApp,
  addInstallation,
  addOrg,
  addRepository,
  expectRefusedUnchanged,
  page,
  rowCounts,
  useStore,
} from "./fixtures.js";

describe("store contract: repositories and collaborators", () => {
  const t = useStore();

  it("reads a repository back with its owner, by id and by owner login and name in any case", async () => {
    const { store } = t;
    const owner = await addAccount(store, "Octocat");
    await store.insertRepository({
      id: 12,
      ownerId: owner.id,
      name: "Hello-World",
      private: true,
      description: "My first",
      defaultBranch: "trunk",
      now: NOW,
    });
    const expected = {
      id: 12,
      owner,
      name: "Hello-World",
      private: true,
      description: "My first",
      defaultBranch: "trunk",
      createdAt: NOW,
      updatedAt: NOW,
      pushedAt: NOW,
      mergeSettings: MERGE_SETTING_DEFAULTS,
    };
    expect(await store.findRepositoryById(12)).toEqual(expected);
    expect(await store.findRepository("octocat", "hello-world")).toEqual(expected);
    expect(await store.findRepository("OCTOCAT", "HELLO-WORLD")).toEqual(expected);
    expect(await store.findRepository("octocat", "hello")).toBeUndefined();
    expect(await store.findRepository("nobody", "hello-world")).toBeUndefined();
    expect(await store.findRepositoryById(13)).toBeUndefined();
  });

  it("keeps merge settings: GitHub's defaults unless given, and a patch changes only those it names", async () => {
    const { store } = t;
    const owner = await addAccount(store, "octocat");
    const base = { ownerId: owner.id, private: false, description: null, defaultBranch: "main", now: NOW };
    await store.insertRepository({ ...base, id: 1, name: "plain" });
    await store.insertRepository({
      ...base,
      id: 2,
      name: "squashy",
      mergeSettings: { allow_merge_commit: false, squash_merge_commit_title: "PR_TITLE" },
    });
    expect((await store.findRepositoryById(1))!.mergeSettings).toEqual(MERGE_SETTING_DEFAULTS);
    expect((await store.findRepositoryById(2))!.mergeSettings).toEqual({
      ...MERGE_SETTING_DEFAULTS,
      allow_merge_commit: false,
      squash_merge_commit_title: "PR_TITLE",
    });
    await store.updateRepository(2, {
      mergeSettings: { delete_branch_on_merge: true, merge_commit_message: "BLANK" },
      now: NOW + 1,
    });
    expect((await store.findRepositoryById(2))!.mergeSettings).toEqual({
      ...MERGE_SETTING_DEFAULTS,
      allow_merge_commit: false,
      squash_merge_commit_title: "PR_TITLE",
      delete_branch_on_merge: true,
      merge_commit_message: "BLANK",
    });
    const listed = await store.listRepositoriesForAccount(owner.id, { limit: 10, offset: 0 });
    expect(listed.items.map((r) => r.mergeSettings.delete_branch_on_merge)).toEqual([false, true]);
  });

  it("refuses a second repository of one owner named alike in another case, changing nothing", async () => {
    const { store } = t;
    const owner = await addAccount(store, "octocat");
    const other = await addAccount(store, "hubot");
    await addRepository(store, owner, "hello");
    await expectRefusedUnchanged(store, () =>
      store.insertRepository({
        id: 50,
        ownerId: owner.id,
        name: "HELLO",
        private: false,
        description: null,
        defaultBranch: "main",
        now: NOW,
      }),
    );
    // Another owner may use the name.
    const theirs = await addRepository(store, other, "Hello");
    expect(await store.findRepository("hubot", "hello")).toEqual(theirs);
  });

  it("refuses a repository of an account that does not exist", async () => {
    const { store } = t;
    await expectRefusedUnchanged(
      store,
      () =>
        store.insertRepository({
          id: 1,
          ownerId: 404,
          name: "orphan",
          private: false,
          description: null,
          defaultBranch: "main",
          now: NOW,
        }),
      "foreign key",
    );
  });

  it("updates only the fields a patch names; a rename moves the lookup key", async () => {
    const { store } = t;
    const owner = await addAccount(store, "octocat");
    const repo = await addRepository(store, owner, "hello", { description: "d" });
    await store.updateRepository(repo.id, { private: true, now: NOW + 2 });
    expect(await store.findRepositoryById(repo.id)).toEqual({ ...repo, private: true, updatedAt: NOW + 2 });
    await store.updateRepository(repo.id, {
      name: "Renamed",
      description: null,
      defaultBranch: "dev",
      now: NOW + 4,
    });
    const renamed = {
      ...repo,
      name: "Renamed",
      private: true,
      description: null,
      defaultBranch: "dev",
      updatedAt: NOW + 4,
    };
    expect(await store.findRepository("octocat", "hello")).toBeUndefined();
    expect(await store.findRepository("octocat", "renamed")).toEqual(renamed);
  });

  it("refuses a rename onto another repository's name, changing nothing", async () => {
    const { store } = t;
    const owner = await addAccount(store, "octocat");
    const a = await addRepository(store, owner, "a");
    await addRepository(store, owner, "b");
    await expectRefusedUnchanged(store, () => store.updateRepository(a.id, { name: "B", now: NOW + 1 }));
  });

  it("lists an account's repositories by id, a page at a time, with the total", async () => {
    const { store } = t;
    const owner = await addAccount(store, "octocat");
    const other = await addAccount(store, "hubot");
    for (const [id, name] of [
      [30, "c"],
      [10, "a"],
      [20, "b"],
      [40, "d"],
    ] as const)
      await addRepository(store, owner, name, { id });
    await addRepository(store, other, "theirs", { id: 15 });
    const first = await store.listRepositoriesForAccount(owner.id, page(3));
    expect(first.total).toBe(4);
    expect(first.items.map((r) => r.id)).toEqual([10, 20, 30]);
    expect(first.items[0]!.owner).toEqual(owner);
    expect((await store.listRepositoriesForAccount(owner.id, page(3, 3))).items.map((r) => r.name)).toEqual([
      "d",
    ]);
    expect(await store.listRepositoriesForAccount(owner.id, page(3, 9))).toEqual({ items: [], total: 4 });
    expect(await store.listRepositoriesForAccount(other.id, page(3))).toMatchObject({ total: 1 });
    expect(await store.listRepositoriesForAccount(404, page(3))).toEqual({ items: [], total: 0 });
  });

  it("keeps one permission per collaborator, changed in place, listed by user id", async () => {
    const { store } = t;
    const owner = await addOrg(store, "org");
    const repo = await addRepository(store, owner, "repo");
    const other = await addRepository(store, owner, "other");
    const zed = await addAccount(store, "zed");
    const amy = await addAccount(store, "amy");
    expect(await store.findCollaboratorPermission(repo.id, zed.id)).toBeUndefined();
    await store.setCollaborator(repo.id, zed.id, "pull");
    await store.setCollaborator(repo.id, amy.id, "maintain");
    await store.setCollaborator(repo.id, zed.id, "admin");
    await store.setCollaborator(other.id, amy.id, "triage");
    expect(await store.findCollaboratorPermission(repo.id, zed.id)).toBe("admin");
    expect(await store.listCollaborators(repo.id)).toEqual([
      { user: zed, permission: "admin" },
      { user: amy, permission: "maintain" },
    ]);
    expect(await store.removeCollaborator(repo.id, zed.id)).toBe(true);
    expect(await store.removeCollaborator(repo.id, zed.id)).toBe(false);
    expect(await store.listCollaborators(repo.id)).toEqual([{ user: amy, permission: "maintain" }]);
    expect(await store.findCollaboratorPermission(other.id, amy.id)).toBe("triage");
    expect(await store.listCollaborators(9999)).toEqual([]);
  });

  it("lists the repositories of one owner a user collaborates on, by id", async () => {
    const { store } = t;
    const org = await addOrg(store, "org");
    const elsewhere = await addOrg(store, "elsewhere");
    const user = await addAccount(store, "mona");
    const r3 = await addRepository(store, org, "r3", { id: 3 });
    await addRepository(store, org, "r2", { id: 2 });
    const r1 = await addRepository(store, org, "r1", { id: 1 });
    const e = await addRepository(store, elsewhere, "e", { id: 4 });
    await store.setCollaborator(r3.id, user.id, "pull");
    await store.setCollaborator(r1.id, user.id, "push");
    await store.setCollaborator(e.id, user.id, "push");
    expect(await store.listCollaboratorRepositoryIds(user.id, org.id)).toEqual([1, 3]);
    expect(await store.listCollaboratorRepositoryIds(user.id, elsewhere.id)).toEqual([4]);
    expect(await store.listCollaboratorRepositoryIds(user.id, user.id)).toEqual([]);
  });

  it("deletes a repository with its collaborators, selections and content references", async () => {
    const { store } = t;
    const owner = await addOrg(store, "org");
    const user = await addAccount(store, "mona");
    const app = await addApp(store, owner, "app");
    const repo = await addRepository(store, owner, "repo");
    const kept = await addRepository(store, owner, "kept");
    await store.setCollaborator(repo.id, user.id, "push");
    await store.setCollaborator(kept.id, user.id, "push");
    const installation = await addInstallation(store, app, owner, { repositorySelection: "selected" });
    await store.setInstallationRepositories(installation.id, [repo.id, kept.id]);
    await store.insertContentReference({
      id: 1,
      installationId: installation.id,
      repositoryId: repo.id,
      reference: "https://example.com/x",
      now: NOW,
    });

    expect(await store.deleteRepository(repo.id)).toBe(true);
    expect(await store.findRepositoryById(repo.id)).toBeUndefined();
    expect(await store.findContentReference(1)).toBeUndefined();
    expect(await store.listCollaboratorRepositoryIds(user.id, owner.id)).toEqual([kept.id]);
    const reached = await store.listInstallationRepositories(installation, null, page(10));
    expect(reached.items.map((r) => r.id)).toEqual([kept.id]);
    expect(reached.total).toBe(1);
    expect(await rowCounts(store, "repository_collaborators", "installation_repositories")).toEqual({
      repository_collaborators: 1,
      installation_repositories: 1,
    });
    expect(await store.deleteRepository(repo.id)).toBe(false);
  });
});
