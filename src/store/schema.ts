import type { AccountTables } from "./aggregates/account-store.js";
import type { AppCredentialTables } from "./aggregates/app-credential-store.js";
import type { AppTables } from "./aggregates/app-store.js";
import type { ContentReferenceTables } from "./aggregates/content-reference-store.js";
import type { DeliveryTables } from "./aggregates/delivery-store.js";
import type { InstallationRequestTables } from "./aggregates/installation-request-store.js";
import type { InstallationTables } from "./aggregates/installation-store.js";
import type { ManifestTables } from "./aggregates/manifest-store.js";
import type { MarketplaceTables } from "./aggregates/marketplace-store.js";
import type { OAuthTables } from "./aggregates/oauth-store.js";
import type { RepositoryTables } from "./aggregates/repository-store.js";
import type { SettingTables } from "./aggregates/setting-store.js";
import type { TokenTables } from "./aggregates/token-store.js";

/**
 * Table types for Kysely: each aggregate declares its own tables beside its queries, and the database is
 * their intersection (as atproto's PDS builds its `db/schema/index.ts`). Both stores share these:
 * integers are 64-bit in PostgreSQL and parsed as JavaScript numbers (every id and timestamp stays below
 * 2^53); flags are 0/1 integers and JSON is text, so a row reads the same from SQLite and PostgreSQL.
 */
export type Database = SettingTables &
  AccountTables &
  RepositoryTables &
  AppTables &
  AppCredentialTables &
  InstallationTables &
  TokenTables &
  DeliveryTables &
  OAuthTables &
  MarketplaceTables &
  InstallationRequestTables &
  ContentReferenceTables &
  ManifestTables;
