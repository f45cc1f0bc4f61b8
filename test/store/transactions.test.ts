import { describe, expect, it } from "vitest";
import type { NewAccount, NewInstallation, NewRepository } from "../../src/store/store.js";
import { TEST_STORE } from "../helpers/store.js";
import {
  NOW,
  addAccount,
  addApp,
  addDelivery,
  addGrant,
  addInstallation,
  addOrg,
  addPlan,
  addRepository,
  expectRefusedUnchanged,
  page,
  useStore,
} from "./fixtures.js";

const TABLES = [
  "sequences",
  "settings",
  "accounts",
  "org_members",
  "repositories",
  "repository_collaborators",
  "apps",
  "app_keys",
  "app_client_secrets",
  "installations",
  "installation_repositories",
  "installation_tokens",
  "user_tokens",
  "rate_limits",
  "webhook_deliveries",
  "sessions",
  "marketplace_plans",
  "marketplace_purchases",
  "installation_requests",
  "app_content_reference_domains",
  "content_references",
  "content_attachments",
  "app_manifests",
  "app_manifest_codes",
  "oauth_grants",
  "user_access_tokens",
  "oauth_codes",
  "oauth_device_codes",
];

const newAccount = (id: number, login: string): NewAccount => ({
  id,
  login,
  type: "User",
  name: null,
  email: null,
  siteAdmin: false,
  now: NOW,
});

const newRepository = (id: number, ownerId: number, name = `repo-${id}`): NewRepository => ({
  id,
  ownerId,
  name,
  private: false,
  description: null,
  defaultBranch: "main",
  now: NOW,
});

const newInstallation = (id: number, appId: number, accountId: number): NewInstallation => ({
  id,
  appId,
  accountId,
  repositorySelection: "selected",
  permissions: { metadata: "read" },
  events: [],
  now: NOW,
});

class Boom extends Error {}

