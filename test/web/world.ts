import type { WorldFile } from "../../src/testing/index.js";
import { WORLD } from "../helpers/hubcap.js";

/** Passwords of the web tests' people (test fixtures only). */
export const PASSWORDS = { octocat: "octocat-password-1", hubot: "hubot-password-22" } as const;

/** The API tests' world, with passwords: octocat is a site admin and admin of octo-org; hubot is a member. */
export const WEB_WORLD: WorldFile = {
  ...WORLD,
  users: WORLD.users!.map((user) => ({
    ...user,
    password: PASSWORDS[user.login as keyof typeof PASSWORDS],
    ...(user.login === "octocat" && { site_admin: false }),
  })),
};
