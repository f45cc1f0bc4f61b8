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

/** The one place path parameters are read: numeric ones parsed (GitHub's 404 for a malformed id). */
export function parseParams(raw: Record<string, string>): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  for (const name in raw) params[name] = isNumeric(name) ? idParam(raw[name]) : raw[name]!;
  return params;
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
