import type {
  AuthorizationCode,
  DeviceRequest,
  OAuthGrant,
  TokenScope,
  UserAccessToken,
} from "../../domain/model.js";
import { prepared } from "../executor.js";
import { accountAs, canonicalJson, toAccount } from "../rows.js";
import { SqlSlice, type Db, type Row } from "./sql-slice.js";

export interface OAuthTables {
  oauth_grants: { id: number; user_id: number; app_id: number; created_at: number };
  user_access_tokens: {
    id: number;
    token_hash: string;
    refresh_token_hash: string | null;
    grant_id: number;
    last_eight: string;
    expires_at: number | null;
    refresh_expires_at: number | null;
    target_id: number | null;
    repository_ids: string | null;
    permissions: string | null;
    created_at: number;
  };
  oauth_codes: {
    code_hash: string;
    app_id: number;
    grant_id: number;
    redirect_uri: string | null;
    code_challenge: string | null;
    expires_at: number;
    created_at: number;
  };
  oauth_device_codes: {
    device_code_hash: string;
    user_code: string;
    app_id: number;
    state: "pending" | "authorized" | "denied";
    grant_id: number | null;
    interval: number;
    last_polled_at: number | null;
    expires_at: number;
    created_at: number;
  };
}

export interface NewUserAccessToken {
  id: number;
  tokenHash: string;
  refreshTokenHash: string | null;
  grantId: number;
  lastEight: string;
  expiresAt: number | null;
  refreshExpiresAt: number | null;
  scope: TokenScope | null;
  now: number;
}

/** OAuth (migration 006): grants, user access tokens, web-flow and device-flow codes. */
export interface OAuthStore {
  findGrant(userId: number, appId: number): Promise<OAuthGrant | undefined>;
  findGrantById(id: number): Promise<OAuthGrant | undefined>;
  insertGrant(grant: { id: number; userId: number; appId: number; now: number }): Promise<void>;
  /** Deletes a grant with every token and code under it. */
  deleteGrant(id: number): Promise<boolean>;
  insertUserAccessToken(token: NewUserAccessToken): Promise<void>;
  findUserAccessToken(tokenHash: string): Promise<UserAccessToken | undefined>;
  findUserAccessTokenByRefresh(refreshTokenHash: string): Promise<UserAccessToken | undefined>;
  /** Gives a token a new secret (a reset): the old one stops working. False when it is gone. */
  replaceUserAccessTokenHash(
    id: number,
    oldHash: string,
    replacement: { tokenHash: string; lastEight: string; expiresAt: number | null },
  ): Promise<boolean>;
  deleteUserAccessToken(id: number): Promise<boolean>;
  insertAuthorizationCode(code: AuthorizationCode & { codeHash: string; now: number }): Promise<void>;
  /** Removes a code and returns it, atomically: a code is exchanged at most once. */
  takeAuthorizationCode(codeHash: string): Promise<AuthorizationCode | undefined>;
  insertDeviceRequest(
    request: Omit<DeviceRequest, "lastPolledAt" | "grantId"> & { now: number },
  ): Promise<void>;
  findDeviceRequest(
    by: { deviceCodeHash: string } | { userCode: string },
  ): Promise<DeviceRequest | undefined>;
  /** Answers a pending request (false when it was no longer pending). */
  answerDeviceRequest(
    deviceCodeHash: string,
    answer: { state: "authorized"; grantId: number } | { state: "denied" },
  ): Promise<boolean>;
  recordDevicePoll(deviceCodeHash: string, polledAt: number, interval: number): Promise<void>;
  deleteDeviceRequest(deviceCodeHash: string): Promise<boolean>;
  /** Sweeps codes and device requests that expired before `before`. */
  deleteExpiredOAuthCodes(before: number): Promise<number>;
  /**
   * Deletes user access tokens that can no longer be used or refreshed since before `before`: expired,
   * and their refresh token (if any) expired too. Tokens without expiry stay.
   */
  deleteExpiredUserAccessTokens(before: number): Promise<number>;
}

