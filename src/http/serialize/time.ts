/** GitHub's timestamps: ISO 8601 in UTC without milliseconds (PyGithub 1.55 cannot parse them). */
export function timestamp(epochSeconds: number): string;
export function timestamp(epochSeconds: number | null): string | null;
export function timestamp(epochSeconds: number | null): string | null {
  if (epochSeconds === null) return null;
  return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}
