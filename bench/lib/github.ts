import { createPrivateKey, sign } from "node:crypto";

/** An app JWT as a client makes one: issued 30 s ago, valid for ten minutes. */
export function appJwt(appId: number, privateKeyPem: string): string {
  const now = Math.floor(Date.now() / 1000);
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
  const input = `${b64({ alg: "RS256", typ: "JWT" })}.${b64({ iat: now - 30, exp: now + 570, iss: appId })}`;
  return `${input}.${sign("RSA-SHA256", Buffer.from(input), createPrivateKey(privateKeyPem)).toString("base64url")}`;
}

/** Mints an installation token, as a client would before a run of token requests. */
export async function installationToken(url: string, installationId: number, jwt: string): Promise<string> {
  const target = `${url}/app/installations/${installationId}/access_tokens`;
  const response = await fetch(target, { method: "POST", headers: { authorization: `Bearer ${jwt}` } });
  if (response.status !== 201) throw new Error(`POST ${target}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}
