import { timingSafeEqual } from "node:crypto";
import type { App } from "../model.js";
import { hashToken } from "../tokens.js";
import type { AppCredentialStore, AppStore } from "../../store/store.js";

/** A hash of nothing in particular, compared against when there is no secret to compare with. */
const NO_SECRET = hashToken("no client secret");

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The app whose client id and one of whose client secrets these are, or undefined. Every stored
 * secret is compared, in constant time and without stopping at a match, so the time taken tells
 * nothing about which secret (or how much of one) was right.
 */
export async function authenticateClient(
  store: AppStore & AppCredentialStore,
  clientId: string | undefined,
  clientSecret: string | undefined,
): Promise<App | undefined> {
  if (!clientId || clientId.length > 100) return undefined;
  const app = await store.findAppByClientId(clientId);
  const given = hashToken(clientSecret ?? "");
  const stored = app ? await store.listClientSecretHashes(app.id) : [];
  let matched = false;
  for (const hash of stored.length > 0 ? stored : [NO_SECRET]) {
    if (sameHash(hash, given)) matched = true;
  }
  return app && clientSecret && matched ? app : undefined;
}
