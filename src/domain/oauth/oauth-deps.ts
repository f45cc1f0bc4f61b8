import type { Clock } from "../clock.js";
import type { EventSink } from "../events.js";
import type {
  AccountStore,
  AppCredentialStore,
  AppStore,
  InstallationRepositoryStore,
  InstallationStore,
  OAuthStore,
  RepositoryStore,
  Transactor,
} from "../../store/store.js";

/** What the OAuth rules work with: the store, hubcap's clock, and the sink that turns events into webhooks. */
export interface OAuthDeps {
  store: OAuthStore &
    AppStore &
    AppCredentialStore &
    AccountStore &
    RepositoryStore &
    InstallationStore &
    InstallationRepositoryStore &
    Transactor;
  clock: Clock;
  events: EventSink;
}
