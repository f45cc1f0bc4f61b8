import { execFileSync } from "node:child_process";
import { availableParallelism } from "node:os";

/**
 * Servers run on core 0 and the load generator (this process) on core 1, so that figures compare
 * between runs and machines (../shared/PERFORMANCE-NOTES.md). Without taskset or a second core the
 * bench runs unpinned and says so.
 */
export function pinLoadGenerator(): boolean {
  if (availableParallelism() < 2 || !hasTaskset()) return false;
  execFileSync("taskset", ["-cp", "1", String(process.pid)], { stdio: "ignore" });
  return true;
}

/** The command line that runs `node …args` on the servers' core when pinned. */
export function serverCommand(pinned: boolean, args: string[]): [string, string[]] {
  return pinned ? ["taskset", ["-c", "0", process.execPath, ...args]] : [process.execPath, args];
}

function hasTaskset(): boolean {
  try {
    execFileSync("taskset", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
