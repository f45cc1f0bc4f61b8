import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import { ValidationError } from "./errors.js";

/**
 * An app's private key, as GitHub hands it out once: PKCS#1 PEM ("BEGIN RSA PRIVATE KEY"), 2048 bits.
 * hubcap keeps only the public half.
 */
export function generateAppKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

/** The public key of a private or public PEM, normalised to SPKI. */
export function publicKeyPem(pem: string): string {
  try {
    const key = pem.includes("PRIVATE KEY") ? createPublicKey(createPrivateKey(pem)) : createPublicKey(pem);
    if (key.asymmetricKeyType !== "rsa") throw new Error("not RSA");
    return key.export({ type: "spki", format: "pem" }).toString();
  } catch {
    throw new ValidationError("The key is not a valid RSA key in PEM format.");
  }
}

/** GitHub shows key fingerprints as "SHA256:<base64 of the DER public key's digest>". */
export function keyFingerprint(spkiPem: string): string {
  const der = createPublicKey(spkiPem).export({ type: "spki", format: "der" });
  return `SHA256:${createHash("sha256").update(der).digest("base64")}`;
}
