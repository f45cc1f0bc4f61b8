const BASE = "http://hubcap.invalid";

/**
 * A path on this host, or undefined. Browsers read `//host` and `/\host` as another host, and drop tabs
 * and newlines from URLs. The value is judged after the URL parser has normalised it (`/.//evil.com`,
 * `/x/../\evil.com` and `/%2e//evil.com` all become `//evil.com`), and the result must itself resolve to
 * this host when a browser reads it as a `Location`, so nothing that leaves the host survives.
 */
export function localPath(value: string | undefined): string | undefined {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return undefined;
  if (value.length > 2048 || [...value].some((c) => c < " " || c === "\x7f")) return undefined;
  const url = parse(value);
  if (url?.origin !== BASE) return undefined;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // The path a browser is sent must stay here on its own, not only relative to the value it came from.
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return undefined;
  return parse(path)?.origin === BASE ? path : undefined;
}

function parse(value: string): URL | undefined {
  try {
    return new URL(value, BASE);
  } catch {
    return undefined;
  }
}
