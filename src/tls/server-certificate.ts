import { createPrivateKey, X509Certificate } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { CertificateNames } from "./certificate-names.js";
import { issueCertificate, type IssuedCertificate } from "./issue-certificate.js";
import type { LocalCa } from "./local-ca.js";
import { writePem } from "./write-pem.js";

export interface ServerCertificate extends IssuedCertificate {
  certFile: string;
  /** True when this start issued it. */
  issued: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;
// A year, well inside the 825 days Apple's clients accept for a certificate from a private CA.
const VALID_DAYS = 365;
// Reissued a month before it ends, so a hubcap restarted now and then never serves an expired one.
const RENEW_DAYS = 30;

/**
 * The certificate hubcap serves, signed by its local CA and kept in `dir` (`server.pem`,
 * `server-key.pem` mode 0600). It is kept across restarts and reissued when it is missing, near its
 * end, signed by another CA, or lacks one of `names`.
 */
export function loadOrIssueServerCertificate(
  dir: string,
  ca: LocalCa,
  names: CertificateNames,
  now: Date,
): ServerCertificate {
  const certFile = join(dir, "server.pem");
  const keyFile = join(dir, "server-key.pem");
  if (existsSync(certFile) && existsSync(keyFile)) {
    const kept = { certPem: readFileSync(certFile, "utf8"), keyPem: readFileSync(keyFile, "utf8") };
    if (stillGood(kept, ca, names, now)) return { ...kept, certFile, issued: false };
  }
  const issued = issueCertificate({
    commonName: names.dns[0] ?? names.ips[0] ?? "localhost",
    // A minute back, so a client whose clock is a little behind does not see it as not yet valid.
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + VALID_DAYS * DAY_MS),
    names,
    issuer: ca,
  });
  writePem(keyFile, issued.keyPem, 0o600);
  writePem(certFile, issued.certPem, 0o644);
  return { ...issued, certFile, issued: true };
}

function stillGood(kept: IssuedCertificate, ca: LocalCa, names: CertificateNames, now: Date): boolean {
  try {
    const cert = new X509Certificate(kept.certPem);
    const authority = new X509Certificate(ca.certPem);
    return (
      cert.checkIssued(authority) &&
      cert.verify(authority.publicKey) &&
      cert.checkPrivateKey(createPrivateKey(kept.keyPem)) &&
      Date.parse(cert.validFrom) <= now.getTime() &&
      Date.parse(cert.validTo) - now.getTime() > RENEW_DAYS * DAY_MS &&
      names.dns.every((name) => cert.checkHost(name, { subject: "never" }) !== undefined) &&
      names.ips.every((ip) => cert.checkIP(ip) !== undefined)
    );
  } catch {
    // Unreadable or damaged: issuing a new one is the repair.
    return false;
  }
}
