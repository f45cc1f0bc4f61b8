import { createPrivateKey, randomBytes, X509Certificate } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { issueCertificate, type IssuedCertificate } from "./issue-certificate.js";
import { TlsError } from "./tls-error.js";
import { writePem } from "./write-pem.js";

export interface LocalCa extends IssuedCertificate {
  /** The file clients trust: `SSL_CERT_FILE`, `NODE_EXTRA_CA_CERTS`, `curl --cacert`. */
  certFile: string;
  /** True when this start created it (clients that trusted an earlier one must trust this one). */
  created: boolean;
}

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * hubcap's own certificate authority, kept in `dir` (`ca.pem`, `ca-key.pem` mode 0600) so that a client
 * trusts it once and keeps trusting every server certificate hubcap issues after a restart.
 */
export function loadOrCreateLocalCa(dir: string, now: Date): LocalCa {
  const certFile = join(dir, "ca.pem");
  const keyFile = join(dir, "ca-key.pem");
  if (existsSync(certFile) && existsSync(keyFile)) {
    const certPem = readFileSync(certFile, "utf8");
    const keyPem = readFileSync(keyFile, "utf8");
    const problem = caProblem(certPem, keyPem, now);
    if (problem === "expired") return createCa(certFile, keyFile, now);
    if (problem) {
      throw new TlsError(
        `${certFile} and ${keyFile} are not a usable certificate authority (${problem}); ` +
          `delete both and hubcap will create a new one`,
      );
    }
    return { certFile, certPem, keyPem, created: false };
  }
  return createCa(certFile, keyFile, now);
}

function caProblem(certPem: string, keyPem: string, now: Date): string | undefined {
  try {
    const cert = new X509Certificate(certPem);
    if (!cert.ca) return "not a CA certificate";
    if (!cert.checkPrivateKey(createPrivateKey(keyPem))) return "the key does not belong to the certificate";
    // A CA past its end signs nothing any client accepts: replacing it is the only way forward.
    if (Date.parse(cert.validTo) <= now.getTime()) return "expired";
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function createCa(certFile: string, keyFile: string, now: Date): LocalCa {
  const ca = issueCertificate({
    // A distinct name per CA, so trust stores holding CAs of several data directories tell them apart.
    commonName: `hubcap local CA ${randomBytes(4).toString("hex")}`,
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + 10 * YEAR_MS),
    authority: true,
  });
  // The key first: until the certificate is in place too, the next start creates both again.
  writePem(keyFile, ca.keyPem, 0o600);
  writePem(certFile, ca.certPem, 0o644);
  return { ...ca, certFile, created: true };
}
