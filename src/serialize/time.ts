/** GitHub's timestamps: ISO 8601 in UTC without milliseconds (PyGithub 1.55 cannot parse them). */
export function timestamp(epochSeconds: number): string;
export function timestamp(epochSeconds: number | null): string | null;
export function timestamp(epochSeconds: number | null): string | null {
  if (epochSeconds === null) return null;
  // Whole seconds always print ".000Z"; slicing it off is cheaper than a regex on every timestamp.
  return `${new Date(epochSeconds * 1000).toISOString().slice(0, 19)}Z`;
}
