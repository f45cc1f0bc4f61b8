import type { RepositoryRole } from "../domain/access.js";
import { nodeId } from "../domain/node-id.js";
import type { Repository } from "../domain/model.js";
import type { Urls } from "./urls.js";
import { simpleUser } from "./account.js";
import { timestamp } from "./time.js";

/**
 * GitHub's `repository` (as in installation repository lists and token responses). A list passes its
 * owner already serialized: every repository of an installation has the same one. `permissions`, the
 * caller's, are shown when there is a caller; the merge settings only to one who may push, as GitHub
 * does (PyGithub tests/ReplayData: present for push and admin roles, absent for pull and for a
 * metadata-only installation token in Installation.testGetRepos.txt).
 */
export function repository(
  r: Repository,
  urls: Urls,
  owner: ReturnType<typeof simpleUser> = simpleUser(r.owner, urls),
  permissions?: RepositoryRole,
) {
  const fullName = `${r.owner.login}/${r.name}`;
  const url = `${urls.api}/repos/${fullName}`;
  const host = urls.host;
  return {
    id: r.id,
    node_id: nodeId("Repository", r.id),
    name: r.name,
    full_name: fullName,
    private: r.private,
    owner,
    html_url: `${urls.web}/${fullName}`,
    description: r.description,
    fork: false,
    url,
    archive_url: `${url}/{archive_format}{/ref}`,
    assignees_url: `${url}/assignees{/user}`,
    blobs_url: `${url}/git/blobs{/sha}`,
    branches_url: `${url}/branches{/branch}`,
    collaborators_url: `${url}/collaborators{/collaborator}`,
    comments_url: `${url}/comments{/number}`,
    commits_url: `${url}/commits{/sha}`,
    compare_url: `${url}/compare/{base}...{head}`,
    contents_url: `${url}/contents/{+path}`,
    contributors_url: `${url}/contributors`,
    deployments_url: `${url}/deployments`,
    downloads_url: `${url}/downloads`,
    events_url: `${url}/events`,
    forks_url: `${url}/forks`,
    git_commits_url: `${url}/git/commits{/sha}`,
    git_refs_url: `${url}/git/refs{/sha}`,
    git_tags_url: `${url}/git/tags{/sha}`,
    git_url: `git://${host}/${fullName}.git`,
    issue_comment_url: `${url}/issues/comments{/number}`,
    issue_events_url: `${url}/issues/events{/number}`,
    issues_url: `${url}/issues{/number}`,
    keys_url: `${url}/keys{/key_id}`,
    labels_url: `${url}/labels{/name}`,
    languages_url: `${url}/languages`,
    merges_url: `${url}/merges`,
    milestones_url: `${url}/milestones{/number}`,
    notifications_url: `${url}/notifications{?since,all,participating}`,
    pulls_url: `${url}/pulls{/number}`,
    releases_url: `${url}/releases{/id}`,
    ssh_url: `git@${host}:${fullName}.git`,
    stargazers_url: `${url}/stargazers`,
    statuses_url: `${url}/statuses/{sha}`,
    subscribers_url: `${url}/subscribers`,
    subscription_url: `${url}/subscription`,
    tags_url: `${url}/tags`,
    teams_url: `${url}/teams`,
    trees_url: `${url}/git/trees{/sha}`,
    clone_url: `${urls.web}/${fullName}.git`,
    mirror_url: null,
    hooks_url: `${url}/hooks`,
    svn_url: `${urls.web}/${fullName}`,
    homepage: null,
    language: null,
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    size: 0,
    default_branch: r.defaultBranch,
    open_issues_count: 0,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: r.private ? "private" : "public",
    pushed_at: timestamp(r.pushedAt),
    created_at: timestamp(r.createdAt),
    updated_at: timestamp(r.updatedAt),
    ...(permissions && { permissions }),
    ...(permissions?.push && mergeSettings(r)),
    allow_forking: true,
    web_commit_signoff_required: r.mergeSettings.web_commit_signoff_required,
    license: null,
    forks: 0,
    open_issues: 0,
    watchers: 0,
  };
}

function mergeSettings(r: Repository) {
  const s = r.mergeSettings;
  return {
    allow_rebase_merge: s.allow_rebase_merge,
    allow_squash_merge: s.allow_squash_merge,
    allow_merge_commit: s.allow_merge_commit,
    allow_auto_merge: s.allow_auto_merge,
    delete_branch_on_merge: s.delete_branch_on_merge,
    allow_update_branch: s.allow_update_branch,
    use_squash_pr_title_as_default: s.use_squash_pr_title_as_default,
    squash_merge_commit_title: s.squash_merge_commit_title,
    squash_merge_commit_message: s.squash_merge_commit_message,
    merge_commit_title: s.merge_commit_title,
    merge_commit_message: s.merge_commit_message,
  };
}

/**
 * GitHub's `full-repository` (GET /repos/{owner}/{repo}), for a caller with `permissions`, or for
 * no one (anonymous). `temp_clone_token` is null for an anonymous caller and "" otherwise, as recorded
 * for public repositories (PyGithub tests/ReplayData: Requester.testApiVersion.txt, Artifact.setUp.txt);
 * hubcap serves no git, so it has no clone token to give for a private one. `has_pull_requests`,
 * `pull_request_creation_policy` (GitRef.testExample.txt) and, for an organization's repository,
 * `custom_properties` (Requester.testApiVersion.txt) are what current GitHub adds.
 */
export function fullRepository(r: Repository, urls: Urls, caller: { permissions?: RepositoryRole } | null) {
  const organization = r.owner.type === "Organization";
  return {
    ...repository(r, urls, undefined, caller?.permissions),
    temp_clone_token: caller ? "" : null,
    has_pull_requests: true,
    pull_request_creation_policy: "all",
    ...(organization && { organization: simpleUser(r.owner, urls) }),
    ...(organization && { custom_properties: {} }),
    network_count: 0,
    subscribers_count: 0,
  };
}
