import type { EventSink } from "./events.js";
import type { Account, Installation, Repository } from "./model.js";
import type { StoreOps } from "../store/store.js";

/** Every repository an installation reaches now (a world's accounts hold thousands at most). */
export async function reachableRepositories(tx: StoreOps, installation: Installation): Promise<Repository[]> {
  return (await tx.listInstallationRepositories(installation, null, { limit: 100_000, offset: 0 })).items;
}

/**
 * Sends `installation_repositories` added/removed, as GitHub does when the repositories an
 * installation reaches change: `before` is what it reached before the change.
 */
export async function reportRepositoryChanges(
  tx: StoreOps,
  events: EventSink,
  installation: Installation,
  before: Repository[],
  sender: Account,
): Promise<void> {
  const after = await reachableRepositories(tx, installation);
  const had = new Set(before.map((r) => r.id));
  const has = new Set(after.map((r) => r.id));
  const added = after.filter((r) => !had.has(r.id));
  const removed = before.filter((r) => !has.has(r.id));
  for (const [action, list] of [
    ["added", added],
    ["removed", removed],
  ] as const) {
    if (list.length === 0) continue;
    await events.record(tx, installation.appId, {
      event: "installation_repositories",
      action,
      installation,
      sender,
      added: action === "added" ? list : [],
      removed: action === "removed" ? list : [],
    });
  }
}
