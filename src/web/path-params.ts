import { NotFoundError } from "../domain/errors.js";

/** An id, in a path or a form field naming a thing; anything else names nothing (the page's 404). */
export function idOf(value: string | undefined): number {
  const id = Number(value);
  if (!/^[1-9]\d{0,15}$/.test(value ?? "") || !Number.isSafeInteger(id)) throw new NotFoundError();
  return id;
}

/** A name in a path; one holding NUL names nothing (PostgreSQL's text cannot hold it). */
const text = (value: string) => {
  if (value.includes("\0")) throw new NotFoundError();
  return value;
};

/**
 * Every name a page path may hold, with how it is read: the one place path parameters are parsed. A
 * malformed id is a page that does not exist.
 */
const PARSERS = {
  org: text,
  app_slug: text,
  manifest_id: text,
  key_id: idOf,
  secret_id: idOf,
  installation_id: idOf,
  delivery_id: idOf,
} satisfies Record<string, (value: string) => unknown>;

export type ParamName = keyof typeof PARSERS;

/** The names in a path template: `"/apps/{app_slug}/keys/{key_id}"` → `"app_slug" | "key_id"`. */
export type ParamNames<Path extends string> = Path extends `${string}{${infer Name}}${infer Rest}`
  ? Name | ParamNames<Rest>
  : never;

/** The parsed parameters of a path template, typed by name (of each path, for a union of paths). */
export type PathParams<Path extends string> = Path extends string
  ? { [Name in ParamNames<Path> & ParamName]: ReturnType<(typeof PARSERS)[Name]> }
  : never;

/** Any page's parameters, before its route says which it has. */
export type AnyPathParams = { [Name in ParamName]?: ReturnType<(typeof PARSERS)[Name]> };

/** Fastify's raw parameters of a page, parsed by name (only the names the table knows are kept). */
export function parsePathParams(raw: unknown): AnyPathParams {
  const parsed: Record<string, unknown> = {};
  const values = raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === "string" && Object.hasOwn(PARSERS, name)) {
      parsed[name] = PARSERS[name as ParamName](value);
    }
  }
  return parsed;
}
