import { createAppAuth } from "@octokit/auth-app";
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestHubcap } from "../../src/testing/index.js";
import { hubcapForTest } from "../helpers/hubcap.js";

/**
 * A repository's merge settings and the caller's `permissions`, shown to whom GitHub shows them
 * (recordings in PyGithub's tests/ReplayData: Installation.testGetRepos.txt, GitRef.testExample.txt,
 * Requester.testApiVersion.txt), through @octokit/rest.
 */
const OWNER = "ghp_ownerSettingsToken00000000000000000";
const READER = "ghp_readerSettingsToken0000000000000000";

let hubcap: TestHubcap;
beforeAll(async () => {
  hubcap = await hubcapForTest({
    world: {
      users: [
        { login: "owner", token: OWNER },
        { login: "reader", token: READER },
      ],
      orgs: [{ login: "acme", admins: ["owner"], members: ["reader"] }],
      repos: [
        {
          full_name: "acme/widgets",
          allow_merge_commit: false,
          delete_branch_on_merge: true,
          squash_merge_commit_title: "PR_TITLE",
        },
        { full_name: "acme/gadgets", private: true },
      ],
      apps: [
        { slug: "writer", id: 21, owner: "acme", permissions: { metadata: "read", contents: "write" } },
        { slug: "meta", id: 22, owner: "acme", permissions: { metadata: "read" } },
      ],
      installations: [
        { app: "writer", account: "acme", id: 210 },
        { app: "meta", account: "acme", id: 220 },
      ],
    },
  });
});
afterAll(() => hubcap.close());

const client = (auth?: string) => new Octokit({ ...(auth && { auth }), baseUrl: `${hubcap.url}/api/v3` });
const app = (slug: string, id: number) =>
  new Octokit({
    authStrategy: createAppAuth,
    auth: { appId: id, privateKey: hubcap.apps[slug]!.privateKey },
    baseUrl: `${hubcap.url}/api/v3`,
  });
const MERGE_KEYS = [
  "allow_rebase_merge",
  "allow_squash_merge",
  "allow_merge_commit",
  "allow_auto_merge",
  "delete_branch_on_merge",
  "allow_update_branch",
  "use_squash_pr_title_as_default",
  "squash_merge_commit_title",
  "squash_merge_commit_message",
  "merge_commit_title",
  "merge_commit_message",
];

describe("a repository's merge settings", () => {
  it("are shown, as the world set them, to an admin; not to a reader or anyone anonymous", async () => {
    const { data } = await client(OWNER).repos.get({ owner: "acme", repo: "widgets" });
    expect(data).toMatchObject({
      permissions: { admin: true, maintain: true, push: true, triage: true, pull: true },
      allow_rebase_merge: true,
      allow_squash_merge: true,
      allow_merge_commit: false,
      allow_auto_merge: false,
      delete_branch_on_merge: true,
      allow_update_branch: false,
      use_squash_pr_title_as_default: false,
      squash_merge_commit_title: "PR_TITLE",
      squash_merge_commit_message: "COMMIT_MESSAGES",
      merge_commit_title: "MERGE_MESSAGE",
      merge_commit_message: "PR_TITLE",
      web_commit_signoff_required: false,
      temp_clone_token: "",
      has_pull_requests: true,
      custom_properties: {},
    });
    const read = (await client(READER).repos.get({ owner: "acme", repo: "widgets" })).data;
    expect(read.permissions).toEqual({
      admin: false,
      maintain: false,
      push: false,
      triage: false,
      pull: true,
    });
    for (const key of MERGE_KEYS) expect(read).not.toHaveProperty(key);
    const anonymous = (await client().repos.get({ owner: "acme", repo: "widgets" })).data;
    expect(anonymous).not.toHaveProperty("permissions");
    expect(anonymous.temp_clone_token).toBeNull();
    expect((anonymous as { has_pull_requests?: unknown }).has_pull_requests).toBe(true);
    for (const key of MERGE_KEYS) expect(anonymous).not.toHaveProperty(key);
  });

  it("are changed by PATCH and set by POST, each only as named", async () => {
    const owner = client(OWNER);
    const { data } = await owner.repos.update({
      owner: "acme",
      repo: "widgets",
      allow_auto_merge: true,
      merge_commit_message: "BLANK",
    });
    expect(data).toMatchObject({
      allow_auto_merge: true,
      merge_commit_message: "BLANK",
      allow_merge_commit: false,
    });
    const created = (await owner.repos.createInOrg({ org: "acme", name: "fresh", allow_rebase_merge: false }))
      .data;
    expect(created).toMatchObject({ allow_rebase_merge: false, allow_squash_merge: true });
    await expect(
      owner.request("PATCH /repos/{owner}/{repo}", {
        owner: "acme",
        repo: "fresh",
        merge_commit_title: "NOPE" as "PR_TITLE",
      }),
    ).rejects.toMatchObject({ status: 422 });
  });
});

describe("an installation token's repositories", () => {
  it("carry the app's permissions, and the merge settings only where it may push", async () => {
    const writer = app("writer", 21);
    const { data: token } = await writer.apps.createInstallationAccessToken({
      installation_id: 210,
      repositories: ["gadgets"],
    });
    expect(token.repositories![0]).toMatchObject({
      name: "gadgets",
      permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
      allow_squash_merge: true,
    });
    const repos = (await client(token.token).apps.listReposAccessibleToInstallation()).data.repositories;
    expect(repos.map((r) => [r.name, r.permissions?.push])).toEqual([["gadgets", true]]);
    const full = (await client(token.token).repos.get({ owner: "acme", repo: "gadgets" })).data;
    expect(full).toMatchObject({
      temp_clone_token: "",
      permissions: { push: true },
      allow_merge_commit: true,
    });

    // Metadata alone: every permission false, no merge settings (Installation.testGetRepos.txt).
    const meta = (await app("meta", 22).apps.createInstallationAccessToken({ installation_id: 220 })).data;
    const listed = (await client(meta.token).apps.listReposAccessibleToInstallation()).data.repositories;
    expect(listed).not.toHaveLength(0);
    for (const r of listed) {
      expect(r.permissions).toEqual({
        admin: false,
        maintain: false,
        push: false,
        triage: false,
        pull: false,
      });
      for (const key of MERGE_KEYS) expect(r).not.toHaveProperty(key);
    }
  });
});
