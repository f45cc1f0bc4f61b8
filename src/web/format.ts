import { html, type Html } from "./html.js";

/** A time (seconds since the epoch) as GitHub's pages show it: UTC, machine-readable in `datetime`. */
export function when(seconds: number | null): Html {
  if (seconds === null) return html`<span class="muted">never</span>`;
  const iso = new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
  return html`<time datetime="${iso}">${iso.replace("T", " ").replace("Z", " UTC")}</time>`;
}

/** A JSON text indented for reading; text that is not JSON is shown as it is. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
