import escapeHtml from "escape-html";
import { localPath } from "./local-path.js";

/** Markup that is already safe: made by `html`, so every value in it was escaped. */
export class Html {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

/** What a template may hold: text and numbers are escaped, nested `Html` is kept, false and null vanish. */
export type HtmlValue = Html | string | number | false | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(String(value));
}

/**
 * The only way pages make markup: a tagged template that escapes every interpolated value (with
 * escape-html, quotes included, so values are safe in quoted attributes too).
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/**
 * A URL for an `href` or `action`: escaping keeps it inside its attribute, but only http(s) and
 * same-site paths keep a `javascript:` URL out of a link.
 */
export function href(url: string): string {
  if (url.startsWith("/")) return localPath(url) ?? "#";
  try {
    const { protocol } = new URL(url);
    return protocol === "http:" || protocol === "https:" ? url : "#";
  } catch {
    return "#";
  }
}
