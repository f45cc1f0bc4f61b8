import type { MergeSettings } from "./model.js";

/**
 * A repository's pull-request merge settings, under GitHub's own names. They pass unchanged from the
 * world file and the repository API's bodies to the stored columns and the answers, so they keep those
 * names here as well: one table below then drives the schema, the store and the JSON.
 * Defaults: a new repository's on GitHub, as its answers show them (PyGithub tests/ReplayData, e.g.
 * GitRef.testExample.txt).
 */
export type { MergeSettings };

export const MERGE_SETTING_DEFAULTS: Readonly<MergeSettings> = {
  allow_rebase_merge: true,
  allow_squash_merge: true,
  allow_merge_commit: true,
  allow_auto_merge: false,
  delete_branch_on_merge: false,
  allow_update_branch: false,
  use_squash_pr_title_as_default: false,
  squash_merge_commit_title: "COMMIT_OR_PR_TITLE",
  squash_merge_commit_message: "COMMIT_MESSAGES",
  merge_commit_title: "MERGE_MESSAGE",
  merge_commit_message: "PR_TITLE",
  web_commit_signoff_required: false,
};

/** The settings' JSON schema, for the world file and the API's repository bodies (GitHub's enums). */
export const MERGE_SETTING_SCHEMA = {
  allow_rebase_merge: { type: "boolean" },
  allow_squash_merge: { type: "boolean" },
  allow_merge_commit: { type: "boolean" },
  allow_auto_merge: { type: "boolean" },
  delete_branch_on_merge: { type: "boolean" },
  allow_update_branch: { type: "boolean" },
  use_squash_pr_title_as_default: { type: "boolean" },
  squash_merge_commit_title: { enum: ["PR_TITLE", "COMMIT_OR_PR_TITLE"] },
  squash_merge_commit_message: { enum: ["PR_BODY", "COMMIT_MESSAGES", "BLANK"] },
  merge_commit_title: { enum: ["PR_TITLE", "MERGE_MESSAGE"] },
  merge_commit_message: { enum: ["PR_BODY", "PR_TITLE", "BLANK"] },
  web_commit_signoff_required: { type: "boolean" },
} as const;

export const MERGE_SETTING_NAMES = Object.keys(MERGE_SETTING_DEFAULTS) as Array<keyof MergeSettings>;

/** The settings named in `input` (a body or a world entry), nothing else. */
export function mergeSettingsIn(
  input: Partial<Record<keyof MergeSettings, unknown>>,
): Partial<MergeSettings> {
  const picked: Record<string, unknown> = {};
  for (const name of MERGE_SETTING_NAMES) if (input[name] !== undefined) picked[name] = input[name];
  return picked as Partial<MergeSettings>;
}

/** The settings that differ from GitHub's defaults: what a world file needs to say. */
export function changedMergeSettings(settings: MergeSettings): Partial<MergeSettings> {
  const changed: Record<string, unknown> = {};
  for (const name of MERGE_SETTING_NAMES) {
    if (settings[name] !== MERGE_SETTING_DEFAULTS[name]) changed[name] = settings[name];
  }
  return changed as Partial<MergeSettings>;
}
