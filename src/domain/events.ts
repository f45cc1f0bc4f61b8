import type {
  Account,
  App,
  ContentReference,
  Installation,
  MarketplacePurchase,
  Repository,
} from "./model.js";
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
  | { event: "ping"; app: App }
  | {
      /** https://docs.github.com/webhooks/webhook-events-and-payloads#marketplace_purchase */
      event: "marketplace_purchase";
      action: "purchased" | "changed" | "pending_change" | "pending_change_cancelled" | "cancelled";
      /** The purchase the action leaves (for `cancelled`, the one cancelled; for a pending change, the one to come). */
      purchase: MarketplacePurchase;
      previous: MarketplacePurchase | null;
      effectiveDate: number;
      sender: Account;
    }
  | {
      /** A link to a declared domain was posted (the older editions' content attachments). */
      event: "content_reference";
      action: "created";
      contentReference: ContentReference;
      installation: Installation;
      repository: Repository;
      sender: Account;
    }
  | {
      /** A person's authorization of the app was revoked (every token under it stopped working). */
      event: "github_app_authorization";
      action: "revoked";
      sender: Account;
    };

/**
 * Records events in the transaction of the change that caused them (an outbox): a change and its
 * delivery are stored together or not at all.
 */
export interface EventSink {
  record(tx: StoreOps, appId: number, event: DomainEvent): Promise<void>;
}

/** For stores without webhooks wired (a bare domain in unit tests). */
export const noEvents: EventSink = { record: async () => {} };
