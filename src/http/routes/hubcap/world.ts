import { seconds } from "../../../domain/clock.js";
import { ValidationError } from "../../../domain/errors.js";
import { checkWorld, WorldError, type WorldFile } from "../../../domain/world-file.js";
import type { UserPrincipal } from "../../../domain/token-auth.js";
import type { BodyOf } from "../../schema.js";
import type { Context, Reply } from "../../route.js";
import { timestamp } from "../../../serialize/time.js";

/** hubcap's administration of the world as a whole, and of its clock. */
type AdminContext<Params extends object = object, Body = unknown> = Context<UserPrincipal, Params, Body>;

/**
 * GET /_hubcap/world — a world file that re-creates this world, without secrets or tokens unless
 * `?secrets=true` asks for what brings them back: webhook secrets (kept sealed, so opened) and the hashes
 * of client secrets (an import restores them, and the secrets the app's clients hold work again).
 */
export async function exportWorld(ctx: AdminContext): Promise<Reply> {
  return { body: await ctx.hub.exportWorld({ withSecrets: ctx.query.secrets === "true" }) };
}

export const worldBody = { type: "object" } as const;

/**
 * PUT /_hubcap/world — applies a world, as `--world` does at start: objects are matched by name, so
 * applying twice changes nothing. Keys come as `public_keys`: the server reads no files for a client.
 */
export async function applyWorld(ctx: AdminContext): Promise<Reply> {
  let world: WorldFile;
  try {
    world = checkWorld(ctx.body);
    if (world.apps?.some((a) => a.private_key_file)) {
      throw new WorldError("apps: private_key_file is read at start only; give public_keys instead");
    }
    const applied = await ctx.hub.world.apply(world, { baseDir: process.cwd() });
    return {
      body: {
        apps: applied.apps.map((a) => ({ id: a.id, slug: a.slug, client_id: a.clientId })),
        installations: applied.installations,
      },
    };
  } catch (error) {
    if (error instanceof WorldError) throw new ValidationError(error.message);
    throw error;
  }
}

/** POST /_hubcap/world/reset — everything goes but site admins and their tokens; the clock is real again. */
export async function resetWorld(ctx: AdminContext): Promise<Reply> {
  await ctx.hub.resetWorld();
  return { status: 204 };
}

function clockBody(ctx: AdminContext) {
  return {
    now: timestamp(seconds(ctx.hub.clock)),
    offset_seconds: Math.round(ctx.hub.clock.offset / 1000),
  };
}

/** GET /_hubcap/clock — hubcap's time, which every expiry and timestamp reads. */
export async function getClock(ctx: AdminContext): Promise<Reply> {
  return { body: clockBody(ctx) };
}

export const clockPatchBody = {
  type: "object",
  properties: {
    advance_seconds: { type: "number" },
    offset_seconds: { type: "number" },
    now: { type: "string" },
  },
} as const;

/**
 * PATCH /_hubcap/clock — `advance_seconds` moves it on (tokens expire as time passes), `offset_seconds`
 * sets its distance from real time, `now` sets it to an instant. Every instance follows within a second.
 */
export async function setClock(ctx: AdminContext<object, BodyOf<typeof clockPatchBody>>): Promise<Reply> {
  const body = ctx.body;
  const given = ["advance_seconds", "offset_seconds", "now"].filter((k) => k in body);
  if (given.length !== 1) {
    throw new ValidationError("Give one of advance_seconds, offset_seconds or now.");
  }
  let offsetMs: number;
  if (body.advance_seconds !== undefined) offsetMs = ctx.hub.clock.offset + body.advance_seconds * 1000;
  else if (body.offset_seconds !== undefined) offsetMs = body.offset_seconds * 1000;
  else {
    const at = Date.parse(body.now!);
    if (Number.isNaN(at)) throw new ValidationError("now is not an ISO 8601 time.");
    offsetMs = at - (ctx.hub.clock.now() - ctx.hub.clock.offset);
  }
  if (!Number.isFinite(offsetMs) || Math.abs(offsetMs) > 100 * 365 * 86400 * 1000) {
    throw new ValidationError("The clock may move at most 100 years from real time.");
  }
  await ctx.hub.setClockOffset(Math.round(offsetMs));
  return { body: clockBody(ctx) };
}
