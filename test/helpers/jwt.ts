import { createHmac, createPrivateKey, sign } from "node:crypto";

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** Signs arbitrary claims, so tests can send JWTs no well-behaved client would. */
export function signJwt(
  claims: Record<string, unknown>,
  privateKeyPem: string,
  header: Record<string, unknown> = { alg: "RS256", typ: "JWT" },
): string {
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${sign("RSA-SHA256", Buffer.from(input), createPrivateKey(privateKeyPem)).toString("base64url")}`;
}

export function hmacJwt(claims: Record<string, unknown>, secret: string): string {
  const input = `${b64({ alg: "HS256", typ: "JWT" })}.${b64(claims)}`;
  return `${input}.${createHmac("sha256", secret).update(input).digest("base64url")}`;
}

export function unsignedJwt(claims: Record<string, unknown>): string {
  return `${b64({ alg: "none", typ: "JWT" })}.${b64(claims)}.`;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);
