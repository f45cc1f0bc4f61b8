/**
 * A path on this host, or undefined. Browsers read `//host` and `/\host` as another host, and drop tabs
 * and newlines from URLs, so only a single leading slash followed by something else passes; the result
 * is re-serialised by the URL parser so nothing odd survives.
 */
export function localPath(value: string | undefined): string | undefined {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return undefined;
  if (value.length > 2048 || [...value].some((c) => c < " " || c === "\x7f")) return undefined;
  const base = "http://hubcap.invalid";
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return undefined;
  }
  if (url.origin !== base) return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}
