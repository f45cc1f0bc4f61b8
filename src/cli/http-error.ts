import { CliError } from "./cli-error.js";

interface GitHubError {
  message?: string;
  errors?: Array<string | { resource?: string; field?: string; code?: string; message?: string }>;
}

/**
 * A refusal from hubcap as GitHub words it: its `message`, then each of its `errors`. For 401 and 403
 * it says where the token came from, since a wrong token or data directory is the usual cause.
 */
export function httpError(status: number, text: string, tokenSource: string): CliError {
  let body: GitHubError = {};
  try {
    body = JSON.parse(text) as GitHubError;
  } catch {
    body = { message: text.trim() || undefined };
  }
  const lines = [`${body.message ?? "no message"} (HTTP ${status})`];
  for (const item of body.errors ?? []) {
    if (typeof item === "string") lines.push(`  - ${item}`);
    else {
      const where = [item.resource, item.field].filter(Boolean).join(".");
      lines.push(`  - ${[where, item.message ?? item.code].filter(Boolean).join(": ")}`);
    }
  }
  if (status === 401 || status === 403) lines.push(`  (the token came from ${tokenSource})`);
  return new CliError(lines.join("\n"));
}
