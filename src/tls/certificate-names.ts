import { isIP } from "node:net";

/** The names a server certificate must cover, split as its subjectAltName lists them. */
export interface CertificateNames {
  dns: string[];
  ips: string[];
}

// Addresses that mean "every interface" name no host a client could dial, so they are never a SAN.
const UNSPECIFIED = new Set(["0.0.0.0", "::", "[::]"]);

/**
 * The loopback names every local client uses, plus the listening host and the public URL's host, so the
 * certificate matches whatever address hubcap prints or is told it is reached at.
 */
export function certificateNames(host: string, publicUrl?: string): CertificateNames {
  const names = new Set(["localhost", "127.0.0.1", "::1", host]);
  // URL keeps IPv6 hosts in brackets ("[::1]"); a SAN holds the bare address.
  if (publicUrl) names.add(new URL(publicUrl).hostname.replace(/^\[(.*)\]$/, "$1"));
  const dns: string[] = [];
  const ips: string[] = [];
  for (const name of names) {
    if (!name || UNSPECIFIED.has(name)) continue;
    if (isIP(name)) ips.push(name);
    else dns.push(name.toLowerCase());
  }
  return { dns: [...new Set(dns)], ips };
}
