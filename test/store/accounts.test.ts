import { describe, expect, it } from "vitest";
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

describe("store contract: accounts, memberships, passwords and sessions", () => {
  const t = useStore();

  it("reads an account back as written, by id and by login in any case", async () => {
    const { store } = t;
    await store.insertAccount({
      id: 7,
      login: "MonaLisa",
      type: "User",
      name: "Mona",
      email: "mona@example.com",
      siteAdmin: true,
      now: NOW,
    });
    const expected = {
      id: 7,
      login: "MonaLisa",
      type: "User",
      name: "Mona",
      email: "mona@example.com",
      siteAdmin: true,
      createdAt: NOW,
      updatedAt: NOW,
    };
    expect(await store.findAccountById(7)).toEqual(expected);
    expect(await store.findAccountByLogin("monalisa")).toEqual(expected);
    expect(await store.findAccountByLogin("MONALISA")).toEqual(expected);
    expect(await store.findAccountById(8)).toBeUndefined();
    expect(await store.findAccountByLogin("mona")).toBeUndefined();
  });

  it("refuses a second account with the same login in another case, changing nothing", async () => {
    const { store } = t;
    await addAccount(store, "octocat");
    await expectRefusedUnchanged(store, () =>
      store.insertAccount({
        id: 99,
        login: "OctoCat",
        type: "Organization",
        name: null,
        email: null,
        siteAdmin: false,
        now: NOW,
      }),
    );
    expect(await store.findAccountById(99)).toBeUndefined();
  });

  it("refuses a second account with the same id", async () => {
    const { store } = t;
    const first = await addAccount(store, "first");
    await expectRefusedUnchanged(store, () =>
      store.insertAccount({
        id: first.id,
        login: "second",
        type: "User",
        name: null,
        email: null,
        siteAdmin: false,
        now: NOW,
      }),
    );
  });

  it("updates only the fields a patch names, and its time", async () => {
    const { store } = t;
    const a = await addAccount(store, "octocat", { name: "Octo", email: "o@example.com" });
    await store.updateAccount(a.id, { email: null, now: NOW + 5 });
    expect(await store.findAccountById(a.id)).toEqual({
      ...a,
      email: null,
      updatedAt: NOW + 5,
    });
    await store.updateAccount(a.id, { name: "Octo Cat", siteAdmin: true, now: NOW + 9 });
    expect(await store.findAccountById(a.id)).toEqual({
      ...a,
      name: "Octo Cat",
      email: null,
      siteAdmin: true,
      updatedAt: NOW + 9,
    });
  });

  it("renames an account: the new login finds it in any case, the old one no longer does", async () => {
    const { store } = t;
    const a = await addAccount(store, "octocat");
    await store.renameAccount(a.id, "Hubot", NOW + 3);
    expect(await store.findAccountByLogin("octocat")).toBeUndefined();
    expect(await store.findAccountByLogin("HUBOT")).toEqual({ ...a, login: "Hubot", updatedAt: NOW + 3 });
  });

  it("refuses a rename onto a login taken in another case, changing nothing", async () => {
    const { store } = t;
    const a = await addAccount(store, "octocat");
    await addAccount(store, "hubot");
    await expectRefusedUnchanged(store, () => store.renameAccount(a.id, "HuBot", NOW + 1));
    expect((await store.findAccountById(a.id))?.login).toBe("octocat");
  });

  it("lists accounts by id, a page at a time, with the total", async () => {
    const { store } = t;
    for (const login of ["c", "a", "e", "b", "d"]) await addAccount(store, login);
    const first = await store.listAccounts(page(2));
    expect(first.total).toBe(5);
    expect(first.items.map((a) => a.login)).toEqual(["c", "a"]);
    const second = await store.listAccounts(page(2, 2));
    expect(second.items.map((a) => a.id)).toEqual([3, 4]);
    expect((await store.listAccounts(page(2, 4))).items.map((a) => a.login)).toEqual(["d"]);
    expect(await store.listAccounts(page(2, 10))).toEqual({ items: [], total: 5 });
    expect((await store.listAccounts(page(100))).items.map((a) => a.id)).toEqual([1, 2, 3, 4, 5]);
  });

  it("keeps one role per member, changed in place, and lists a user's organizations by id", async () => {
    const { store } = t;
    const user = await addAccount(store, "mona");
    const other = await addAccount(store, "other");
    const zeta = await addOrg(store, "zeta");
    const alpha = await addOrg(store, "alpha");
    expect(await store.findOrgRole(zeta.id, user.id)).toBeUndefined();
    await store.setOrgMembership(alpha.id, user.id, "member");
    await store.setOrgMembership(zeta.id, user.id, "member");
    await store.setOrgMembership(zeta.id, user.id, "admin");
    await store.setOrgMembership(zeta.id, other.id, "member");
    expect(await store.findOrgRole(zeta.id, user.id)).toBe("admin");
    expect(await store.findOrgRole(alpha.id, user.id)).toBe("member");
    expect(await store.listOrgsOfUser(user.id)).toEqual([
      { org: zeta, role: "admin" },
      { org: alpha, role: "member" },
    ]);
    expect((await rowCounts(store, "org_members")).org_members).toBe(3);

    expect(await store.removeOrgMembership(zeta.id, user.id)).toBe(true);
    expect(await store.removeOrgMembership(zeta.id, user.id)).toBe(false);
    expect(await store.findOrgRole(zeta.id, user.id)).toBeUndefined();
    expect(await store.findOrgRole(zeta.id, other.id)).toBe("member");
    expect(await store.listOrgsOfUser(user.id)).toEqual([{ org: alpha, role: "member" }]);
    expect(await store.listOrgsOfUser(9999)).toEqual([]);
  });

  it("keeps a password hash per account, null until set and after clearing", async () => {
    const { store } = t;
    const a = await addAccount(store, "mona");
    const b = await addAccount(store, "hubot");
    expect(await store.findPasswordHash(a.id)).toBeNull();
    await store.setPasswordHash(a.id, "scrypt$abc");
    expect(await store.findPasswordHash(a.id)).toBe("scrypt$abc");
    expect(await store.findPasswordHash(b.id)).toBeNull();
    expect(await store.findPasswordHash(9999)).toBeNull();
    await store.setPasswordHash(a.id, null);
    expect(await store.findPasswordHash(a.id)).toBeNull();
  });

  it("finds a session by the hash of its id, with its user, until it is deleted", async () => {
    const { store } = t;
    const user = await addAccount(store, "mona", { name: "Mona" });
    await store.insertSession({
      idHash: "h1",
      userId: user.id,
      csrfToken: "csrf-1",
      createdAt: NOW,
      expiresAt: NOW + 3600,
    });
    expect(await store.findSession("h1")).toEqual({
      user,
      csrfToken: "csrf-1",
      createdAt: NOW,
      expiresAt: NOW + 3600,
    });
    expect(await store.findSession("h2")).toBeUndefined();
    await expectRefusedUnchanged(store, () =>
      store.insertSession({ idHash: "h1", userId: user.id, csrfToken: "x", createdAt: NOW, expiresAt: NOW }),
    );
    expect(await store.deleteSession("h1")).toBe(true);
    expect(await store.deleteSession("h1")).toBe(false);
    expect(await store.findSession("h1")).toBeUndefined();
  });

  it("sweeps the sessions that expired strictly before a time, and counts them", async () => {
    const { store } = t;
    const user = await addAccount(store, "mona");
    for (const [idHash, expiresAt] of [
      ["a", NOW - 10],
      ["b", NOW - 1],
      ["c", NOW],
      ["d", NOW + 10],
    ] as const)
      await store.insertSession({
        idHash,
        userId: user.id,
        csrfToken: idHash,
        createdAt: NOW - 100,
        expiresAt,
      });
    expect(await store.deleteExpiredSessions(NOW)).toBe(2);
    expect(await store.findSession("b")).toBeUndefined();
    expect(await store.findSession("c")).toBeDefined();
    expect(await store.findSession("d")).toBeDefined();
    expect(await store.deleteExpiredSessions(NOW)).toBe(0);
  });

  it("deletes an account with what it owns and what is on it, adjusting its apps' counts", async () => {
    const { store } = t;
    const owner = await addAccount(store, "appowner");
    const doomed = await addOrg(store, "doomed");
    const member = await addAccount(store, "member");
    const bystander = await addOrg(store, "bystander");
    const app = await addApp(store, owner, "app");
    const repo = await addRepository(store, doomed, "repo");
    const kept = await addRepository(store, bystander, "kept");
    await store.setCollaborator(kept.id, member.id, "push");
    const installation = await addInstallation(store, app, doomed, { repositorySelection: "selected" });
    await store.setInstallationRepositories(installation.id, [repo.id]);
    await addInstallation(store, app, bystander);
    await store.insertInstallationToken({
      tokenHash: "itoken",
      installationId: installation.id,
      permissions: {},
      repositoryIds: null,
      expiresAt: NOW + 3600,
      now: NOW,
    });
    await store.setOrgMembership(doomed.id, member.id, "admin");
    await store.setOrgMembership(bystander.id, member.id, "member");
    expect((await store.findAppById(app.id))?.installationsCount).toBe(2);

    expect(await store.deleteAccount(doomed.id)).toBe(true);
    expect(await store.findAccountById(doomed.id)).toBeUndefined();
    expect(await store.findRepositoryById(repo.id)).toBeUndefined();
    expect(await store.findInstallation(installation.id)).toBeUndefined();
    expect(await store.findInstallationToken("itoken")).toBeUndefined();
    expect(await store.findOrgRole(doomed.id, member.id)).toBeUndefined();
    expect(await store.listOrgsOfUser(member.id)).toEqual([{ org: bystander, role: "member" }]);
    expect((await store.findAppById(app.id))?.installationsCount).toBe(1);
    expect((await store.listInstallationsForApp(app.id, {}, page(10))).total).toBe(1);
    expect(await rowCounts(store, "installation_repositories", "repository_collaborators")).toEqual({
      installation_repositories: 0,
      repository_collaborators: 1,
    });
    expect(await store.findRepositoryById(kept.id)).toBeDefined();
    expect(await store.deleteAccount(doomed.id)).toBe(false);
  });

  it("refuses to delete an account that still owns an app, changing nothing", async () => {
    const { store } = t;
    const owner = await addAccount(store, "owner");
    const app = await addApp(store, owner, "app");
    await addInstallation(store, app, owner);
    // The domain deletes an account's apps first; the store never leaves an app without its owner.
    await expectRefusedUnchanged(store, () => store.deleteAccount(owner.id), "foreign key");
    expect((await store.findAppById(app.id))?.installationsCount).toBe(1);
  });

  it("deletes a user with their memberships, collaborations, user tokens and sessions", async () => {
    const { store } = t;
    const user = await addAccount(store, "mona");
    const other = await addAccount(store, "other");
    const org = await addOrg(store, "org");
    const repo = await addRepository(store, org, "repo");
    await store.setOrgMembership(org.id, user.id, "member");
    await store.setCollaborator(repo.id, user.id, "admin");
    await store.setCollaborator(repo.id, other.id, "pull");
    await store.insertUserToken({
      tokenHash: "pat",
      userId: user.id,
      scopes: ["repo"],
      expiresAt: null,
      now: NOW,
    });
    await store.insertUserToken({
      tokenHash: "pat2",
      userId: other.id,
      scopes: [],
      expiresAt: null,
      now: NOW,
    });
    await store.insertSession({
      idHash: "s",
      userId: user.id,
      csrfToken: "c",
      createdAt: NOW,
      expiresAt: NOW + 60,
    });

    expect(await store.deleteAccount(user.id)).toBe(true);
    expect(await store.findUserToken("pat")).toBeUndefined();
    expect(await store.findUserToken("pat2")).toBeDefined();
    expect(await store.findSession("s")).toBeUndefined();
    expect(await store.listCollaborators(repo.id)).toEqual([{ user: other, permission: "pull" }]);
    expect(await rowCounts(store, "org_members", "accounts")).toEqual({ org_members: 0, accounts: 2 });
  });
});
