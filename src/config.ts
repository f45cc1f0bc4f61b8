import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { RateLimits } from "./domain/hubcap.js";
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
  publicUrl?: string;
  /** Serve HTTPS, with this certificate; absent, plain HTTP. */
  tls?: TlsSource;
  logLevel: string;
  rateLimits: Partial<RateLimits>;
  secretKey: string;
  postgres: PostgresOptions;
  /** How long a claimed delivery may stay unfinished before another worker takes it over (ms). */
  deliveryClaimTimeoutMs: number;
  /** The deadline of one webhook send, the whole exchange included (ms). */
  webhookTimeoutMs: number;
}

export interface ConfigInput {
  host?: string;
  port?: number | string;
  db?: string;
  dataDir?: string;
  world?: string;
  demo?: boolean;
  publicUrl?: string;
  tls?: boolean;
  cert?: string;
  key?: string;
  logLevel?: string;
  rateLimits?: Partial<RateLimits>;
  poolSize?: number;
  statementTimeoutMs?: number;
}

export class ConfigError extends Error {}

export function resolveConfig(input: ConfigInput, env: NodeJS.ProcessEnv = process.env): Config {
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
  if (Boolean(input.cert) !== Boolean(input.key))
    throw new ConfigError("--cert and --key must be given together");
  const tls: TlsSource | undefined =
    input.cert && input.key
      ? { kind: "files", certFile: resolve(input.cert), keyFile: resolve(input.key) }
      : input.tls
        ? { kind: "local-ca" }
        : undefined;
  return {
    host: input.host ?? env.HOST ?? "127.0.0.1",
    port,
    db: db === ":memory:" || /^postgres(ql)?:\/\//.test(db) ? db : resolve(db),
    dataDir,
    world: input.world && resolve(input.world),
    demo: input.demo ?? false,
    publicUrl,
    tls,
    logLevel: input.logLevel ?? env.HUBCAP_LOG_LEVEL ?? "info",
    rateLimits: input.rateLimits ?? {},
    secretKey: env.HUBCAP_SECRET_KEY ?? secretKeyFor(db, dataDir),
    postgres: { poolSize: input.poolSize, statementTimeoutMs: input.statementTimeoutMs },
    // A live worker renews its claims, so this only decides how soon a dead worker's sends are retried.
    deliveryClaimTimeoutMs: Number(env.HUBCAP_DELIVERY_CLAIM_TIMEOUT_MS) || 30_000,
    webhookTimeoutMs: Number(env.HUBCAP_WEBHOOK_TIMEOUT_MS) || 10_000,
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
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString("hex");
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}
