import { Command, InvalidArgumentError } from "commander";
import { ConfigError, resolveConfig } from "../config.js";
import { WorldError } from "../domain/world-file.js";
import { startServer } from "../server.js";
import { StoreUnreachableError } from "../store/open-postgres.js";
import { TlsError } from "../tls/tls-error.js";
import { demoBanner } from "./banner.js";
import { tlsBanner } from "./tls-banner.js";

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("must be a positive whole number");
  return n;
}

export function serveCommand(): Command {
  return new Command("serve")
    .description("start hubcap and serve the API until interrupted")
    .option("-p, --port <port>", "port to listen on (0 picks a free one)", "3000")
    .option("-H, --host <host>", "address to listen on", "127.0.0.1")
    .option("--db <location>", "SQLite file, :memory:, or postgres:// URL (default: <data-dir>/hubcap.db)")
    .option("--data-dir <dir>", "where hubcap keeps its files (database, keys)", ".hubcap")
    .option("--world <file>", "apply this world file (YAML or JSON) at start")
    .option("--demo", "apply the demo world at start and print how to use it")
    .option("--public-url <url>", "scheme and host clients reach hubcap at, when behind a proxy")
    .option("--tls", "serve HTTPS with a certificate from hubcap's own CA (kept in <data-dir>/tls)")
    .option("--cert <file>", "serve HTTPS with this PEM certificate (and chain); needs --key")
    .option("--key <file>", "the PEM private key of --cert")
    .option("--pool-size <n>", "PostgreSQL connections per instance (default 10)", positiveInt)
    .option("--statement-timeout <ms>", "longest a PostgreSQL statement may run (default 10000)", positiveInt)
    .option("--log-level <level>", "fatal, error, warn, info, debug or trace", "info")
    .option("--rate-limit-installation <n>", "requests per hour per installation", positiveInt)
    .option("--rate-limit-user <n>", "requests per hour per user", positiveInt)
    .option("--rate-limit-unauthenticated <n>", "requests per hour per address without a token", positiveInt)
    .action(async (opts) => {
      // Signals are handled from the start: one that arrives while starting stops hubcap once it has.
      let signalled: string | undefined;
      let server: Awaited<ReturnType<typeof startServer>> | undefined;
      let stopping = false;
      const stop = async (signal: string) => {
        signalled = signal;
        if (!server || stopping) return;
        stopping = true;
        console.log(`hubcap: ${signal} received, shutting down`);
        await server.close();
        process.exit(0);
      };
      process.on("SIGINT", () => void stop("SIGINT"));
      process.on("SIGTERM", () => void stop("SIGTERM"));
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
      console.log(
        `hubcap is listening on ${server.url} (the REST API also answers under ${server.url}/api/v3)`,
      );
      console.log(
        `The site administrator's token (for the administration API and the CLI) is in ${server.adminTokenFile}`,
      );
      if (server.tls) console.log(tlsBanner(server.url, server.tls));
      if (server.demo) console.log(demoBanner(server.url, server.demo, server.tls?.ca?.certFile));
      if (signalled) await stop(signalled);
    });
}
