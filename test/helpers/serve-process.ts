import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

export const BIN = join(import.meta.dirname, "../../bin/hubcap.js");

/**
 * `hubcap serve` as a separate process (what a person runs), resolved once it prints its URL. `output()`
 * is what it has printed so far; a process that exits first rejects with its exit code and stderr.
 */
export function serveProcess(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [BIN, "serve", "--port", "0", "--log-level", "error", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    // The banner as a person reads it (standard output is a pipe here, which would choose JSON lines).
    env: { ...process.env, HUBCAP_LOG_FORMAT: "pretty", ...env },
  });
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stderr!.on("data", (chunk) => {
      err += chunk;
      process.stderr.write(chunk);
    });
    child.stdout!.on("data", (chunk) => {
      out += chunk;
      const match = /listening on (https?:\/\/\S+)/.exec(out);
      if (match) resolve({ child, url: match[1]!, output: () => out });
    });
    // "close", not "exit": by then stderr has been read to its end.
    child.on("close", (code) => reject(new Error(`hubcap exited (${code}) before listening: ${err}`)));
  });
}
