import { createPrivateKey, X509Certificate, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { TlsError } from "./tls-error.js";

/**
 * The certificate (optionally followed by its chain) and key given with `--cert` / `--key`, checked
 * before listening: a key that does not match would otherwise surface only as every client's handshake
 * failing.
 */
export function readProvidedCertificate(
  certFile: string,
  keyFile: string,
): { certPem: string; keyPem: string } {
  const certPem = readText(certFile, "certificate");
  const keyPem = readText(keyFile, "key");
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certPem);
  } catch (error) {
    throw new TlsError(`${certFile} holds no PEM certificate (${(error as Error).message})`);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(keyPem);
  } catch (error) {
    throw new TlsError(`${keyFile} holds no unencrypted PEM private key (${(error as Error).message})`);
  }
  if (!cert.checkPrivateKey(key)) {
    throw new TlsError(`the key in ${keyFile} does not belong to the certificate in ${certFile}`);
  }
  return { certPem, keyPem };
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new TlsError(`cannot read the ${what} file ${file}: ${(error as Error).message}`);
  }
}
