/** JSON with sorted keys, so equal permission sets are equal strings (the `outdated` filter compares them). */
export function canonicalJson(value: Record<string, unknown> | unknown[]): string {
  if (Array.isArray(value)) return JSON.stringify(value);
  return JSON.stringify(
    Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  );
}

/** Whether two JSON values are equal whatever their key order (permissions, event lists). */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a as Record<string, unknown>) === canonicalJson(b as Record<string, unknown>);
}
