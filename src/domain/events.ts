import type { Account, App, Installation, Repository } from "./model.js";
import type { StoreOps } from "../store/store.js";

/** What happened, as an app's webhook reports it. The sink turns each into a delivery. */
export type DomainEvent =
  | {
      event: "installation";
      action: "created" | "deleted" | "suspend" | "unsuspend" | "new_permissions_accepted";
      installation: Installation;
      sender: Account;
      /** The installation's repositories, for selections of some (GitHub lists them; for all it may not). */
      repositories: Repository[] | null;
    }
  | {
      event: "installation_repositories";
      action: "added" | "removed";
      installation: Installation;
      sender: Account;
      added: Repository[];
      removed: Repository[];
    }
  | {
      /** An account with the app installed was renamed. */
      event: "installation_target";
      action: "renamed";
      installation: Installation;
      account: Account;
      changes: { login: { from: string } };
      sender: Account;
    }
  | { event: "ping"; app: App };

/**
 * Records events in the transaction of the change that caused them (an outbox): a change and its
 * delivery are stored together or not at all.
 */
export interface EventSink {
  record(tx: StoreOps, appId: number, event: DomainEvent): Promise<void>;
}

/** For stores without webhooks wired (a bare domain in unit tests). */
export const noEvents: EventSink = { record: async () => {} };
