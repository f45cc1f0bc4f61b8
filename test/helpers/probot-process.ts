import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";

/** Probot's own command line, from this project's devDependency. */
const PROBOT_BIN = join(process.cwd(), "node_modules", "probot", "bin", "probot.js");

/** A free loopback port (Probot takes a port number, not 0). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === "object" && address ? address.port : 0;
}

export interface ProbotProcess {
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * `probot run ./app.js` in `cwd`, as a developer starts it, with `env` over an environment stripped of
 * any GitHub App settings of the caller's. Resolves once Probot says it is listening.
 */
export async function runProbot(cwd: string, env: Record<string, string>): Promise<ProbotProcess> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(APP_ID|PRIVATE_KEY|WEBHOOK_|GHE_|GH_ORG|PROJECT_DOMAIN|NODE_ENV)/.test(name),
    ),
  );
  const child: ChildProcess = spawn(process.execPath, [PROBOT_BIN, "run", "./app.js"], {
    cwd,
    env: { ...inherited, LOG_FORMAT: "json", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`probot did not start:\n${output}`)), 15_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (output.includes("Listening on")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`probot exited (${code}):\n${output}`));
    });
  });
  return {
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
