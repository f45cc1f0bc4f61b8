import type { AppKey, ClientSecretInfo, KeptClientSecret } from "../../domain/model.js";
import { prepared } from "../executor.js";
import { SqlSlice, type Row } from "./sql-slice.js";

export interface AppCredentialTables {
  app_keys: { id: number; app_id: number; fingerprint: string; public_key_pem: string; created_at: number };
  app_client_secrets: {
    id: number;
    app_id: number;
    secret_hash: string;
    last_eight: string;
    created_at: number;
  };
}

export interface AppCredentials {
  appId: number;
  ownerId: number;
  /** The app's registered public keys; their PEMs are read once each (keys never change). */
  keyIds: number[];
}

/** What an app authenticates with: its private keys' public halves, and its OAuth client secrets. */
export interface AppCredentialStore {
  /** The hot path of app authentication: the app's id, owner and public keys in one read. */
  findAppCredentials(by: { id: number } | { clientId: string }): Promise<AppCredentials | undefined>;
  listAppKeys(appId: number): Promise<AppKey[]>;
  findAppKeyPem(keyId: number): Promise<string | undefined>;
  insertAppKey(key: {
    id: number;
    appId: number;
    fingerprint: string;
    publicKeyPem: string;
    now: number;
  }): Promise<void>;
  deleteAppKey(appId: number, keyId: number): Promise<boolean>;
  insertClientSecret(secret: {
    id: number;
    appId: number;
    secretHash: string;
    lastEight: string;
    now: number;
  }): Promise<void>;
  /** The app a client secret belongs to (secrets are unique across apps). */
  findClientSecretApp(secretHash: string): Promise<number | undefined>;
  listClientSecrets(appId: number): Promise<ClientSecretInfo[]>;
  /** The hashes of an app's client secrets, for Basic client authentication. */
  listClientSecretHashes(appId: number): Promise<string[]>;
  /** An app's client secrets as kept (hash and last eight), for an export that keeps secrets. */
  listKeptClientSecrets(appId: number): Promise<KeptClientSecret[]>;
  deleteClientSecret(appId: number, id: number): Promise<boolean>;
}

// The hot path of app authentication, compiled once per dialect.
const q = {
  appCredentialsById: prepared<{ id: number }, Row>((db, p) =>
    db
      .selectFrom("apps as a")
      .leftJoin("app_keys as k", "k.app_id", "a.id")
      .select(["a.id as app_id", "a.owner_id", "k.id as key_id"])
      .where("a.id", "=", p.id),
  ),
  appCredentialsByClientId: prepared<{ clientId: string }, Row>((db, p) =>
    db
      .selectFrom("apps as a")
      .leftJoin("app_keys as k", "k.app_id", "a.id")
      .select(["a.id as app_id", "a.owner_id", "k.id as key_id"])
      .where("a.client_id", "=", p.clientId),
  ),
};

export class SqlAppCredentialStore extends SqlSlice implements AppCredentialStore {
  async findAppCredentials(by: { id: number } | { clientId: string }): Promise<AppCredentials | undefined> {
    const rows = await this.ex.all(
      "id" in by ? q.appCredentialsById(this.db, by) : q.appCredentialsByClientId(this.db, by),
    );
    const first = rows[0];
    if (!first) return undefined;
    return {
      appId: first.app_id as number,
      ownerId: first.owner_id as number,
      keyIds: rows.filter((row) => row.key_id != null).map((row) => row.key_id as number),
    };
  }

  async listAppKeys(appId: number): Promise<AppKey[]> {
    const rows = await this.ex.all(
      this.db.selectFrom("app_keys").selectAll().where("app_id", "=", appId).orderBy("id").compile(),
    );
    return rows.map((r) => ({
      id: r.id,
      appId: r.app_id,
      fingerprint: r.fingerprint,
      publicKeyPem: r.public_key_pem,
      createdAt: r.created_at,
    }));
  }

  async findAppKeyPem(keyId: number): Promise<string | undefined> {
    const row = await this.ex.first(
      this.db.selectFrom("app_keys").select("public_key_pem").where("id", "=", keyId).compile(),
    );
    return row?.public_key_pem;
  }

  async insertAppKey(k: {
    id: number;
    appId: number;
    fingerprint: string;
    publicKeyPem: string;
    now: number;
  }): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("app_keys")
        .values({
          id: k.id,
          app_id: k.appId,
          fingerprint: k.fingerprint,
          public_key_pem: k.publicKeyPem,
          created_at: k.now,
        })
        .compile(),
    );
  }

  async deleteAppKey(appId: number, keyId: number): Promise<boolean> {
    const n = await this.ex.run(
      this.db.deleteFrom("app_keys").where("app_id", "=", appId).where("id", "=", keyId).compile(),
    );
    return n > 0;
  }

  async insertClientSecret(s: {
    id: number;
    appId: number;
    secretHash: string;
    lastEight: string;
    now: number;
  }): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("app_client_secrets")
        .values({
          id: s.id,
          app_id: s.appId,
          secret_hash: s.secretHash,
          last_eight: s.lastEight,
          created_at: s.now,
        })
        .compile(),
    );
  }

  async findClientSecretApp(secretHash: string): Promise<number | undefined> {
    const row = await this.ex.first(
      this.db
        .selectFrom("app_client_secrets")
        .select("app_id")
        .where("secret_hash", "=", secretHash)
        .compile(),
    );
    return row?.app_id;
  }

  async listClientSecrets(appId: number): Promise<ClientSecretInfo[]> {
    const rows = await this.ex.all(
      this.db
        .selectFrom("app_client_secrets")
        .selectAll()
        .where("app_id", "=", appId)
        .orderBy("id")
        .compile(),
    );
    return rows.map((r) => ({ id: r.id, appId: r.app_id, lastEight: r.last_eight, createdAt: r.created_at }));
  }

  async listClientSecretHashes(appId: number): Promise<string[]> {
    const rows = await this.ex.all(
      this.db.selectFrom("app_client_secrets").select("secret_hash").where("app_id", "=", appId).compile(),
    );
    return rows.map((r) => r.secret_hash);
  }

  async listKeptClientSecrets(appId: number): Promise<KeptClientSecret[]> {
    const rows = await this.ex.all(
      this.db
        .selectFrom("app_client_secrets")
        .select(["secret_hash", "last_eight"])
        .where("app_id", "=", appId)
        .orderBy("id")
        .compile(),
    );
    return rows.map((r) => ({ secretHash: r.secret_hash, lastEight: r.last_eight }));
  }

  async deleteClientSecret(appId: number, id: number): Promise<boolean> {
    const n = await this.ex.run(
      this.db.deleteFrom("app_client_secrets").where("app_id", "=", appId).where("id", "=", id).compile(),
    );
    return n > 0;
  }
}
