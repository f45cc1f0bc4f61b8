import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { CliError } from "./cli-error.js";

/**
 * Where a new private key will be written, checked before the key is made: hubcap shows a key once,
 * so finding out afterwards that it cannot be saved would lose it.
 */
export function keyFileTarget(path: string, force: boolean): string {
  const file = resolve(path);
  if (existsSync(file) && !force) {
    throw new CliError(`${file} already exists; give another --key-file, or --force to replace it`);
  }
  return file;
}

/** Writes a private key readable by its owner only, as `ssh-keygen` does. */
export function writeKeyFile(file: string, pem: string, force: boolean): void {
  mkdirSync(dirname(file), { recursive: true });
  // "wx" fails if the file appeared since keyFileTarget looked, rather than replacing it unasked.
  writeFileSync(file, pem, { mode: 0o600, flag: force ? "w" : "wx" });
  // `mode` applies only to a file being created; one replaced with --force keeps its own.
  chmodSync(file, 0o600);
}

/** What to say when a key was made but could not be saved: how to make another. */
export function unsavedKey(file: string, slug: string, error: unknown): CliError {
  return new CliError(
    `the private key could not be written to ${file}: ${(error as Error).message}\n` +
      `  make another with: hubcap app key create ${slug} --key-file <file>`,
  );
}
