import { timingSafeEqual } from "node:crypto";
import { UnauthorizedError } from "../domain/errors.js";
import type { Hubcap } from "../domain/hubcap.js";
import { hashToken } from "../domain/tokens.js";

/** An app proven by its client id and one of its client secrets (GitHub's "OAuth app" credential). */
export interface ClientPrincipal {
  kind: "client";
  appId: number;
}

/** `Authorization: Basic base64(client_id:client_secret)`, scheme case-insensitive; undefined for any other scheme. */
export function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) throw new UnauthorizedError();
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/** Compared when the client id is unknown, so that an unknown id costs what a wrong secret does. */
const NO_SECRET = hashToken("hubcap: no such client");

/**
 * Checks client credentials as GitHub does for OAuth-app calls (Marketplace, `/applications/{client_id}`):
 * the secret's hash is compared with every one of the app's in constant time; any failure is 401.
 */
export async function authenticateClient(
  hub: Hubcap,
  credentials: { id: string; secret: string },
): Promise<ClientPrincipal> {
  const app = credentials.id ? await hub.store.findAppCredentials({ clientId: credentials.id }) : undefined;
  const hashes = app ? await hub.store.listClientSecretHashes(app.appId) : [NO_SECRET];
  const offered = Buffer.from(hashToken(credentials.secret));
  let matched = false;
  for (const hash of hashes) {
    const stored = Buffer.from(hash);
    // Every hash is compared, so the time taken says nothing about which (if any) matched.
    if (stored.length === offered.length && timingSafeEqual(stored, offered)) matched = true;
  }
  if (!app || !matched) throw new UnauthorizedError();
  return { kind: "client", appId: app.appId };
}
