import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Writes a PEM file whole or not at all (a temporary file renamed into place), so a process stopped
 * mid-write never leaves a truncated key that the next start would refuse. Keys get mode 0600.
 */
export function writePem(file: string, pem: string, mode: number): void {
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, pem, { mode });
  renameSync(partial, file);
}
