import { afterEach, expect } from "vitest";
import {
  startHubcap,
  type StartHubcapOptions,
  type TestHubcap,
  type WorldFile,
} from "../../src/testing/index.js";
import { checkResponse } from "./openapi.js";
import { freshStore } from "./store.js";

export const WORLD: WorldFile = {
  users: [
    {
      login: "octocat",
      name: "The Octocat",
      site_admin: true,
      token: "ghp_octocatPersonalToken0000000000000000",
    },
    { login: "hubot", token: "ghp_hubotPersonalToken00000000000000000" },
  ],
  orgs: [{ login: "octo-org", members: ["octocat", "hubot"], admins: ["octocat"] }],
  repos: [
    { full_name: "octo-org/hello-world", private: false },
    { full_name: "octo-org/secret-plans", private: true },
    { full_name: "octo-org/docs" },
    { full_name: "octocat/spoon-knife", private: true },
    { full_name: "hubot/scripts" },
  ],
  apps: [
    {
      slug: "octoapp",
      id: 1,
      name: "Octo App",
      owner: "octo-org",
      public: true,
      permissions: { metadata: "read", issues: "write", contents: "read" },
      events: ["issues", "push"],
    },
    { slug: "private-app", id: 2, owner: "hubot", public: false, permissions: { metadata: "read" } },
  ],
  installations: [
    {
      app: "octoapp",
      account: "octo-org",
      id: 1,
      repository_selection: "selected",
      repositories: ["hello-world", "secret-plans"],
    },
    { app: "octoapp", account: "octocat", id: 2, repository_selection: "all" },
    { app: "private-app", account: "hubot", id: 3 },
  ],
};

/**
 * Starts hubcap for one test file and closes it afterwards; every API response it sends is checked
 * against GitHub's OpenAPI description, and a test fails on the first response outside it.
 */
export async function hubcapForTest(options: StartHubcapOptions = {}): Promise<TestHubcap> {
  const problems: string[] = [];
  const hubcap = await startHubcap({
    world: WORLD,
    db: await freshStore(),
    ...options,
    onResponse: (response) => problems.push(...checkResponse(response)),
  });
  afterEach(() => {
    const found = problems.splice(0);
    expect(found, "responses outside GitHub's OpenAPI description").toEqual([]);
  });
  return hubcap;
}
