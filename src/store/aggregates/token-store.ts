import { sql } from "kysely";
import type {
  Authorization,
  InstallationToken,
  Permissions,
  RateLimitWindow,
  UserToken,
} from "../../domain/model.js";
import { prepared } from "../executor.js";
import { accountAs, canonicalJson, toAccount } from "../rows.js";
import { readAccountById } from "./account-store.js";
import { installations, toInstallationGrant } from "./installation-store.js";
import { SqlSlice, type Row } from "./sql-slice.js";

export interface TokenTables {
  installation_tokens: {
    token_hash: string;
    installation_id: number;
    permissions: string;
    repository_ids: string | null;
    expires_at: number;
    created_at: number;
  };
  user_tokens: {
    token_hash: string;
    user_id: number;
    kind: "personal" | "impersonation";
    scopes: string;
    expires_at: number | null;
    created_at: number;
    authorization_id: number | null;
    note: string | null;
    last_eight: string | null;
  };
  rate_limits: { key: string; reset_at: number; used: number };
}

/**
 * Credentials checked on every request, and what they spend: installation tokens, personal and
 * impersonation tokens, and rate-limit windows (OAuth's user access tokens: oauth-store).
 */
/** A personal or impersonation token as written: only its hash is kept. */
export interface NewUserToken {
  tokenHash: string;
  userId: number;
  scopes: string[];
  expiresAt: number | null;
  now: number;
  kind?: "personal" | "impersonation";
  authorizationId?: number;
  note?: string | null;
  lastEight?: string;
}

export interface TokenStore {
  insertInstallationToken(token: {
    tokenHash: string;
    installationId: number;
    permissions: Permissions;
    repositoryIds: number[] | null;
    expiresAt: number;
    now: number;
  }): Promise<void>;
  findInstallationToken(tokenHash: string): Promise<InstallationToken | undefined>;
  deleteInstallationToken(tokenHash: string): Promise<boolean>;
  deleteExpiredInstallationTokens(before: number): Promise<number>;

  insertUserToken(token: NewUserToken): Promise<void>;
  findUserToken(tokenHash: string): Promise<UserToken | undefined>;
  listAuthorizations(userId: number, kind: "personal" | "impersonation"): Promise<Authorization[]>;
  deleteUserTokens(userId: number, kind: "personal" | "impersonation"): Promise<number>;

  /** Adds `delta` to a credential's usage in its current window (opening a new one at `now` if it ended). */
  addRateLimitUsage(key: string, delta: number, now: number, windowSeconds: number): Promise<RateLimitWindow>;
}

// The hot paths, compiled once per dialect.
const q = {
  installationToken: prepared<{ hash: string }, Row>((db, p) =>
    installations(db)
      .innerJoin("installation_tokens as t", "t.installation_id", "i.id")
      .select([
        "t.permissions as token_permissions",
        "t.repository_ids as token_repository_ids",
        "t.expires_at as token_expires_at",
      ])
      .where("t.token_hash", "=", p.hash),
  ),
  userToken: prepared<{ hash: string }, Row>((db, p) =>
    db
      .selectFrom("user_tokens as t")
      .innerJoin("accounts as u", "u.id", "t.user_id")
      .select(["t.kind", "t.scopes", "t.expires_at"])
      .select(accountAs("u", "acc_"))
      .where("t.token_hash", "=", p.hash),
  ),
  insertInstallationToken: prepared<
    {
      hash: string;
      installationId: number;
      permissions: string;
      repositoryIds: string | null;
      expiresAt: number;
      now: number;
    },
    never
  >((db, p) =>
    db.insertInto("installation_tokens").values({
      token_hash: p.hash,
      installation_id: p.installationId,
      permissions: p.permissions,
      repository_ids: p.repositoryIds,
      expires_at: p.expiresAt,
      created_at: p.now,
    }),
  ),
  rateLimitUsage: prepared<
    { key: string; delta: number; now: number; resetAt: number },
    { used: number; reset_at: number }
  >((db, p) =>
    db
      .insertInto("rate_limits")
      .values({ key: p.key, used: p.delta, reset_at: p.resetAt })
      .onConflict((oc) =>
        oc.column("key").doUpdateSet({
          // A window still open accumulates; an ended one restarts with this delta.
          used: sql`CASE WHEN rate_limits.reset_at > ${p.now} THEN rate_limits.used + excluded.used ELSE excluded.used END`,
          reset_at: sql`CASE WHEN rate_limits.reset_at > ${p.now} THEN rate_limits.reset_at ELSE excluded.reset_at END`,
        }),
      )
      .returning(["used", "reset_at"]),
  ),
};

