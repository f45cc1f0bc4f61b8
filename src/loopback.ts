/**
 * Whether an address (a listening host, a URL's host, or a peer's address as Node reports it, IPv4
 * mapped into IPv6 included) belongs to this machine alone.
 */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  return bare === "localhost" || bare === "::1" || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(bare);
}
