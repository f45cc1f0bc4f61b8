import { describe, expect, it } from "vitest";
import type { Installation } from "../../src/domain/model.js";
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

const ids = (items: Array<{ id: number }>) => items.map((item) => item.id);

describe("store contract: installations and the repositories they reach", () => {
  const t = useStore();

  it("reads an installation back with its account and app slug, by id and by app and account", async () => {
    const { store } = t;
    const owner = await addAccount(store, "owner");
    const org = await addOrg(store, "org");
    const app = await addApp(store, owner, "the-app");
    await store.insertInstallation({
      id: 21,
      appId: app.id,
      accountId: org.id,
      repositorySelection: "selected",
      permissions: { issues: "write" },
      events: ["issues"],
      now: NOW,
    });
    const expected: Installation = {
      id: 21,
      appId: app.id,
      appSlug: "the-app",
      appClientId: app.clientId,
      account: org,
      repositorySelection: "selected",
      permissions: { issues: "write" },
      events: ["issues"],
      suspendedAt: null,
      suspendedBy: null,
      createdAt: NOW,
      updatedAt: NOW,
    };
    expect(await store.findInstallation(21)).toEqual(expected);
    expect(await store.findInstallationForAccount(app.id, org.id)).toEqual(expected);
    expect(await store.findInstallationForAccount(app.id, owner.id)).toBeUndefined();
    expect(await store.findInstallation(22)).toBeUndefined();
  });

  it("counts an app's installations as they are added and deleted", async () => {
    const { store } = t;
    const owner = await addAccount(store, "owner");
    const app = await addApp(store, owner, "app");
    const other = await addApp(store, owner, "other");
    const a = await addInstallation(store, app, owner);
    const b = await addInstallation(store, app, await addAccount(store, "b"));
    await addInstallation(store, other, owner);
    expect((await store.findAppById(app.id))?.installationsCount).toBe(2);
    expect((await store.findAppById(other.id))?.installationsCount).toBe(1);
    expect(await store.deleteInstallation(a.id)).toBe(true);
    expect(await store.deleteInstallation(a.id)).toBe(false);
    expect((await store.findAppById(app.id))?.installationsCount).toBe(1);
    expect((await store.listInstallationsForApp(app.id, {}, page(10))).total).toBe(1);
    expect(await store.deleteInstallation(b.id)).toBe(true);
    expect((await store.findAppById(app.id))?.installationsCount).toBe(0);
    expect(await store.listInstallationsForApp(app.id, {}, page(10))).toEqual({ items: [], total: 0 });
    expect((await store.findAppById(other.id))?.installationsCount).toBe(1);
  });

  it("refuses a second installation of an app on one account, leaving the count as it was", async () => {
    const { store } = t;
    const owner = await addAccount(store, "owner");
    const app = await addApp(store, owner, "app");
    await addInstallation(store, app, owner);
    await expectRefusedUnchanged(store, () =>
      store.insertInstallation({
        id: 99,
        appId: app.id,
        accountId: owner.id,
        repositorySelection: "all",
        permissions: {},
        events: [],
        now: NOW,
      }),
    );
    expect((await store.findAppById(app.id))?.installationsCount).toBe(1);
  });

  it("updates only the fields a patch names; suspension names who suspended", async () => {
    const { store } = t;
    const owner = await addAccount(store, "owner");
    const admin = await addAccount(store, "admin");
    const app = await addApp(store, owner, "app");
    const inst = await addInstallation(store, app, owner, { events: ["push"] });
    await store.updateInstallation(inst.id, { suspendedAt: NOW + 1, suspendedById: admin.id, now: NOW + 1 });
    expect(await store.findInstallation(inst.id)).toEqual({
      ...inst,
      suspendedAt: NOW + 1,
      suspendedBy: admin,
      updatedAt: NOW + 1,
    });
    await store.updateInstallation(inst.id, {
      repositorySelection: "selected",
      permissions: { contents: "write" },
      events: [],
      suspendedAt: null,
      suspendedById: null,
      now: NOW + 2,
    });
    expect(await store.findInstallation(inst.id)).toEqual({
      ...inst,
      repositorySelection: "selected",
      permissions: { contents: "write" },
      events: [],
      updatedAt: NOW + 2,
    });
  });

  it("forgets who suspended an installation when that account is deleted", async () => {
    const { store } = t;
    const owner = await addAccount(store, "owner");
    const admin = await addAccount(store, "admin");
    const app = await addApp(store, owner, "app");
    const inst = await addInstallation(store, app, owner);
    await store.updateInstallation(inst.id, { suspendedAt: NOW, suspendedById: admin.id, now: NOW });
    await store.deleteAccount(admin.id);
    expect(await store.findInstallation(inst.id)).toMatchObject({ suspendedAt: NOW, suspendedBy: null });
  });

  it("lists an app's installations by id, a page at a time, with the total", async () => {
    const { store } = t;
    const owner = await addAccount(store, "owner");
    const app = await addApp(store, owner, "app");
    const other = await addApp(store, owner, "other");
    for (const id of [5, 2, 9, 7])
      await addInstallation(store, app, await addAccount(store, `acc${id}`), { id });
    await addInstallation(store, other, owner, { id: 3 });
    const first = await store.listInstallationsForApp(app.id, {}, page(3));
    expect(first.total).toBe(4);
    expect(ids(first.items)).toEqual([2, 5, 7]);
    expect(first.items[0]).toMatchObject({ appSlug: "app", account: { login: "acc2" } });
    expect(ids((await store.listInstallationsForApp(app.id, {}, page(3, 3))).items)).toEqual([9]);
    expect(await store.listInstallationsForApp(app.id, {}, page(3, 4))).toEqual({ items: [], total: 4 });
    expect(await store.listInstallationsForApp(404, {}, page(3))).toEqual({ items: [], total: 0 });
  });

  it("filters an app's installations by last update and by outdated permissions, totals to match", async () => {
    const { store } = t;
    const owner = await addAccount(store, "owner");
    const app = await addApp(store, owner, "app", { permissions: { issues: "read", metadata: "read" } });
    const accounts = [];
    for (const login of ["a", "b", "c", "d"]) accounts.push(await addAccount(store, login));
    const i1 = await addInstallation(store, app, accounts[0]!, { now: NOW });
    const i2 = await addInstallation(store, app, accounts[1]!, { now: NOW + 10 });
    const i3 = await addInstallation(store, app, accounts[2]!, {
      now: NOW + 20,
      permissions: { issues: "read" },
    });
    const i4 = await addInstallation(store, app, accounts[3]!, { now: NOW + 30, permissions: {} });
    // Key order does not make permissions differ.
    await store.updateInstallation(i1.id, { permissions: { metadata: "read", issues: "read" }, now: NOW });

    const since = await store.listInstallationsForApp(app.id, { since: NOW + 10 }, page(2));
    expect(ids(since.items)).toEqual([i2.id, i3.id]);
    expect(since.total).toBe(3);
    expect(ids((await store.listInstallationsForApp(app.id, { since: NOW + 10 }, page(2, 2))).items)).toEqual(
      [i4.id],
    );
    const outdated = await store.listInstallationsForApp(app.id, { outdated: true }, page(10));
    expect(ids(outdated.items)).toEqual([i3.id, i4.id]);
    expect(outdated.total).toBe(2);
    const both = await store.listInstallationsForApp(app.id, { outdated: true, since: NOW + 25 }, page(10));
    expect(both).toMatchObject({ total: 1, items: [{ id: i4.id }] });
    expect(await store.listInstallationsForApp(app.id, { since: NOW + 31 }, page(10))).toEqual({
      items: [],
      total: 0,
    });
  });

  it("lists every installation on an account, of any app, by id", async () => {
    const { store } = t;
    const owner = await addAccount(store, "owner");
    const org = await addOrg(store, "org");
    const a1 = await addApp(store, owner, "a1");
    const a2 = await addApp(store, owner, "a2");
    await addInstallation(store, a2, org, { id: 8 });
    await addInstallation(store, a1, org, { id: 3 });
    await addInstallation(store, a1, owner, { id: 5 });
    const onOrg = await store.listInstallationsOnAccount(org.id);
    expect(ids(onOrg)).toEqual([3, 8]);
    expect(onOrg.map((i) => i.appSlug)).toEqual(["a1", "a2"]);
    expect(await store.listInstallationsOnAccount(404)).toEqual([]);
  });

  it("reaches all of the account's repositories, or the selected ones, by id with totals", async () => {
    const { store } = t;
    const owner = await addAccount(store, "owner");
    const org = await addOrg(store, "org");
    const app = await addApp(store, owner, "app");
    const repos = [];
    for (const id of [4, 1, 3, 2]) repos.push(await addRepository(store, org, `r${id}`, { id }));
    await addRepository(store, owner, "elsewhere", { id: 10 });
    const all = await addInstallation(store, app, org);
    const selected = await addInstallation(store, await addApp(store, owner, "app2"), org, {
      repositorySelection: "selected",
    });
    await store.setInstallationRepositories(selected.id, [4, 2, 2]);

    const allFirst = await store.listInstallationRepositories(all, null, page(3));
    expect(ids(allFirst.items)).toEqual([1, 2, 3]);
    expect(allFirst.total).toBe(4);
    expect(allFirst.items[0]!.owner).toEqual(org);
    expect(await store.listInstallationRepositories(all, null, page(3, 9))).toEqual({ items: [], total: 4 });
    const sel = await store.listInstallationRepositories(selected, null, page(1));
    expect(ids(sel.items)).toEqual([2]);
    expect(sel.total).toBe(2);
    expect(ids((await store.listInstallationRepositories(selected, null, page(1, 1))).items)).toEqual([4]);
    expect(await store.listInstallationRepositories(selected, null, page(1, 2))).toEqual({
      items: [],
      total: 2,
    });

    // Narrowed to some ids: only those reached count.
    const only = await store.listInstallationRepositories(selected, [3, 4, 2, 10], page(1));
    expect(ids(only.items)).toEqual([2]);
    expect(only.total).toBe(2);
    expect(ids((await store.listInstallationRepositories(all, [10, 3, 1], page(5))).items)).toEqual([1, 3]);
    expect(await store.listInstallationRepositories(all, [], page(5))).toEqual({ items: [], total: 0 });
  });

  it("replaces an installation's selection whole", async () => {
    const { store } = t;
    const owner = await addOrg(store, "org");
    const app = await addApp(store, owner, "app");
    for (const id of [1, 2, 3]) await addRepository(store, owner, `r${id}`, { id });
    const inst = await addInstallation(store, app, owner, { repositorySelection: "selected" });
    await store.setInstallationRepositories(inst.id, [1, 2]);
    await store.setInstallationRepositories(inst.id, [3]);
    expect(ids((await store.listInstallationRepositories(inst, null, page(10))).items)).toEqual([3]);
    await store.setInstallationRepositories(inst.id, []);
    expect(await store.listInstallationRepositories(inst, null, page(10))).toEqual({ items: [], total: 0 });
  });

  it("refuses a selection naming a repository that does not exist, keeping the previous one", async () => {
    const { store } = t;
    const owner = await addOrg(store, "org");
    const app = await addApp(store, owner, "app");
    await addRepository(store, owner, "r1", { id: 1 });
    const inst = await addInstallation(store, app, owner, { repositorySelection: "selected" });
    await store.setInstallationRepositories(inst.id, [1]);
    await expectRefusedUnchanged(
      store,
      () => store.setInstallationRepositories(inst.id, [404]),
      "foreign key",
    );
    expect(ids((await store.listInstallationRepositories(inst, null, page(10))).items)).toEqual([1]);
  });

  it("finds, of names in any case or of ids, the repositories an installation reaches", async () => {
    const { store } = t;
    const owner = await addOrg(store, "org");
    const other = await addOrg(store, "other");
    const app = await addApp(store, owner, "app");
    await addRepository(store, owner, "Alpha", { id: 1 });
    await addRepository(store, owner, "beta", { id: 2 });
    await addRepository(store, owner, "gamma", { id: 3 });
    await addRepository(store, other, "alpha", { id: 4 });
    const all = await addInstallation(store, app, owner);
    const selected = await addInstallation(store, await addApp(store, owner, "app2"), owner, {
      repositorySelection: "selected",
    });
    await store.setInstallationRepositories(selected.id, [3, 1]);

    expect(await store.findInstallationRepositories(all, { names: ["GAMMA", "alpha", "nope"] })).toEqual([
      { id: 1, name: "Alpha" },
      { id: 3, name: "gamma" },
    ]);
    expect(await store.findInstallationRepositories(selected, { names: ["beta", "gamma"] })).toEqual([
      { id: 3, name: "gamma" },
    ]);
    expect(await store.findInstallationRepositories(selected, { ids: [4, 3, 2, 1] })).toEqual([
      { id: 1, name: "Alpha" },
      { id: 3, name: "gamma" },
    ]);
    expect(await store.installationHasRepository(all, 2)).toBe(true);
    expect(await store.installationHasRepository(all, 4)).toBe(false);
    expect(await store.installationHasRepository(selected, 3)).toBe(true);
    expect(await store.installationHasRepository(selected, 2)).toBe(false);
  });

  it("lists the installations reaching a repository: all of its owner's, or selecting it", async () => {
    const { store } = t;
    const owner = await addOrg(store, "org");
    const elsewhere = await addOrg(store, "elsewhere");
    const repo = await addRepository(store, owner, "repo");
    const sibling = await addRepository(store, owner, "sibling");
    const appOwner = await addAccount(store, "appowner");
    const all = await addInstallation(store, await addApp(store, appOwner, "all"), owner, { id: 30 });
    const picks = await addInstallation(store, await addApp(store, appOwner, "picks"), owner, {
      id: 10,
      repositorySelection: "selected",
    });
    const misses = await addInstallation(store, await addApp(store, appOwner, "misses"), owner, {
      id: 20,
      repositorySelection: "selected",
    });
    await addInstallation(store, await addApp(store, appOwner, "away"), elsewhere, { id: 5 });
    await store.setInstallationRepositories(picks.id, [repo.id]);
    await store.setInstallationRepositories(misses.id, [sibling.id]);
    expect(ids(await store.listInstallationsReachingRepository(repo))).toEqual([picks.id, all.id]);
    expect(ids(await store.listInstallationsReachingRepository(sibling))).toEqual([misses.id, all.id]);
  });

  it("lists an app's installations a user reaches: own, through an organization, or as a collaborator", async () => {
    const { store } = t;
    const appOwner = await addAccount(store, "appowner");
    const app = await addApp(store, appOwner, "app");
    const otherApp = await addApp(store, appOwner, "other");
    const user = await addAccount(store, "mona");
    const memberOf = await addOrg(store, "member-of");
    const collabAll = await addOrg(store, "collab-all");
    const collabSelected = await addOrg(store, "collab-selected");
    const collabMissed = await addOrg(store, "collab-missed");
    const stranger = await addOrg(store, "stranger");
    await store.setOrgMembership(memberOf.id, user.id, "member");
    const r1 = await addRepository(store, collabAll, "r");
    const r2 = await addRepository(store, collabSelected, "r");
    const r3 = await addRepository(store, collabMissed, "r");
    const r3b = await addRepository(store, collabMissed, "r-other");
    for (const repo of [r1, r2, r3]) await store.setCollaborator(repo.id, user.id, "pull");

    const own = await addInstallation(store, app, user);
    const viaOrg = await addInstallation(store, app, memberOf);
    const viaAll = await addInstallation(store, app, collabAll);
    const viaSelected = await addInstallation(store, app, collabSelected, {
      repositorySelection: "selected",
    });
    await store.setInstallationRepositories(viaSelected.id, [r2.id]);
    const missed = await addInstallation(store, app, collabMissed, { repositorySelection: "selected" });
    await store.setInstallationRepositories(missed.id, [r3b.id]);
    await addInstallation(store, app, stranger);
    await addInstallation(store, otherApp, user);

    const expected = [own.id, viaOrg.id, viaAll.id, viaSelected.id];
    const all = await store.listInstallationsForUser(app.id, user.id, page(10));
    expect(ids(all.items)).toEqual(expected);
    expect(all.total).toBe(4);
    const second = await store.listInstallationsForUser(app.id, user.id, page(3, 3));
    expect(ids(second.items)).toEqual([viaSelected.id]);
    expect(second.total).toBe(4);
  });

  it("deletes an installation with its tokens, selection and content references", async () => {
    const { store } = t;
    const owner = await addOrg(store, "org");
    const app = await addApp(store, owner, "app");
    const repo = await addRepository(store, owner, "repo");
    const inst = await addInstallation(store, app, owner, { repositorySelection: "selected" });
    const kept = await addInstallation(store, await addApp(store, owner, "kept"), owner);
    await store.setInstallationRepositories(inst.id, [repo.id]);
    for (const [tokenHash, installationId] of [
      ["t1", inst.id],
      ["t2", kept.id],
    ] as const)
      await store.insertInstallationToken({
        tokenHash,
        installationId,
        permissions: {},
        repositoryIds: null,
        expiresAt: NOW + 60,
        now: NOW,
      });
    await store.insertContentReference({
      id: 1,
      installationId: inst.id,
      repositoryId: repo.id,
      reference: "https://a.example",
      now: NOW,
    });
    await store.insertContentAttachment({ id: 1, contentReferenceId: 1, title: "t", body: "b", now: NOW });
    expect(await store.deleteInstallation(inst.id)).toBe(true);
    expect(await store.findInstallationToken("t1")).toBeUndefined();
    expect(await store.findInstallationToken("t2")).toBeDefined();
    expect(await store.findContentReference(1)).toBeUndefined();
    expect(
      await rowCounts(store, "installation_repositories", "content_attachments", "repositories"),
    ).toEqual({
      installation_repositories: 0,
      content_attachments: 0,
      repositories: 1,
    });
  });
});
