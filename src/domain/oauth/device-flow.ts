import { randomBytes, randomInt } from "node:crypto";
import { seconds } from "../clock.js";
import { NotFoundError, ValidationError } from "../errors.js";
import type { Account, App, DeviceRequest } from "../model.js";
import { hashToken } from "../tokens.js";
import { grantFor } from "./grants.js";
import { issueUserToken, type IssuedUserToken } from "./issue-user-token.js";
import { OAuthError } from "./oauth-error.js";
import { SWEEP_AFTER_SECONDS } from "./sweep.js";
import type { OAuthDeps } from "./oauth-deps.js";

/**
 * GitHub's device flow: codes live 15 minutes; clients poll no faster than every 5 seconds, and each
 * poll that comes too soon adds 5 seconds to the interval (`slow_down`).
 * https://docs.github.com/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#device-flow
 */
export const DEVICE_CODE_SECONDS = 900;
export const DEVICE_INTERVAL_SECONDS = 5;
const SLOW_DOWN_SECONDS = 5;

/** Letters a person reads off one screen and types on another without mistaking one for another. */
const USER_CODE_LETTERS = "BCDFGHJKLMNPQRSTVWXZ";

function newUserCode(): string {
  const pick = () => USER_CODE_LETTERS[randomInt(USER_CODE_LETTERS.length)];
  const half = () => Array.from({ length: 4 }, pick).join("");
  return `${half()}-${half()}`;
}

/** A user code as typed: any case, with or without the dash. */
export function normalizeUserCode(typed: string): string {
  const bare = typed.toUpperCase().replace(/[^A-Z0-9]/g, "");
  return bare.length === 8 ? `${bare.slice(0, 4)}-${bare.slice(4)}` : bare;
}

export interface DeviceStart {
  deviceCode: string;
  userCode: string;
  expiresIn: number;
  interval: number;
}

/** `POST /login/device/code`: needs only the client id; the app must have enabled the device flow. */
export async function startDevice(deps: OAuthDeps, clientId: string | undefined): Promise<DeviceStart> {
  const app = clientId ? await deps.store.findAppByClientId(clientId) : undefined;
  if (!app) throw new OAuthError("incorrect_client_credentials");
  if (!app.deviceFlowEnabled) throw new OAuthError("device_flow_disabled");
  const now = seconds(deps.clock);
  await deps.store.deleteExpiredOAuthCodes(now - SWEEP_AFTER_SECONDS);
  const deviceCode = randomBytes(20).toString("hex");
  for (let attempt = 0; ; attempt++) {
    const userCode = newUserCode();
    if (await deps.store.findDeviceRequest({ userCode })) {
      if (attempt < 10) continue;
      throw new Error("no free user code");
    }
    await deps.store.insertDeviceRequest({
      deviceCodeHash: hashToken(deviceCode),
      userCode,
      appId: app.id,
      state: "pending",
      interval: DEVICE_INTERVAL_SECONDS,
      expiresAt: now + DEVICE_CODE_SECONDS,
      now,
    });
    return { deviceCode, userCode, expiresIn: DEVICE_CODE_SECONDS, interval: DEVICE_INTERVAL_SECONDS };
  }
}

/** The pending request a person typed the code of (for the device page), with the app asking. */
export async function findPendingDevice(
  deps: OAuthDeps,
  typedCode: string,
): Promise<{ request: DeviceRequest; app: App }> {
  const request = await deps.store.findDeviceRequest({ userCode: normalizeUserCode(typedCode) });
  if (!request || request.state !== "pending" || request.expiresAt <= seconds(deps.clock)) {
    throw new NotFoundError("That code is not valid or has expired. Check it, or ask for a new one.");
  }
  return { request, app: (await deps.store.findAppById(request.appId))! };
}

/** The person authorizes the device: a grant for (user, app); the next poll receives a token. */
export async function approveDevice(deps: OAuthDeps, typedCode: string, user: Account): Promise<App> {
  if (user.type !== "User") throw new ValidationError("Only a user can authorize an app.");
  const { request, app } = await findPendingDevice(deps, typedCode);
  await deps.store.transaction(async (tx) => {
    const grant = await grantFor(tx, user, app, seconds(deps.clock));
    const answered = await tx.answerDeviceRequest(request.deviceCodeHash, {
      state: "authorized",
      grantId: grant.id,
    });
    if (!answered) throw new NotFoundError("That code has already been used.");
  });
  return app;
}

/** The person refuses: the next poll receives `access_denied`. */
export async function denyDevice(deps: OAuthDeps, typedCode: string): Promise<App> {
  const { request, app } = await findPendingDevice(deps, typedCode);
  await deps.store.answerDeviceRequest(request.deviceCodeHash, { state: "denied" });
  return app;
}

/** A poll with `grant_type=urn:ietf:params:oauth:grant-type:device_code`. */
export async function pollDevice(
  deps: OAuthDeps,
  poll: { clientId?: string; deviceCode?: string },
): Promise<IssuedUserToken> {
  const app = poll.clientId ? await deps.store.findAppByClientId(poll.clientId) : undefined;
  if (!app) throw new OAuthError("incorrect_client_credentials");
  if (!app.deviceFlowEnabled) throw new OAuthError("device_flow_disabled");
  const deviceCodeHash = hashToken(poll.deviceCode ?? "");
  const request = await deps.store.findDeviceRequest({ deviceCodeHash });
  if (!request || request.appId !== app.id) throw new OAuthError("incorrect_device_code");
  const now = seconds(deps.clock);
  if (request.expiresAt <= now) throw new OAuthError("expired_token");
  if (request.state === "denied") throw new OAuthError("access_denied");
  if (request.lastPolledAt !== null && now - request.lastPolledAt < request.interval) {
    const interval = request.interval + SLOW_DOWN_SECONDS;
    await deps.store.recordDevicePoll(deviceCodeHash, now, interval);
    throw new OAuthError("slow_down", interval);
  }
  await deps.store.recordDevicePoll(deviceCodeHash, now, request.interval);
  if (request.state === "pending") throw new OAuthError("authorization_pending");
  return deps.store.transaction(async (tx) => {
    // The first poll after approval takes the request; a racing poll finds it gone.
    if (!(await tx.deleteDeviceRequest(deviceCodeHash)) || request.grantId === null) {
      throw new OAuthError("incorrect_device_code");
    }
    if (!(await tx.findGrantById(request.grantId))) throw new OAuthError("access_denied");
    return issueUserToken(tx, app, request.grantId, now);
  });
}