/** User access tokens with their grant's user and app, as token checks need them. */
function userAccessTokens(db: Db) {
  return db
    .selectFrom("user_access_tokens as t")
    .innerJoin("oauth_grants as g", "g.id", "t.grant_id")
    .innerJoin("accounts as u", "u.id", "g.user_id")
    .select([
      "t.id",
      "t.grant_id",
      "g.app_id",
      "t.last_eight",
      "t.expires_at",
      "t.refresh_expires_at",
      "t.target_id",
      "t.repository_ids",
      "t.permissions",
      "t.created_at",
    ])
    .select(accountAs("u", "acc_"));
}

function toGrant(row: Row): OAuthGrant {
  return {
    id: row.id as number,
    userId: row.user_id as number,
    appId: row.app_id as number,
    createdAt: row.created_at as number,
  };
}

function toUserAccessToken(row: Row): UserAccessToken {
  return {
    id: row.id as number,
    grantId: row.grant_id as number,
    user: toAccount(row, "acc_"),
    appId: row.app_id as number,
    lastEight: row.last_eight as string,
    expiresAt: (row.expires_at as number | null) ?? null,
    refreshExpiresAt: (row.refresh_expires_at as number | null) ?? null,
    scope:
      row.target_id == null
        ? null
        : {
            targetId: row.target_id as number,
            repositoryIds: row.repository_ids == null ? null : JSON.parse(row.repository_ids as string),
            permissions: row.permissions == null ? null : JSON.parse(row.permissions as string),
          },
    createdAt: row.created_at as number,
  };
}

// The hot path of user-token authentication, compiled once per dialect.
const q = {
  userAccessToken: prepared<{ hash: string }, Row>((db, p) =>
    userAccessTokens(db).where("t.token_hash", "=", p.hash),
  ),
};

export class SqlOAuthStore extends SqlSlice implements OAuthStore {
  async findGrant(userId: number, appId: number): Promise<OAuthGrant | undefined> {
    const row = await this.ex.first(
      this.db
        .selectFrom("oauth_grants")
        .selectAll()
        .where("user_id", "=", userId)
        .where("app_id", "=", appId)
        .compile(),
    );
    return row && toGrant(row);
  }

  async findGrantById(id: number): Promise<OAuthGrant | undefined> {
    const row = await this.ex.first(
      this.db.selectFrom("oauth_grants").selectAll().where("id", "=", id).compile(),
    );
    return row && toGrant(row);
  }

