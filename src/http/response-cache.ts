import { hash } from "node:crypto";

/** Answers kept, in all, and the largest kept: a page of full repositories is ~150 KB. */
const MAX_BYTES = 32 * 1024 * 1024;
const MAX_ENTRY_BYTES = 256 * 1024;

export interface CachedAnswer {
  /** The JSON text of the body, exactly as sent. */
  payload: string;
  etag: string;
  link: string | undefined;
}

/**
 * Serialized answers of the read routes marked `cached` in the route table, kept for as long as the
 * store's generation holds (nothing stored has changed: see `Store.generation`; on PostgreSQL, which
 * other instances change, nothing is kept). Authentication and the rate limit still run on every request; what is skipped is
 * reading the answer's rows, shaping them, serializing and hashing the JSON. A polling client (octokit's
 * `eachRepository`, Probot's installation checks) asks the same thing many times between changes.
 *
 * The key is everything such an answer depends on besides stored data: the credential (a token's hash,
 * or the app), the URL with its query, the scheme and host the client used (every `*_url` names them),
 * the API version and `Accept`.
 */
export class ResponseCache {
  private readonly entries = new Map<string, CachedAnswer>();
  private bytes = 0;
  /** The generation of everything kept: a new one makes all of it stale. */
  private generation: number | undefined;

  get(key: string, generation: number): CachedAnswer | undefined {
    if (generation !== this.generation) return undefined;
    return this.entries.get(key);
  }

  set(key: string, generation: number, answer: CachedAnswer): void {
    const size = answer.payload.length + key.length;
    if (size > MAX_ENTRY_BYTES) return;
    if (generation !== this.generation || this.bytes + size > MAX_BYTES) {
      this.entries.clear();
      this.bytes = 0;
      this.generation = generation;
    }
    const old = this.entries.get(key);
    if (old) this.bytes -= old.payload.length + key.length;
    this.entries.set(key, answer);
    this.bytes += size;
  }
}

/**
 * A strong ETag from the body's hash, as GitHub sends them on answers it does not compress (PyGithub's
 * `tests/ReplayData/Installation.testGetRepos.txt`). One-shot hashing: no Hash object.
 */
export function etagOf(payload: string): string {
  return `"${hash("sha256", payload, "hex")}"`;
}
