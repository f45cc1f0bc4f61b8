import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { RateLimits } from "./domain/hubcap.js";
import { isLoopback } from "./loopback.js";
import { LOG_FORMATS, type LogFormat } from "./logger.js";
import type { PostgresOptions } from "./store/open-postgres.js";
import type { TlsSource } from "./tls/server-tls.js";

/** Everything a hubcap server is started with, validated once. */
export interface Config {
  host: string;
  port: number;
  /** A SQLite path, `:memory:`, or a `postgres://` URL. */
  db: string;
  dataDir: string;
  world?: string;
  demo: boolean;
  /** The operator accepts that the demo world's public credentials work for anyone who reaches hubcap. */
  demoPublic: boolean;
  publicUrl?: string;
  /** The proxies whose X-Forwarded-* headers are believed (addresses, CIDRs, or proxy-addr's names). */
  trustProxy: string[];
  /** Serve HTTPS, with this certificate; absent, plain HTTP. */
  tls?: TlsSource;
  logLevel: string;
  /** JSON lines for machines, or readable lines for a terminal; the banner follows it (see serve.ts). */
  logFormat: LogFormat;
  rateLimits: Partial<RateLimits>;
  secretKey: string;
  postgres: PostgresOptions;
  /** How long a claimed delivery may stay unfinished before another worker takes it over (ms). */
  deliveryClaimTimeoutMs: number;
}

export interface ConfigInput {
  host?: string;
  port?: number | string;
  db?: string;
  dataDir?: string;
  world?: string;
  demo?: boolean;
  demoPublic?: boolean;
  publicUrl?: string;
  trustProxy?: string;
  tls?: boolean;
  cert?: string;
  key?: string;
  logLevel?: string;
  logFormat?: string;
  rateLimits?: Partial<RateLimits>;
  poolSize?: number;
  statementTimeoutMs?: number;
}

export class ConfigError extends Error {}

/** `stdoutIsTty` chooses the log format when neither `--log-format` nor HUBCAP_LOG_FORMAT does. */
export function resolveConfig(
  input: ConfigInput,
  env: NodeJS.ProcessEnv = process.env,
  stdoutIsTty = process.stdout.isTTY === true,
): Config {
  const dataDir = resolve(input.dataDir ?? env.HUBCAP_DATA_DIR ?? ".hubcap");
  const port = Number(input.port ?? env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`--port must be 0-65535, not ${input.port}`);
  const db = input.db ?? env.HUBCAP_DATABASE_URL ?? join(dataDir, "hubcap.db");
  const publicUrl = input.publicUrl?.replace(/\/+$/, "");
  if (publicUrl && !/^https?:\/\/[^/]+$/.test(publicUrl)) {
    throw new ConfigError(
      `--public-url must be a scheme and host, like https://hubcap.example:8443, not ${input.publicUrl}`,
    );
  }
  const logFormat = input.logFormat ?? env.HUBCAP_LOG_FORMAT ?? (stdoutIsTty ? "pretty" : "json");
  if (!(LOG_FORMATS as readonly string[]).includes(logFormat))
    throw new ConfigError(`--log-format must be json or pretty, not ${logFormat}`);
  if (Boolean(input.cert) !== Boolean(input.key))
    throw new ConfigError("--cert and --key must be given together");
  const tls: TlsSource | undefined =
    input.cert && input.key
      ? { kind: "files", certFile: resolve(input.cert), keyFile: resolve(input.key) }
      : input.tls
        ? { kind: "local-ca" }
        : undefined;
  const host = input.host ?? env.HOST ?? "127.0.0.1";
  const trustProxy = trustedProxies(input.trustProxy ?? env.HUBCAP_TRUST_PROXY);
  const demoPublic = input.demoPublic ?? false;
  if (input.demo && !demoPublic) refuseExposedDemo(host, publicUrl, trustProxy);
  return {
    host,
    port,
    db: db === ":memory:" || /^postgres(ql)?:\/\//.test(db) ? db : resolve(db),
    dataDir,
    world: input.world && resolve(input.world),
    demo: input.demo ?? false,
    demoPublic,
    publicUrl,
    trustProxy,
    tls,
    logLevel: input.logLevel ?? env.HUBCAP_LOG_LEVEL ?? "info",
    logFormat: logFormat as LogFormat,
    rateLimits: input.rateLimits ?? {},
    secretKey: env.HUBCAP_SECRET_KEY ?? secretKeyFor(db, dataDir),
    postgres: { poolSize: input.poolSize, statementTimeoutMs: input.statementTimeoutMs },
    // Longer than a send may take (10 s), or a slow delivery would be sent twice.
    deliveryClaimTimeoutMs: Number(env.HUBCAP_DELIVERY_CLAIM_TIMEOUT_MS) || 30_000,
  };
}

/**
 * The key that seals stored secrets: HUBCAP_SECRET_KEY, or one kept in the data directory (created on
 * first start), or, for an in-memory store that outlives nothing, a fresh one.
 */
function secretKeyFor(db: string, dataDir: string): string {
  if (db === ":memory:") return randomBytes(32).toString("hex");
  const file = join(dataDir, "secret.key");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32).toString("hex");
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

/** Names proxy-addr (Fastify's trustProxy) understands for ranges of addresses. */
const PROXY_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);

/**
 * `--trust-proxy 10.0.0.1,10.1.0.0/16,loopback`: the peers whose forwarded headers hubcap believes. No
 * default: believed from anyone, `X-Forwarded-For` would let any client choose its address (and so its
 * anonymous rate limit), and `X-Forwarded-Host` the host of the URLs hubcap writes.
 */
export function trustedProxies(value: string | undefined): string[] {
  const entries = (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  for (const entry of entries) {
    const [address, bits, ...rest] = entry.split("/");
    const family = isIP(address!);
    const prefixOk =
      bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (PROXY_RANGES.has(entry) || (family !== 0 && prefixOk && rest.length === 0)) continue;
    throw new ConfigError(
      `--trust-proxy takes addresses, CIDR ranges, loopback, linklocal or uniquelocal, separated by commas, not ${entry}`,
    );
  }
  return entries;
}

/**
 * The demo world's site-admin token, password and client secret are printed in hubcap's README: served
 * beyond this machine, anyone who reaches hubcap would administer it (and mint lasting admin tokens).
 * So `--demo` serves loopback only (its listening address, its public URL, no proxy in front) unless
 * the operator says `--demo-public`. Refusing to start, rather than refusing the credentials to other
 * peers, tells the operator at once instead of leaving remote clients with puzzling 401s.
 */
function refuseExposedDemo(host: string, publicUrl: string | undefined, trustProxy: string[]): void {
  const exposure = !isLoopback(host)
    ? `--host ${host} serves other machines`
    : publicUrl && !isLoopback(new URL(publicUrl).hostname)
      ? `--public-url ${publicUrl} is reached from other machines`
      : trustProxy.length > 0
        ? "--trust-proxy serves clients through a proxy"
        : undefined;
  if (!exposure) return;
  throw new ConfigError(
    `--demo serves only this machine: its credentials are public, and ${exposure}. ` +
      "Add --demo-public to serve the demo world (and its public site-admin token) to anyone who can reach hubcap.",
  );
}