  async insertGrant(g: { id: number; userId: number; appId: number; now: number }): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("oauth_grants")
        .values({ id: g.id, user_id: g.userId, app_id: g.appId, created_at: g.now })
        .compile(),
    );
  }

  async deleteGrant(id: number): Promise<boolean> {
    return (await this.ex.run(this.db.deleteFrom("oauth_grants").where("id", "=", id).compile())) > 0;
  }

  async insertUserAccessToken(t: NewUserAccessToken): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("user_access_tokens")
        .values({
          id: t.id,
          token_hash: t.tokenHash,
          refresh_token_hash: t.refreshTokenHash,
          grant_id: t.grantId,
          last_eight: t.lastEight,
          expires_at: t.expiresAt,
          refresh_expires_at: t.refreshExpiresAt,
          target_id: t.scope?.targetId ?? null,
          repository_ids: t.scope?.repositoryIds ? JSON.stringify(t.scope.repositoryIds) : null,
          permissions: t.scope?.permissions ? canonicalJson(t.scope.permissions) : null,
          created_at: t.now,
        })
        .compile(),
    );
  }

  async findUserAccessToken(tokenHash: string): Promise<UserAccessToken | undefined> {
    const row = await this.ex.first(q.userAccessToken(this.db, { hash: tokenHash }));
    return row && toUserAccessToken(row);
  }

  async findUserAccessTokenByRefresh(refreshTokenHash: string): Promise<UserAccessToken | undefined> {
    const row = await this.ex.first(
      userAccessTokens(this.db).where("t.refresh_token_hash", "=", refreshTokenHash).compile(),
    );
    return row && toUserAccessToken(row);
  }

  async replaceUserAccessTokenHash(
    id: number,
    oldHash: string,
    r: { tokenHash: string; lastEight: string; expiresAt: number | null },
  ): Promise<boolean> {
    const n = await this.ex.run(
      this.db
        .updateTable("user_access_tokens")
        .set({ token_hash: r.tokenHash, last_eight: r.lastEight, expires_at: r.expiresAt })
        .where("id", "=", id)
        .where("token_hash", "=", oldHash)
        .compile(),
    );
    return n > 0;
  }

  async deleteUserAccessToken(id: number): Promise<boolean> {
    return (await this.ex.run(this.db.deleteFrom("user_access_tokens").where("id", "=", id).compile())) > 0;
  }

  async insertAuthorizationCode(c: AuthorizationCode & { codeHash: string; now: number }): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("oauth_codes")
        .values({
          code_hash: c.codeHash,
          app_id: c.appId,
          grant_id: c.grantId,
          redirect_uri: c.redirectUri,
          code_challenge: c.codeChallenge,
          expires_at: c.expiresAt,
          created_at: c.now,
        })
        .compile(),
    );
  }

  async takeAuthorizationCode(codeHash: string): Promise<AuthorizationCode | undefined> {
    const row = await this.ex.first(
      this.db.deleteFrom("oauth_codes").where("code_hash", "=", codeHash).returningAll().compile(),
    );
    return (
      row && {
        appId: row.app_id,
        grantId: row.grant_id,
        redirectUri: row.redirect_uri,
        codeChallenge: row.code_challenge,
        expiresAt: row.expires_at,
      }
    );
  }

  async insertDeviceRequest(
    d: Omit<DeviceRequest, "lastPolledAt" | "grantId"> & { now: number },
  ): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("oauth_device_codes")
        .values({
          device_code_hash: d.deviceCodeHash,
          user_code: d.userCode,
          app_id: d.appId,
          state: d.state,
          grant_id: null,
          interval: d.interval,
          last_polled_at: null,
          expires_at: d.expiresAt,
          created_at: d.now,
        })
        .compile(),
    );
  }

  async findDeviceRequest(
    by: { deviceCodeHash: string } | { userCode: string },
  ): Promise<DeviceRequest | undefined> {
    const query = this.db.selectFrom("oauth_device_codes").selectAll();
    const row = await this.ex.first(
      ("deviceCodeHash" in by
        ? query.where("device_code_hash", "=", by.deviceCodeHash)
        : query.where("user_code", "=", by.userCode)
      ).compile(),
    );
    return (
      row && {
        deviceCodeHash: row.device_code_hash,
        userCode: row.user_code,
        appId: row.app_id,
        state: row.state,
        grantId: row.grant_id,
        interval: row.interval,
        lastPolledAt: row.last_polled_at,
        expiresAt: row.expires_at,
      }
    );
  }

  async answerDeviceRequest(
    deviceCodeHash: string,
    answer: { state: "authorized"; grantId: number } | { state: "denied" },
  ): Promise<boolean> {
    const n = await this.ex.run(
      this.db
        .updateTable("oauth_device_codes")
        .set({ state: answer.state, grant_id: answer.state === "authorized" ? answer.grantId : null })
        .where("device_code_hash", "=", deviceCodeHash)
        .where("state", "=", "pending")
        .compile(),
    );
    return n > 0;
  }

  async recordDevicePoll(deviceCodeHash: string, polledAt: number, interval: number): Promise<void> {
    await this.ex.run(
      this.db
        .updateTable("oauth_device_codes")
        .set({ last_polled_at: polledAt, interval })
        .where("device_code_hash", "=", deviceCodeHash)
        .compile(),
    );
  }

  async deleteDeviceRequest(deviceCodeHash: string): Promise<boolean> {
    const n = await this.ex.run(
      this.db.deleteFrom("oauth_device_codes").where("device_code_hash", "=", deviceCodeHash).compile(),
    );
    return n > 0;
  }

  async deleteExpiredUserAccessTokens(before: number): Promise<number> {
    return this.ex.run(
      this.db
        .deleteFrom("user_access_tokens")
        .where("expires_at", "is not", null)
        .where("expires_at", "<", before)
        .where((eb) => eb.or([eb("refresh_token_hash", "is", null), eb("refresh_expires_at", "<", before)]))
        .compile(),
    );
  }

  async deleteExpiredOAuthCodes(before: number): Promise<number> {
    const codes = await this.ex.run(
      this.db.deleteFrom("oauth_codes").where("expires_at", "<", before).compile(),
    );
    const devices = await this.ex.run(
      this.db.deleteFrom("oauth_device_codes").where("expires_at", "<", before).compile(),
    );
    return codes + devices;
  }
}
