import { NotFoundError } from "../domain/errors.js";

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