describe("store contract: transactions, generation, dumps, bulk loads and resets", () => {
  const t = useStore();

  it("commits a transaction's writes together and returns what it returned", async () => {
    const { store } = t;
    const result = await store.transaction(async (tx) => {
      const owner = await addAccount(tx, "octocat");
      await addRepository(tx, owner, "hello");
      // Inside, the transaction reads its own writes.
      expect(await tx.findRepository("octocat", "hello")).toBeDefined();
      return owner.id;
    });
    expect(result).toBe(1);
    expect(await store.findAccountById(1)).toMatchObject({ login: "octocat" });
    expect(await store.findRepository("octocat", "hello")).toBeDefined();
  });

  it("rolls every write back when the transaction throws, and rethrows", async () => {
    const { store } = t;
    const owner = await addAccount(store, "owner");
    const app = await addApp(store, owner, "app");
    const before = await store.dumpTables();
    const error = new Boom("no");
    await expect(
      store.transaction(async (tx) => {
        await addAccount(tx, "ghost");
        await tx.setSetting("k", "v");
        // A store method that is a transaction of its own joins this one.
        await addInstallation(tx, app, owner);
        await tx.updateApp(app.id, { name: "renamed", now: NOW + 1 });
        throw error;
      }),
    ).rejects.toBe(error);
    expect(await store.dumpTables()).toEqual(before);
    expect(await store.findAccountByLogin("ghost")).toBeUndefined();
    expect((await store.findAppById(app.id))?.installationsCount).toBe(0);
  });

  it("rolls back the earlier writes when a later one is refused", async () => {
    const { store } = t;
    await addAccount(store, "taken");
    const before = await store.dumpTables();
    await expectRefusedUnchanged(store, () =>
      store.transaction(async (tx) => {
        await tx.insertAccount(newAccount(50, "fresh"));
        await tx.insertAccount(newAccount(51, "TAKEN"));
      }),
    );
    expect(await store.dumpTables()).toEqual(before);
  });

  it("never shows another caller a write the transaction then rolls back", async () => {
    const { store } = t;
    let seen: Promise<unknown> | undefined;
    await expect(
      store.transaction(async (tx) => {
        await tx.insertAccount(newAccount(9, "uncommitted"));
        seen = store.findAccountById(9);
        // Give a separate connection time to answer (SQLite's other callers wait for the transaction).
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Boom();
      }),
    ).rejects.toBeInstanceOf(Boom);
    expect(await seen).toBeUndefined();
    expect(await store.findAccountById(9)).toBeUndefined();
  });

  it("runs afterCommit at once outside a transaction", async () => {
    const { store } = t;
    const ran: string[] = [];
    store.afterCommit(() => ran.push("now"));
    expect(ran).toEqual(["now"]);
  });

  it("runs afterCommit hooks after the commit, in order, with the writes visible", async () => {
    const { store } = t;
    const ran: string[] = [];
    let visible: Promise<unknown> | undefined;
    await store.transaction(async (tx) => {
      await tx.insertAccount(newAccount(1, "mona"));
      tx.afterCommit(() => {
        ran.push("first");
        visible = store.findAccountById(1);
      });
      tx.afterCommit(() => ran.push("second"));
      await tx.insertAccount(newAccount(2, "hubot"));
      expect(ran).toEqual([]);
    });
    expect(ran).toEqual(["first", "second"]);
    expect(await visible).toMatchObject({ login: "mona" });
  });

  it("never runs afterCommit hooks of a transaction that rolls back", async () => {
    const { store } = t;
    const ran: string[] = [];
    await expect(
      store.transaction(async (tx) => {
        tx.afterCommit(() => ran.push("hook"));
        await tx.insertAccount(newAccount(1, "mona"));
        throw new Boom();
      }),
    ).rejects.toBeInstanceOf(Boom);
    expect(ran).toEqual([]);
    // The next transaction starts with no hooks of the last.
    await store.transaction(async (tx) => {
      tx.afterCommit(() => ran.push("next"));
    });
    expect(ran).toEqual(["next"]);
  });

  it("keeps a generation on SQLite only, moved by ordinary writes, not by the outbox, counts or tokens", async () => {
    const { store } = t;
    if (TEST_STORE === "postgres") {
      expect(store.generation()).toBeUndefined();
      await addAccount(store, "octocat");
      expect(store.generation()).toBeUndefined();
      return;
    }
    const owner = await addAccount(store, "owner");
    const app = await addApp(store, owner, "app");
    const inst = await addInstallation(store, app, owner);
    const start = store.generation();
    expect(start).toEqual(expect.any(Number));
    // Reads and writes to the isolated tables leave it.
    await store.findAccountById(owner.id);
    await store.listInstallationsForApp(app.id, {}, page(10));
    await store.addRateLimitUsage("installation:1", 1, NOW, 3600);
    // Ids given: allocating one writes the sequences, an ordinary table.
    const delivery = await addDelivery(store, app, { id: 1 });
    await store.claimDeliveries("w", NOW, 10);
    await store.completeDelivery(delivery, "w", {
      url: null,
      deliveredAt: NOW,
      duration: 0,
      status: "OK",
      statusCode: 200,
      requestHeaders: {},
      responseHeaders: {},
      responseBody: "",
    });
    await store.releaseStaleDeliveries(NOW);
    await store.insertInstallationToken({
      tokenHash: "t",
      installationId: inst.id,
      permissions: {},
      repositoryIds: null,
      expiresAt: NOW,
      now: NOW,
    });
    await store.deleteInstallationToken("t");
    await store.deleteExpiredInstallationTokens(NOW);
    await store.transaction(async (tx) => {
      await addDelivery(tx, app, { id: 2 });
      // Unknown while the transaction is open.
      expect(store.generation()).toBeUndefined();
    });
    expect(store.generation()).toBe(start);

    await store.setSetting("k", "v");
    const afterSetting = store.generation();
    expect(afterSetting).not.toBe(start);
    await store.transaction(async (tx) => {
      await addDelivery(tx, app, { id: 3 });
      await tx.updateAccount(owner.id, { name: "x", now: NOW });
    });
    const afterTransaction = store.generation();
    expect(afterTransaction).not.toBe(afterSetting);
    await store.deleteInstallation(inst.id);
    expect(store.generation()).not.toBe(afterTransaction);
  });

  it("dumps every table, each ordered by its key, empty in a new store", async () => {
    const { store } = t;
    const empty = await store.dumpTables();
    expect(Object.keys(empty).sort()).toEqual([...TABLES].sort());
    for (const table of TABLES) expect(empty[table], table).toEqual([]);

    for (const [id, login] of [
      [3, "c"],
      [1, "a"],
      [2, "b"],
    ] as const)
      await store.insertAccount(newAccount(id, login));
    await store.setSetting("z", "1");
    await store.setSetting("a", "2");
    const dump = await store.dumpTables();
    expect(dump.accounts).toEqual([
      expect.objectContaining({ id: 1, login: "a", login_key: "a", created_at: NOW }),
      expect.objectContaining({ id: 2, login: "b" }),
      expect.objectContaining({ id: 3, login: "c" }),
    ]);
    expect(dump.settings).toEqual([
      { key: "a", value: "2" },
      { key: "z", value: "1" },
    ]);
  });

  it("bulk-inserts a world, keeping installation counts and id sequences right", async () => {
    const { store } = t;
    const appOwner = await addAccount(store, "appowner");
    const app = await addApp(store, appOwner, "app");
    const other = await addApp(store, appOwner, "other");
    await addInstallation(store, app, appOwner);
    const accounts = Array.from({ length: 3 }, (_, i) => newAccount(100 + i, `bulk-${i}`));
    // Over the 500 rows of one statement.
    const repositories = Array.from({ length: 1201 }, (_, i) => newRepository(1000 + i, 100 + (i % 3)));
    await store.bulkInsert({
      accounts,
      repositories,
      installations: [
        newInstallation(50, app.id, 100),
        newInstallation(51, app.id, 101),
        newInstallation(60, other.id, 102),
      ],
      installationRepositories: [
        { installationId: 50, repositoryId: 1000 },
        { installationId: 50, repositoryId: 1003 },
      ],
    });
    expect((await store.findAppById(app.id))?.installationsCount).toBe(3);
    expect((await store.findAppById(other.id))?.installationsCount).toBe(1);
    expect((await store.listInstallationsForApp(app.id, {}, page(10))).total).toBe(3);
    expect((await store.listRepositoriesForAccount(100, page(1))).total).toBe(401);
    expect((await store.listRepositoriesForAccount(102, page(1))).total).toBe(400);
    const inst = (await store.findInstallation(50))!;
    expect(inst.account.login).toBe("bulk-0");
    const selected = await store.listInstallationRepositories(inst, null, page(10));
    expect(selected.items.map((r) => r.id)).toEqual([1000, 1003]);
    expect(await store.findRepository("BULK-0", "REPO-1201")).toMatchObject({ id: 1201, owner: { id: 100 } });
    expect(await store.allocateId("accounts")).toBe(103);
    expect(await store.allocateId("repositories")).toBe(2201);
    expect(await store.allocateId("installations")).toBe(61);
  });

  it("bulk-inserts all or nothing", async () => {
    const { store } = t;
    const appOwner = await addAccount(store, "appowner");
    const app = await addApp(store, appOwner, "app");
    await expectRefusedUnchanged(store, () =>
      store.bulkInsert({
        accounts: [newAccount(10, "x"), newAccount(11, "y")],
        installations: [newInstallation(20, app.id, 10), newInstallation(21, app.id, 10)],
      }),
    );
    expect((await store.findAppById(app.id))?.installationsCount).toBe(0);
    expect(await store.allocateId("accounts")).toBe(2);
  });

  it("resets the world but for the kept accounts, their tokens and sessions, and the settings", async () => {
    const { store } = t;
    const admin = await addAccount(store, "admin", { siteAdmin: true });
    const mona = await addAccount(store, "mona");
    const org = await addOrg(store, "org");
    await store.setOrgMembership(org.id, admin.id, "admin");
    const repo = await addRepository(store, admin, "repo");
    await store.setCollaborator(repo.id, mona.id, "push");
    const app = await addApp(store, admin, "app");
    await store.insertAppKey({ id: 1, appId: app.id, fingerprint: "f", publicKeyPem: "p", now: NOW });
    await store.insertClientSecret({ id: 1, appId: app.id, secretHash: "h", lastEight: "l", now: NOW });
    const inst = await addInstallation(store, app, org, { repositorySelection: "selected" });
    await store.setInstallationRepositories(inst.id, []);
    await store.insertInstallationToken({
      tokenHash: "it",
      installationId: inst.id,
      permissions: {},
      repositoryIds: null,
      expiresAt: NOW,
      now: NOW,
    });
    await addDelivery(store, app);
    await addGrant(store, mona, app);
    await addPlan(store, app, 1);
    await store.setContentReferenceDomains(app.id, ["a.example"]);
    await store.addRateLimitUsage("k", 1, NOW, 60);
    await store.insertUserToken({
      tokenHash: "admin-pat",
      userId: admin.id,
      scopes: [],
      expiresAt: null,
      now: NOW,
    });
    await store.insertUserToken({
      tokenHash: "mona-pat",
      userId: mona.id,
      scopes: [],
      expiresAt: null,
      now: NOW,
    });
    await store.insertSession({
      idHash: "s-admin",
      userId: admin.id,
      csrfToken: "c",
      createdAt: NOW,
      expiresAt: NOW + 9,
    });
    await store.insertSession({
      idHash: "s-mona",
      userId: mona.id,
      csrfToken: "c",
      createdAt: NOW,
      expiresAt: NOW + 9,
    });
    await store.setSetting("secret-key", "kept");
    const sequences = (await store.dumpTables()).sequences;

    await store.resetWorld([admin.id]);
    const dump = await store.dumpTables();
    const kept = ["accounts", "user_tokens", "sessions", "settings", "sequences"];
    for (const table of TABLES.filter((table) => !kept.includes(table)))
      expect(dump[table], table).toEqual([]);
    expect(dump.accounts).toEqual([expect.objectContaining({ id: admin.id })]);
    expect(await store.findAccountById(admin.id)).toEqual(admin);
    expect(await store.findUserToken("admin-pat")).toBeDefined();
    expect(await store.findUserToken("mona-pat")).toBeUndefined();
    expect(await store.findSession("s-admin")).toBeDefined();
    expect(await store.findSession("s-mona")).toBeUndefined();
    expect(await store.getSetting("secret-key")).toBe("kept");
    expect(dump.sequences).toEqual(sequences);

    await store.resetWorld([]);
    expect(await store.listAccounts(page(10))).toEqual({ items: [], total: 0 });
    expect(await store.findUserToken("admin-pat")).toBeUndefined();
  });
});