export class SqlTokenStore extends SqlSlice implements TokenStore {
  async insertInstallationToken(t: {
    tokenHash: string;
    installationId: number;
    permissions: Record<string, string>;
    repositoryIds: number[] | null;
    expiresAt: number;
    now: number;
  }): Promise<void> {
    await this.ex.run(
      q.insertInstallationToken(this.db, {
        hash: t.tokenHash,
        installationId: t.installationId,
        permissions: canonicalJson(t.permissions),
        repositoryIds: t.repositoryIds && JSON.stringify(t.repositoryIds),
        expiresAt: t.expiresAt,
        now: t.now,
      }),
    );
  }

  async findInstallationToken(tokenHash: string): Promise<InstallationToken | undefined> {
    const row = await this.ex.first(q.installationToken(this.db, { hash: tokenHash }));
    if (!row) return undefined;
    return {
      installation: toInstallationGrant(row),
      permissions: JSON.parse(row.token_permissions as string),
      repositoryIds: row.token_repository_ids == null ? null : JSON.parse(row.token_repository_ids as string),
      expiresAt: row.token_expires_at as number,
    };
  }

  async deleteInstallationToken(tokenHash: string): Promise<boolean> {
    const n = await this.ex.run(
      this.db.deleteFrom("installation_tokens").where("token_hash", "=", tokenHash).compile(),
    );
    return n > 0;
  }

  async deleteExpiredInstallationTokens(before: number): Promise<number> {
    return this.ex.run(this.db.deleteFrom("installation_tokens").where("expires_at", "<", before).compile());
  }

  async insertUserToken(t: NewUserToken): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("user_tokens")
        .values({
          token_hash: t.tokenHash,
          user_id: t.userId,
          kind: t.kind ?? "personal",
          scopes: JSON.stringify(t.scopes),
          expires_at: t.expiresAt,
          created_at: t.now,
          authorization_id: t.authorizationId ?? null,
          note: t.note ?? null,
          last_eight: t.lastEight ?? null,
        })
        // A world applied again states its tokens' scopes anew (an older hubcap gave them only `repo`);
        // the same token named for another user changes nothing.
        .onConflict((oc) =>
          oc
            .column("token_hash")
            .doUpdateSet((eb) => ({ scopes: eb.ref("excluded.scopes") }))
            .where((eb) => eb("user_tokens.user_id", "=", eb.ref("excluded.user_id"))),
        )
        .compile(),
    );
  }

  async findUserToken(tokenHash: string): Promise<UserToken | undefined> {
    const row = await this.ex.first(q.userToken(this.db, { hash: tokenHash }));
    if (!row) return undefined;
    return {
      user: toAccount(row, "acc_"),
      kind: row.kind as UserToken["kind"],
      scopes: JSON.parse(row.scopes as string),
      expiresAt: (row.expires_at as number | null) ?? null,
    };
  }

  async listAuthorizations(userId: number, kind: "personal" | "impersonation"): Promise<Authorization[]> {
    const user = await readAccountById(this.db, this.ex, userId);
    if (!user) return [];
    const rows = await this.ex.all(
      this.db
        .selectFrom("user_tokens")
        .selectAll()
        .where("user_id", "=", userId)
        .where("kind", "=", kind)
        .orderBy("created_at")
        .compile(),
    );
    return rows.map((r) => ({
      id: r.authorization_id ?? 0,
      user,
      kind: r.kind,
      scopes: JSON.parse(r.scopes) as string[],
      note: r.note,
      lastEight: r.last_eight,
      expiresAt: r.expires_at,
      createdAt: r.created_at,
    }));
  }

  async deleteUserTokens(userId: number, kind: "personal" | "impersonation"): Promise<number> {
    return this.ex.run(
      this.db.deleteFrom("user_tokens").where("user_id", "=", userId).where("kind", "=", kind).compile(),
    );
  }

  async addRateLimitUsage(
    key: string,
    delta: number,
    now: number,
    windowSeconds: number,
  ): Promise<RateLimitWindow> {
    const row = await this.ex.first(
      q.rateLimitUsage(this.db, { key, delta, now, resetAt: now + windowSeconds }),
    );
    return { used: Number(row!.used), resetAt: Number(row!.reset_at) };
  }
}
