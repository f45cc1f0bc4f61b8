import { readFileSync } from "node:fs";

/** A process's resident memory, in MB. */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) / 1024;
}

/** Samples `sample()` every `intervalMs` until stopped. */
export function sampleEvery<T>(intervalMs: number, sample: () => T): { stop(): T[] } {
  const samples: T[] = [];
  const timer = setInterval(() => samples.push(sample()), intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      return samples;
    },
  };
}
