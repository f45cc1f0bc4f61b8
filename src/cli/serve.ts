import { Command, InvalidArgumentError, Option } from "commander";
import { ConfigError, resolveConfig } from "../config.js";
import type { RunningServer } from "../server.js";
import { TlsError } from "../tls/tls-error.js";
import { demoBanner, listeningBanner, publicDemoWarning } from "./banner.js";
import { tlsBanner } from "./tls-banner.js";

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("must be a positive whole number");
  return n;
}

/**
 * Defaults that the environment may also set (port, host, data directory, log level) come from
 * resolveConfig: a default given to commander would hide PORT, HOST, HUBCAP_DATA_DIR, HUBCAP_LOG_LEVEL.
 */
export function serveCommand(): Command {
  return new Command("serve")
    .description("start hubcap and serve the API until interrupted")
    .addOption(
      new Option("-p, --port <port>", "port to listen on (0 picks a free one; default: 3000)").env("PORT"),
    )
    .addOption(new Option("-H, --host <host>", "address to listen on (default: 127.0.0.1)").env("HOST"))
    .option("--db <location>", "SQLite file, :memory:, or postgres:// URL (default: <data-dir>/hubcap.db)")
    .addOption(
      new Option("--data-dir <dir>", "where hubcap keeps its files: database, keys (default: .hubcap)").env(
        "HUBCAP_DATA_DIR",
      ),
    )
    .option("--world <file>", "apply this world file (YAML or JSON) at start")
    .option("--demo", "apply the demo world at start and print how to use it (loopback only)")
    .option("--demo-public", "let --demo serve other machines: anyone who reaches hubcap is its site admin")
    .option("--public-url <url>", "scheme and host clients reach hubcap at, when behind a proxy")
    .addOption(
      new Option(
        "--trust-proxy <addresses>",
        "believe X-Forwarded-* from these proxies: addresses, CIDRs, loopback (default: none)",
      ).env("HUBCAP_TRUST_PROXY"),
    )
    .option("--tls", "serve HTTPS with a certificate from hubcap's own CA (kept in <data-dir>/tls)")
    .option("--cert <file>", "serve HTTPS with this PEM certificate (and chain); needs --key")
    .option("--key <file>", "the PEM private key of --cert")
    .option("--pool-size <n>", "PostgreSQL connections per instance (default 10)", positiveInt)
    .option("--statement-timeout <ms>", "longest a PostgreSQL statement may run (default 10000)", positiveInt)
    .addOption(
      new Option("--log-level <level>", "fatal, error, warn, info, debug or trace (default: info)").env(
        "HUBCAP_LOG_LEVEL",
      ),
    )
    .addOption(
      new Option(
        "--log-format <format>",
        "json (one JSON object a line) or pretty (default: pretty on a terminal, json otherwise)",
      ).env("HUBCAP_LOG_FORMAT"),
    )
    .option("--rate-limit-installation <n>", "requests per hour per installation", positiveInt)
    .option("--rate-limit-user <n>", "requests per hour per user", positiveInt)
    .option("--rate-limit-unauthenticated <n>", "requests per hour per address without a token", positiveInt)
    .action(async (opts) => {
      // Signals are handled from the start: one that arrives while starting stops hubcap once it has.
      let signalled: string | undefined;
      let server: RunningServer | undefined;
      let stopping = false;
      let jsonLogs = false;
      const stop = async (signal: string) => {
        signalled = signal;
        if (!server || stopping) return;
        stopping = true;
        if (server.log && jsonLogs) server.log.info({ signal }, `${signal} received, shutting down`);
        else console.log(`hubcap: ${signal} received, shutting down`);
        await server.close();
        process.exit(0);
      };
      process.on("SIGINT", () => void stop("SIGINT"));
      process.on("SIGTERM", () => void stop("SIGTERM"));
      // The server's modules (Fastify, the stores, Ajv) load only to serve: the CLI's other commands
      // would otherwise take a second or more to start.
      const { startServer } = await import("../server.js");
      const { WorldError } = await import("../domain/world-file.js");
      const { StoreUnreachableError } = await import("../store/open-postgres.js");
      try {
        const config = resolveConfig({
          ...opts,
          statementTimeoutMs: opts.statementTimeout,
          rateLimits: {
            ...(opts.rateLimitInstallation && { installation: opts.rateLimitInstallation }),
            ...(opts.rateLimitUser && { user: opts.rateLimitUser }),
            ...(opts.rateLimitUnauthenticated && { unauthenticated: opts.rateLimitUnauthenticated }),
          },
        });
        jsonLogs = config.logFormat === "json";
        server = await startServer(config);
      } catch (error) {
        const known =
          error instanceof ConfigError ||
          error instanceof WorldError ||
          error instanceof StoreUnreachableError ||
          error instanceof TlsError;
        console.error(
          `hubcap: ${known ? (error as Error).message : `could not start: ${(error as Error).message}`}`,
        );
        process.exit(1);
      }
      const banner = [
        listeningBanner(server),
        server.tls && tlsBanner(server.url, server.tls),
        server.demo && demoBanner(server.url, server.demo, server.tls?.ca?.certFile),
        server.demo && opts.demoPublic && publicDemoWarning(server.listening),
      ].filter(Boolean);
      // The banner and the logs share standard output in one format: in JSON mode the banner is a log
      // line, its text in `banner` and the addresses as fields, so a log collector reads every line.
      if (jsonLogs) {
        // At info whatever --log-level says: the banner is printed always, as in pretty mode.
        server.log.child({}, { level: "info" }).info(
          {
            url: server.url,
            listening: server.listening,
            api_url: `${server.url}/api/v3`,
            overview_url: `${server.url}/hubcap`,
            admin_token_file: server.adminTokenFile,
            banner: banner.join("\n"),
          },
          banner[0]!.split("\n")[0]!,
        );
      } else console.log(banner.join("\n"));
      if (signalled) await stop(signalled);
    });
}
