import { X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { certificateNames } from "../../src/tls/certificate-names.js";
import { serverTls } from "../../src/tls/server-tls.js";
import { TlsError } from "../../src/tls/tls-error.js";

const DAY_MS = 24 * 60 * 60 * 1000;
const now = new Date();
const loopback = certificateNames("127.0.0.1");
let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), "hubcap-tls-"));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const start = (names = loopback, at = now) => serverTls({ kind: "local-ca" }, { dataDir, names, now: at });
const caPem = () => readFileSync(join(dataDir, "tls", "ca.pem"), "utf8");

describe("certificateNames", () => {
  it("covers loopback, the listening host and the public URL's host, each as DNS or IP", () => {
    expect(certificateNames("0.0.0.0", "https://Hubcap.Example:8443")).toEqual({
      dns: ["localhost", "hubcap.example"],
      ips: ["127.0.0.1", "::1"],
    });
    expect(certificateNames("::", "https://[fd00::5]:8443")).toEqual({
      dns: ["localhost"],
      ips: ["127.0.0.1", "::1", "fd00::5"],
    });
    expect(certificateNames("10.0.0.7")).toEqual({
      dns: ["localhost"],
      ips: ["127.0.0.1", "::1", "10.0.0.7"],
    });
  });
});

describe("hubcap's local CA and server certificate", () => {
  it("issues a server certificate, signed by a CA it keeps, for exactly the names asked", () => {
    const tls = start(certificateNames("127.0.0.1", "https://hubcap.example"));
    const ca = new X509Certificate(caPem());
    const cert = new X509Certificate(tls.cert);
    expect(ca.ca).toBe(true);
    expect(cert.ca).toBe(false);
    expect(cert.checkIssued(ca) && cert.verify(ca.publicKey)).toBe(true);
    expect(cert.checkHost("localhost")).toBe("localhost");
    expect(cert.checkHost("hubcap.example")).toBe("hubcap.example");
    expect(cert.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(cert.checkIP("::1")).toBe("::1");
    expect(cert.checkHost("example.com")).toBeUndefined();
    expect(cert.checkIP("127.0.0.2")).toBeUndefined();
    // An IP is a SAN of its own type: a client checking a name must not match it.
    expect(cert.checkHost("127.0.0.1", { subject: "never" })).toBeUndefined();
    expect(cert.keyUsage).toContain("1.3.6.1.5.5.7.3.1"); // serverAuth
    expect(Date.parse(cert.validTo) - now.getTime()).toBeGreaterThan(300 * DAY_MS);
    expect(tls.ca?.certFile).toBe(join(dataDir, "tls", "ca.pem"));
    for (const key of ["ca-key.pem", "server-key.pem"]) {
      expect(statSync(join(dataDir, "tls", key)).mode & 0o777).toBe(0o600);
    }
  });

  it("keeps both across restarts while they still serve", () => {
    const first = start();
    const second = start();
    expect(second.ca?.created).toBe(false);
    expect(second.cert).toBe(first.cert);
    expect(second.key).toBe(first.key);
  });

  it("reissues the server certificate near its end, keeping the CA", () => {
    const first = start();
    const ca = caPem();
    const later = start(loopback, new Date(now.getTime() + 340 * DAY_MS));
    expect(later.cert).not.toBe(first.cert);
    expect(caPem()).toBe(ca);
    expect(Date.parse(new X509Certificate(later.cert).validTo)).toBeGreaterThan(now.getTime() + 700 * DAY_MS);
  });

  it("reissues the server certificate when it lacks a name now needed", () => {
    const first = start();
    const named = start(certificateNames("127.0.0.1", "https://hubcap.example"));
    expect(named.cert).not.toBe(first.cert);
    expect(new X509Certificate(named.cert).checkHost("hubcap.example")).toBe("hubcap.example");
    expect(named.ca?.created).toBe(false);
  });

  it("reissues the server certificate when the CA was replaced, and signs it with the new CA", () => {
    const first = start();
    unlinkSync(join(dataDir, "tls", "ca-key.pem"));
    const second = start();
    expect(second.ca?.created).toBe(true);
    expect(second.cert).not.toBe(first.cert);
    expect(new X509Certificate(second.cert).verify(new X509Certificate(caPem()).publicKey)).toBe(true);
  });

  it("refuses a damaged CA rather than silently replacing what clients trust", () => {
    start();
    writeFileSync(join(dataDir, "tls", "ca.pem"), "not a certificate");
    expect(() => start()).toThrow(TlsError);
    expect(() => start()).toThrow(/delete both/);
  });
});
