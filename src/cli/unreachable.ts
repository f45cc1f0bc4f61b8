const UNTRUSTED = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/** Why a request got no answer, in words; fetch reports only "fetch failed" and keeps the reason in `cause`. */
export function unreachable(error: unknown, timeoutMs: number): string {
  if ((error as Error).name === "TimeoutError") return `no answer within ${timeoutMs / 1000} s`;
  const cause = ((error as Error).cause ?? error) as { code?: string; message?: string };
  if (cause.code && UNTRUSTED.has(cause.code)) {
    return (
      `its certificate is not trusted (${cause.code}); give --ca <file>, or --data-dir where ` +
      "`hubcap serve --tls` keeps tls/ca.pem"
    );
  }
  return cause.message ?? String(error);
}
