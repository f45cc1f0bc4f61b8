import type { ServerTls } from "../tls/server-tls.js";

/** Where the certificate comes from and how each kind of client is told to trust it. */
export function tlsBanner(url: string, tls: ServerTls): string {
  if (!tls.ca) return `Serving HTTPS with the certificate in ${tls.certFile}.`;
  const ca = tls.ca.certFile;
  const host = url.replace(/^https:\/\//, "");
  return `
Serving HTTPS with a certificate from hubcap's own certificate authority${
    tls.ca.created ? " (created now: trust it once, and it stays across restarts)" : ""
  }:
  CA certificate  ${ca}
  trust it        gh, Go, OpenSSL:     SSL_CERT_FILE=${ca}  (in place of the system's CAs)
                  Node:                NODE_EXTRA_CA_CERTS=${ca}
                  Python requests:     REQUESTS_CA_BUNDLE=${ca}
                  curl:                curl --cacert ${ca} ${url}/
  gh              SSL_CERT_FILE=${ca} GH_HOST=${host} GH_ENTERPRISE_TOKEN=<token> gh api /installation/repositories
`;
}
