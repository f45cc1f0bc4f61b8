import { connect } from "node:tls";

/**
 * Whether something at `url`'s host and port completes a TLS handshake. A plain-HTTP request to
 * `hubcap serve --tls` is closed without an answer ("other side closed"), which says nothing of the
 * cause; a handshake, trusting any certificate since nothing is sent, tells that https:// is wanted.
 */
export function speaksTls(url: string, timeoutMs = 2000): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({
      host: hostname.replace(/^\[|\]$/g, ""),
      port: Number(port || 80),
      rejectUnauthorized: false,
      ...(!/^[\d.:[\]]+$/.test(hostname) && { servername: hostname }),
    });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("secureConnect", () => done(true));
    socket.once("error", () => done(false));
  });
}
