import { randomBytes } from "node:crypto";
import { seconds, type Clock } from "./clock.js";
import type { Account, Session } from "./model.js";
import { MAX_PASSWORD_LENGTH, verifyPassword } from "./passwords.js";
import { hashToken } from "./tokens.js";
import type { AccountStore } from "../store/store.js";

/** How long a sign-in lasts: GitHub keeps a browser signed in for two weeks. */
export const SESSION_LIFETIME_SECONDS = 14 * 24 * 3600;

export interface SignedIn {
  /** The session id, for the browser's cookie; hubcap keeps only its hash. */
  id: string;
  session: Session;
}

/** Browser sessions of the web pages: sign in with a login and password, look a session up, sign out. */
export class Sessions {
  constructor(
    private readonly store: AccountStore,
    private readonly clock: Clock,
  ) {}

  /** A new session for a user whose password matches; undefined for any mismatch (never saying which). */
  async signIn(login: string, password: string): Promise<SignedIn | undefined> {
    const account = login.length <= 39 ? await this.store.findAccountByLogin(login) : undefined;
    const user = account?.type === "User" ? account : undefined;
    const stored = user ? await this.store.findPasswordHash(user.id) : null;
    // An unknown login is checked against a decoy hash: it takes as long as a wrong password.
    const ok = password.length <= MAX_PASSWORD_LENGTH && (await verifyPassword(password, stored));
    if (!ok || !user) return undefined;
    return this.start(user);
  }

  private async start(user: Account): Promise<SignedIn> {
    const now = seconds(this.clock);
    await this.store.deleteExpiredSessions(now);
    const id = randomBytes(32).toString("base64url");
    const session: Session = {
      user,
      csrfToken: randomBytes(32).toString("base64url"),
      createdAt: now,
      expiresAt: now + SESSION_LIFETIME_SECONDS,
    };
    await this.store.insertSession({
      idHash: hashToken(id),
      userId: user.id,
      csrfToken: session.csrfToken,
      createdAt: session.createdAt,
      expiresAt: session.expiresAt,
    });
    return { id, session };
  }

  /** The live session with this id, if any: an expired one is as unknown as a missing one. */
  async find(id: string): Promise<Session | undefined> {
    if (id.length === 0 || id.length > 128) return undefined;
    const session = await this.store.findSession(hashToken(id));
    if (!session || session.expiresAt <= seconds(this.clock)) return undefined;
    return session;
  }

  async signOut(id: string): Promise<void> {
    if (id.length > 0 && id.length <= 128) await this.store.deleteSession(hashToken(id));
  }
}
