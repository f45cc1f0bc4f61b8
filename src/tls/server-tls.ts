import { join } from "node:path";
import type { CertificateNames } from "./certificate-names.js";
import { loadOrCreateLocalCa } from "./local-ca.js";
import { readProvidedCertificate } from "./provided-certificate.js";
import { loadOrIssueServerCertificate } from "./server-certificate.js";

/** Where the certificate hubcap serves comes from: its own CA (`--tls`) or files (`--cert`, `--key`). */
export type TlsSource = { kind: "local-ca" } | { kind: "files"; certFile: string; keyFile: string };

/** What an HTTPS listener needs, and what the startup output tells clients. */
export interface ServerTls {
  cert: string;
  key: string;
  /** The served certificate's file. */
  certFile: string;
  /** hubcap's CA, when it issued the certificate: the file clients trust. */
  ca?: { certFile: string; created: boolean };
}

export function serverTls(
  source: TlsSource,
  options: { dataDir: string; names: CertificateNames; now: Date },
): ServerTls {
  if (source.kind === "files") {
    const { certPem, keyPem } = readProvidedCertificate(source.certFile, source.keyFile);
    return { cert: certPem, key: keyPem, certFile: source.certFile };
  }
  const dir = join(options.dataDir, "tls");
  const ca = loadOrCreateLocalCa(dir, options.now);
  const server = loadOrIssueServerCertificate(dir, ca, options.names, options.now);
  return {
    cert: server.certPem,
    key: server.keyPem,
    certFile: server.certFile,
    ca: { certFile: ca.certFile, created: ca.created },
  };
}
