/** GitHub's timestamps: ISO 8601 in UTC without milliseconds (PyGithub 1.55 cannot parse them). */
export function timestamp(epochSeconds: number): string;
export function timestamp(epochSeconds: number | null): string | null;
export function timestamp(epochSeconds: number | null): string | null {
  if (epochSeconds === null) return null;
  // Whole seconds always print ".000Z"; slicing it off is cheaper than a regex on every timestamp.
  return `${new Date(epochSeconds * 1000).toISOString().slice(0, 19)}Z`;
}

/**
 * The few timestamps GitHub writes with milliseconds, always `.000`: an installation's `created_at`,
 * `updated_at` and `suspended_at` (PyGithub tests/ReplayData/GithubIntegration.testGetAppInstallation.txt:
 * `2022-10-26T11:15:21.000Z`). PyGithub 1.55 parses exactly this 24-character form.
 */
export function timestampWithMilliseconds(epochSeconds: number): string;
export function timestampWithMilliseconds(epochSeconds: number | null): string | null;
export function timestampWithMilliseconds(epochSeconds: number | null): string | null {
  if (epochSeconds === null) return null;
  return new Date(epochSeconds * 1000).toISOString();
}
