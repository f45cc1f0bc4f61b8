import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { serverCommand } from "./pinning.js";

/** A hubcap checkout whose `bin/hubcap.js serve` is measured. */
export interface Build {
  /** "current" is the checkout this bench belongs to; "baseline" the one given by --baseline. */
  name: "current" | "baseline";
  root: string;
}

export interface Server {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** The key every server and every world builder seals secrets with, so stores move between them. */
export const SECRET_KEY = "hubcap-bench";

/** Rate limits out of the way, and no request logging: the bench measures serving. */
const UNLIMITED = ["--rate-limit-installation", "1000000000", "--log-level", "warn"];

/** `hubcap serve` of a build, on a store prepared for it, on the servers' core. */
export function startHubcap(
  build: Build,
  pinned: boolean,
  options: { db: string; dataDir: string },
): Promise<Server> {
  return startNode(pinned, [
    join(build.root, "bin/hubcap.js"),
    "serve",
    "--port",
    "0",
    "--db",
    options.db,
    "--data-dir",
    options.dataDir,
    ...UNLIMITED,
  ]);
}

/** Starts `node …args` and resolves with its URL once it prints that it is listening. */
export function startNode(pinned: boolean, args: string[]): Promise<Server> {
  const [command, commandArgs] = serverCommand(pinned, args);
  const child = spawn(command, commandArgs, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, HUBCAP_SECRET_KEY: SECRET_KEY },
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`server exited (${code}) before listening:\n${output}`));
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (!match?.[1]) return;
      child.stdout!.off("data", onData);
      child.stdout!.resume();
      child.off("exit", onExit);
      resolve({ url: match[1], pid: child.pid!, stop: () => stop(child) });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk));
    child.on("exit", onExit);
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
