import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { rootCertificates } from "node:tls";
import type { Command } from "commander";
import { Agent, fetch } from "undici";
import { CliError } from "./cli-error.js";
import type { ConnectionOptions } from "./admin-command.js";
import { httpError } from "./http-error.js";
import { speaksTls } from "./speaks-tls.js";
import { unreachable } from "./unreachable.js";

/** How long one request may take: applying a large world is the slowest thing the API does. */
const TIMEOUT_MS = 60_000;

/** A client of hubcap's administration API, authenticated as a site administrator. */
export class AdminClient {
  private readonly agent: Agent;

  private constructor(
    readonly url: string,
    private readonly token: string,
    private readonly tokenSource: string,
    ca: string | undefined,
  ) {
    // hubcap's CA is added to the system's, not put in their place: a hubcap behind a proxy with a
    // public certificate is still trusted when the data directory also holds a CA.
    this.agent = new Agent(ca ? { connect: { ca: [...rootCertificates, ca] } } : {});
  }

  /** The client for the connection options of `command` (an `adminCommand`). */
  static for(command: Command): AdminClient {
    const opts = command.opts<ConnectionOptions>();
    const dataDir = resolve(opts.dataDir);
    const { token, source } = findToken(opts, command.getOptionValueSource("token"), dataDir);
    return new AdminClient(opts.url, token, source, findCa(opts, dataDir));
  }

  /**
   * Sends one request and answers its JSON (undefined for 204); any failure is a CliError. GitHub's 404
   * says only "Not Found": `notFound` names what the command looked for, in the person's words.
   */
  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    options: { notFound?: () => string | Promise<string> } = {},
  ): Promise<T> {
    let response;
    try {
      response = await fetch(`${this.url}${path}`, {
        method,
        dispatcher: this.agent,
        signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: {
          accept: "application/vnd.github+json",
          authorization: `token ${this.token}`,
          "user-agent": "hubcap-cli",
          ...(body !== undefined && { "content-type": "application/json" }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
    } catch (error) {
      if (this.url.startsWith("http:") && (await speaksTls(this.url))) {
        const https = this.url.replace(/^http:/, "https:");
        throw new CliError(
          `hubcap at ${this.url} answers HTTPS (it was started with --tls or --cert): ` +
            `use --url ${https} (or HUBCAP_URL=${https})`,
        );
      }
      throw new CliError(`cannot reach hubcap at ${this.url}: ${unreachable(error, TIMEOUT_MS)}`);
    }
    const text = await response.text();
    if (response.status === 404 && options.notFound) {
      throw new CliError(`${await options.notFound()} (HTTP 404)`);
    }
    if (!response.ok) throw httpError(response.status, text, this.tokenSource);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Whether `path` answers 200 (an existence check for naming what a 404 was about). */
  async exists(path: string): Promise<boolean> {
    const response = await fetch(`${this.url}${path}`, {
      dispatcher: this.agent,
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: { authorization: `token ${this.token}`, "user-agent": "hubcap-cli" },
    });
    await response.body?.cancel();
    return response.ok;
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

/** Runs `use` with the client of `command`, closing its connections afterwards so the process can end. */
export async function withAdminClient<T>(
  command: Command,
  use: (client: AdminClient) => Promise<T>,
): Promise<T> {
  const client = AdminClient.for(command);
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

function findToken(opts: ConnectionOptions, source: string | undefined, dataDir: string) {
  if (opts.token) return { token: opts.token, source: source === "env" ? "HUBCAP_TOKEN" : "--token" };
  const file = join(dataDir, "admin-token");
  if (!existsSync(file)) {
    throw new CliError(
      `no administrator token: give --token or HUBCAP_TOKEN, or --data-dir where \`hubcap serve\` keeps ` +
        `its files (looked for ${file})`,
    );
  }
  return { token: readFileSync(file, "utf8").trim(), source: file };
}

function findCa(opts: ConnectionOptions, dataDir: string): string | undefined {
  const file = opts.ca ? resolve(opts.ca) : join(dataDir, "tls", "ca.pem");
  if (!opts.ca && !existsSync(file)) return undefined;
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new CliError(`cannot read the CA certificate ${file}: ${(error as Error).message}`);
  }
}
