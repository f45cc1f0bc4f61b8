import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OffsetClock } from "../../src/domain/clock.js";
import { Hubcap } from "../../src/domain/hubcap.js";
import { SESSION_LIFETIME_SECONDS } from "../../src/domain/sessions.js";
import type { WorldFile } from "../../src/domain/world-file.js";
import { openStore } from "../../src/store/open-store.js";
import type { Store } from "../../src/store/store.js";
import { freshStore } from "../helpers/store.js";

const WORLD: WorldFile = {
  users: [{ login: "octocat", password: "correct horse battery staple" }, { login: "hubot" }],
  orgs: [{ login: "octo-org", members: ["octocat"] }],
};

let store: Store;
let clock: OffsetClock;
let hub: Hubcap;
beforeEach(async () => {
  store = await openStore(await freshStore());
  clock = new OffsetClock();
  hub = new Hubcap(store, clock, { secretKey: "test" });
  await hub.world.apply(WORLD, { baseDir: process.cwd() });
});
afterEach(async () => {
  await hub.close();
  await store.close();
});

describe("passwords and sessions", () => {
  it("stores a world's password as a salted scrypt hash, and applying it again changes nothing", async () => {
    const before = await store.dumpTables();
    const text = JSON.stringify(before);
    expect(text).not.toContain("correct horse");
    const octocat = (before.accounts as Array<{ login: string; password_hash: string | null }>).find(
      (a) => a.login === "octocat",
    )!;
    expect(octocat.password_hash).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    await hub.world.apply(WORLD, { baseDir: process.cwd() });
    expect(await store.dumpTables()).toEqual(before);
  });

  it("signs in with the right password only; an organization or a user without a password never", async () => {
    expect(await hub.sessions.signIn("octocat", "correct horse battery staple", "127.0.0.1")).toBeDefined();
    expect(await hub.sessions.signIn("OctoCat", "correct horse battery staple", "127.0.0.1")).toBeDefined();
    expect(await hub.sessions.signIn("octocat", "correct horse battery stapl", "127.0.0.1")).toBeUndefined();
    expect(await hub.sessions.signIn("octocat", "", "127.0.0.1")).toBeUndefined();
    expect(await hub.sessions.signIn("hubot", "", "127.0.0.1")).toBeUndefined();
    expect(
      await hub.sessions.signIn("octo-org", "correct horse battery staple", "127.0.0.1"),
    ).toBeUndefined();
    expect(await hub.sessions.signIn("nobody", "correct horse battery staple", "127.0.0.1")).toBeUndefined();
    expect(await hub.sessions.signIn("octocat", "x".repeat(100_000), "127.0.0.1")).toBeUndefined();
  });

  it("a changed password replaces the old one", async () => {
    await hub.world.apply({ users: [{ login: "octocat", password: "a new password" }] }, { baseDir: "." });
    expect(await hub.sessions.signIn("octocat", "correct horse battery staple", "127.0.0.1")).toBeUndefined();
    expect(await hub.sessions.signIn("octocat", "a new password", "127.0.0.1")).toBeDefined();
  });

  it("keeps only a hash of the session id, and ends sessions by hubcap's clock and on sign-out", async () => {
    const signedIn = (await hub.sessions.signIn("octocat", "correct horse battery staple", "127.0.0.1"))!;
    expect(JSON.stringify(await store.dumpTables())).not.toContain(signedIn.id);
    const found = await hub.sessions.find(signedIn.id);
    expect(found).toMatchObject({ user: { login: "octocat" }, csrfToken: signedIn.session.csrfToken });
    expect(found!.expiresAt - found!.createdAt).toBe(SESSION_LIFETIME_SECONDS);
    expect(await hub.sessions.find(`${signedIn.id}x`)).toBeUndefined();

    clock.setOffset((SESSION_LIFETIME_SECONDS - 10) * 1000);
    expect(await hub.sessions.find(signedIn.id)).toBeDefined();
    clock.setOffset((SESSION_LIFETIME_SECONDS + 1) * 1000);
    expect(await hub.sessions.find(signedIn.id)).toBeUndefined();
    clock.setOffset(0);

    const other = (await hub.sessions.signIn("octocat", "correct horse battery staple", "127.0.0.1"))!;
    await hub.sessions.signOut(other.id);
    expect(await hub.sessions.find(other.id)).toBeUndefined();
    expect(await hub.sessions.find(signedIn.id)).toBeDefined();
  });
});
