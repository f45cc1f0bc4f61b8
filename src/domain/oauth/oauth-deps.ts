import type { Clock } from "../clock.js";
import type { EventSink } from "../events.js";
import type { Store } from "../../store/store.js";

/** What the OAuth rules work with: the store, hubcap's clock, and the sink that turns events into webhooks. */
export interface OAuthDeps {
  store: Store;
  clock: Clock;
  events: EventSink;
}
