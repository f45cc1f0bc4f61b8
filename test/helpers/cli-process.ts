import { execFile } from "node:child_process";
import { BIN } from "./serve-process.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * One `hubcap …` command run as a person runs it: a separate process in `cwd`, with `env` added to an
 * environment from which the caller's own HUBCAP_* settings are removed. It resolves whatever the exit
 * code, so that tests can look at failures.
 */
export function runCli(
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<CliResult> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("HUBCAP_")));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: options.cwd, env: { ...env, ...options.env }, timeout: 15_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
