/**
 * GitHub's slug of an app name: lower case, runs of anything else become one hyphen. On its own so the
 * CLI can name a new app's key file before asking for the app, without loading the registry.
 */
export function slugFor(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 34)
    .replace(/-+$/, "");
}
