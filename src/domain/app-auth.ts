import { createPublicKey, verify, type KeyObject } from "node:crypto";
import { decodeJwt, decodeProtectedHeader, type JWTPayload } from "jose";
import { seconds, type Clock } from "./clock.js";
import { UnauthorizedError } from "./errors.js";
import type { AppCredentialStore } from "../store/store.js";

/** Who an app JWT proves to be. */
export interface AppPrincipal {
  kind: "app";
  appId: number;
  ownerId: number;
}

/**
 * GitHub's exact messages. @octokit/auth-app retries once, with its clock corrected from our `Date`
 * header, when it sees the `exp`/`iat` ones.
 */
export const JWT_MESSAGES = {
  undecodable: "A JSON web token could not be decoded",
  expTooFar: "'Expiration time' claim ('exp') is too far in the future",
  expInvalid:
    "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
  iatInvalid:
    "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued",
  issInvalid: "'Issuer' claim ('iss') must be an Integer",
  unknownApp: "Integration not found",
} as const;

/** GitHub allows a JWT to live 10 minutes; a few seconds more absorb clock drift between machines. */
const MAX_LIFETIME_SECONDS = 600;
const EXP_LEEWAY_SECONDS = 30;
const IAT_FUTURE_SECONDS = 60;
const VERIFIED_CACHE_LIMIT = 4096;

/**
 * Checks app JWTs as GitHub does: RS256 only, `iss` the app id or client id, `exp` no more than ten
 * minutes ahead, `iat` not in the future. Parsed public keys are cached by key id (keys never change),
 * and a token whose signature was verified is remembered, but every request still reads the app and
 * its current keys from the store, so a deleted key or app stops working at once on every instance.
 */
export class AppAuthenticator {
  private readonly keyObjects = new Map<number, KeyObject>();
  private readonly verified = new Map<string, number>();

  constructor(
    private readonly store: AppCredentialStore,
    private readonly clock: Clock,
  ) {}

  async authenticate(jwt: string): Promise<AppPrincipal> {
    const parts = jwt.split(".");
    if (parts.length !== 3) throw new UnauthorizedError(JWT_MESSAGES.undecodable);
    let payload: JWTPayload;
    try {
      const header = decodeProtectedHeader(jwt);
      // RS256 only: `none`, HMAC (a public key used as a shared secret) and everything else are refused.
      if (header.alg !== "RS256") throw new Error("algorithm");
      payload = decodeJwt(jwt);
    } catch {
      throw new UnauthorizedError(JWT_MESSAGES.undecodable);
    }

    const issuer = parseIssuer(payload.iss);
    const now = seconds(this.clock);
    checkTimes(payload, now);

    const credentials = await this.store.findAppCredentials(issuer);
    if (!credentials) throw new UnauthorizedError(JWT_MESSAGES.unknownApp);

    const remembered = this.verified.get(jwt);
    if (remembered === undefined || !credentials.keyIds.includes(remembered)) {
      const keyId = await this.verifySignature(parts, credentials.keyIds);
      if (keyId === undefined) throw new UnauthorizedError(JWT_MESSAGES.undecodable);
      if (this.verified.size >= VERIFIED_CACHE_LIMIT) this.verified.clear();
      this.verified.set(jwt, keyId);
    }
    return { kind: "app", appId: credentials.appId, ownerId: credentials.ownerId };
  }

  private async verifySignature(parts: string[], keyIds: number[]): Promise<number | undefined> {
    const signingInput = Buffer.from(`${parts[0]}.${parts[1]}`);
    const signature = Buffer.from(parts[2]!, "base64url");
    for (const keyId of keyIds) {
      const keyObject = await this.keyObject(keyId);
      if (keyObject && verify("RSA-SHA256", signingInput, keyObject, signature)) return keyId;
    }
    return undefined;
  }

  /** A key's parsed public half: parsing a PEM costs ~115 µs more than a verify, so it happens once. */
  private async keyObject(keyId: number): Promise<KeyObject | undefined> {
    let keyObject = this.keyObjects.get(keyId);
    if (!keyObject) {
      const pem = await this.store.findAppKeyPem(keyId);
      if (!pem) return undefined;
      keyObject = createPublicKey(pem);
      this.keyObjects.set(keyId, keyObject);
    }
    return keyObject;
  }
}

function parseIssuer(iss: unknown): { id: number } | { clientId: string } {
  if (typeof iss === "number" && Number.isSafeInteger(iss) && iss > 0) return { id: iss };
  if (typeof iss === "string" && /^[1-9][0-9]{0,15}$/.test(iss)) return { id: Number(iss) };
  // Client ids ("Iv1.…", "Iv23li…") identify the app as well as its id does.
  if (typeof iss === "string" && /^Iv[0-9A-Za-z.]{4,60}$/.test(iss)) return { clientId: iss };
  throw new UnauthorizedError(JWT_MESSAGES.issInvalid);
}

function checkTimes(payload: JWTPayload, now: number): void {
  const { iat, exp } = payload;
  if (typeof iat !== "number" || !Number.isInteger(iat) || iat > now + IAT_FUTURE_SECONDS) {
    throw new UnauthorizedError(JWT_MESSAGES.iatInvalid);
  }
  if (typeof exp !== "number" || !Number.isFinite(exp) || exp <= now) {
    throw new UnauthorizedError(JWT_MESSAGES.expInvalid);
  }
  if (exp > now + MAX_LIFETIME_SECONDS + EXP_LEEWAY_SECONDS)
    throw new UnauthorizedError(JWT_MESSAGES.expTooFar);
}
