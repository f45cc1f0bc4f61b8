import { NotFoundError } from "../domain/errors.js";

/**
 * Path parameters by name, as GitHub's reference writes them: `*_id` names a number (`installation_id`,
 * `repository_id`…), except `client_id`, an app's `Iv1.…` string; every other name (`owner`, `repo`,
 * `app_slug`, `access_token`…) is text.
 */
type ParamNames<Path extends string> = Path extends `${string}{${infer Name}}${infer Rest}`
  ? Name | ParamNames<Rest>
  : never;
type ParamValue<Name extends string> = Name extends "client_id"
  ? string
  : Name extends `${string}_id`
    ? number
    : string;
export type ParamsOf<Path extends string> = { [Name in ParamNames<Path>]: ParamValue<Name> };

const isNumeric = (name: string) => name !== "client_id" && name.endsWith("_id");

/**
 * The one place path parameters are read: numeric ones parsed (GitHub's 404 for a malformed id); a
 * text one holding NUL names nothing either (PostgreSQL's text cannot hold it, so no row has it).
 */
export function parseParams(raw: Record<string, string>): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  for (const name of Object.keys(raw))
    params[name] = isNumeric(name) ? idParam(raw[name]) : textParam(raw[name]);
  return params;
}

/** A text path parameter: one holding NUL names nothing (404). */
export function textParam(value: string | undefined): string {
  if (value === undefined || value.includes("\0")) throw new NotFoundError();
  return value;
}

/**
 * The query as handlers read it: text values only (a repeated parameter counts once, as its first
 * value), on a null-prototype object so that `?constructor=` names nothing inherited.
 */
export function parseQuery(raw: unknown): Record<string, string | undefined> {
  const query: Record<string, string | undefined> = Object.create(null) as Record<string, string | undefined>;
  if (!raw || typeof raw !== "object") return query;
  for (const [name, value] of Object.entries(raw)) {
    const first: unknown = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string") query[name] = first;
  }
  return query;
}

/** A numeric path parameter; anything else names nothing, so it is GitHub's 404. */
export function idParam(value: string | undefined): number {
  if (value === undefined || !/^[1-9][0-9]{0,15}$/.test(value)) throw new NotFoundError();
  const id = Number(value);
  if (!Number.isSafeInteger(id)) throw new NotFoundError();
  return id;
}

/** GitHub's ISO 8601 `since` parameter, in epoch seconds; an unreadable one is ignored, as GitHub does. */
export function sinceParam(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}
