import { hash, randomBytes } from "node:crypto";

/**
 * GitHub's token formats: a prefix naming the kind, 30 random base62 characters and a 6-character
 * base62 CRC32 checksum. Only `[A-Za-z0-9_]`: auth-app joins cache keys with `|`, and auth-token sends
 * anything with two dots as a JWT.
 */
export type TokenPrefix = "ghs_" | "ghu_" | "ghr_" | "ghp_" | "gho_";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function base62(bytes: Buffer, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += BASE62[bytes[i]! % 62];
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function checksum(random: string): string {
  let n = crc32(random);
  let out = "";
  for (let i = 0; i < 6; i++) {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out;
}

export function generateToken(prefix: TokenPrefix): string {
  const random = base62(randomBytes(30), 30);
  return `${prefix}${random}${checksum(random)}`;
}

/** Tokens are long and random, so a fast hash is enough: no dictionary to attack. */
export function hashToken(token: string): string {
  return hash("sha256", token, "base64url");
}
