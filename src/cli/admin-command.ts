import { InvalidArgumentError, Option, type Command } from "commander";

export interface ConnectionOptions {
  url: string;
  token?: string;
  dataDir: string;
  ca?: string;
}

function baseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError("It must be a URL like http://127.0.0.1:3000.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InvalidArgumentError("It must be an http:// or https:// URL.");
  }
  return value.replace(/\/+$/, "");
}

/**
 * Makes `command` one that talks to a running hubcap's administration API: adds the options that say
 * where it is and how to be trusted by it, after the command's own (so its help lists those first).
 * They go on every such command, not on `hubcap` itself, so that they may be written anywhere.
 */
export function adminCommand(command: Command): Command {
  const group = "Connecting to hubcap:";
  return command
    .addOption(
      new Option("--url <url>", "where hubcap answers")
        .env("HUBCAP_URL")
        .default("http://127.0.0.1:3000")
        .argParser(baseUrl)
        .helpGroup(group),
    )
    .addOption(
      new Option("--token <token>", "a site administrator's token (default: <data-dir>/admin-token)")
        .env("HUBCAP_TOKEN")
        .helpGroup(group),
    )
    .addOption(
      new Option("--data-dir <dir>", "the data directory of `hubcap serve`, for its admin token and CA")
        .env("HUBCAP_DATA_DIR")
        .default(".hubcap")
        .helpGroup(group),
    )
    .addOption(
      new Option(
        "--ca <file>",
        "trust this CA for https (default: <data-dir>/tls/ca.pem, if there)",
      ).helpGroup(group),
    )
    .showHelpAfterError("(add --help for usage)");
}
