import type { WorldFile } from "../../src/testing/index.js";
import { OAUTH_WORLD } from "./world.js";

/** Passwords of the OAuth page tests' people (test fixtures only). */
export const PASSWORDS = {
  octocat: "octocat-password-1",
  hubot: "hubot-password-22",
  mona: "mona-password-333",
};

/** The OAuth world, with passwords, for signing in on hubcap's pages. */
export const PAGES_WORLD: WorldFile = {
  ...OAUTH_WORLD,
  users: OAUTH_WORLD.users!.map((user) => ({
    ...user,
    password: PASSWORDS[user.login as keyof typeof PASSWORDS],
  })),
};
