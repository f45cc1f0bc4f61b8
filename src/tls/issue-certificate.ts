import { generateKeyPairSync, randomBytes } from "node:crypto";
import forge from "node-forge";
import type { CertificateNames } from "./certificate-names.js";

export interface IssuedCertificate {
  certPem: string;
  /** PKCS#8 PEM. */
  keyPem: string;
}

export interface CertificateRequest {
  commonName: string;
  notBefore: Date;
  notAfter: Date;
  /** Issues a certificate authority (self-signed); otherwise a server certificate for `names`. */
  authority?: boolean;
  names?: CertificateNames;
  /** The authority that signs a server certificate. */
  issuer?: IssuedCertificate;
}

/**
 * A fresh RSA key and a certificate for it. The extensions are those strict verifiers insist on:
 * Python 3.13's default VERIFY_X509_STRICT refuses a leaf without an authority key identifier and a CA
 * whose basic constraints are not critical; Go and macOS want serverAuth in the extended key usage.
 */
export function issueCertificate(request: CertificateRequest): IssuedCertificate {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: "spki", format: "pem" }).toString());
  // Serial numbers are positive and unpredictable (RFC 5280 §4.1.2.2): 16 random bytes, top bit clear.
  const serial = randomBytes(16);
  serial[0]! &= 0x7f;
  cert.serialNumber = serial.toString("hex");
  cert.validity.notBefore = request.notBefore;
  cert.validity.notAfter = request.notAfter;
  const subject = [
    { name: "organizationName", value: "hubcap" },
    { name: "commonName", value: request.commonName },
  ];
  cert.setSubject(subject);

  const issuerCert = request.issuer && forge.pki.certificateFromPem(request.issuer.certPem);
  cert.setIssuer(issuerCert ? issuerCert.subject.attributes : subject);
  cert.setExtensions(
    request.authority
      ? [
          { name: "basicConstraints", critical: true, cA: true, pathLenConstraint: 0 },
          { name: "keyUsage", critical: true, keyCertSign: true, cRLSign: true, digitalSignature: true },
          { name: "subjectKeyIdentifier" },
        ]
      : [
          { name: "basicConstraints", critical: true, cA: false },
          { name: "keyUsage", critical: true, digitalSignature: true, keyEncipherment: true },
          { name: "extKeyUsage", serverAuth: true },
          {
            name: "subjectAltName",
            altNames: [
              ...(request.names?.dns ?? []).map((value) => ({ type: 2, value })),
              ...(request.names?.ips ?? []).map((ip) => ({ type: 7, ip })),
            ],
          },
          { name: "subjectKeyIdentifier" },
          ...(issuerCert
            ? [
                {
                  name: "authorityKeyIdentifier",
                  keyIdentifier: issuerCert.generateSubjectKeyIdentifier().getBytes(),
                },
              ]
            : []),
        ],
  );
  // A CA signs itself; a server certificate is signed by its issuer.
  const signingKey = request.issuer?.keyPem ?? keyPem;
  cert.sign(forge.pki.privateKeyFromPem(signingKey), forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem };
}
