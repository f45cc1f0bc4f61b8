import { randomBytes } from "node:crypto";
import { seconds, type Clock } from "./clock.js";
import type { Account, Session } from "./model.js";
import { MAX_PASSWORD_LENGTH, verifyPassword } from "./passwords.js";
import { hashToken } from "./tokens.js";
import {
  GUESS_WINDOW_SECONDS,
  SIGN_IN_FAILURES_PER_ACCOUNT,
  SIGN_IN_FAILURES_PER_ADDRESS,
  type FailureLimit,
  type FailureThrottle,
} from "./failure-throttle.js";
import type { AccountStore } from "../store/store.js";

/**
 * GitHub's words when its sign-in page holds someone off after failed attempts.
 * https://github.community/t/what-is-the-login-lockout-duration/154132
 */
export const TOO_MANY_SIGN_IN_FAILURES =
  "There have been several failed attempts to sign in from this account or IP address. Please wait a while and try again later.";

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
    private readonly failures: FailureThrottle,
  ) {}

  /**
   * A new session for a user whose password matches; undefined for any mismatch (never saying which).
   * Wrong passwords are throttled per account and per address (`address`, the client's): over either
   * limit, TooManyFailuresError, whether or not the password is right.
   */
  async signIn(login: string, password: string, address: string): Promise<SignedIn | undefined> {
    const account = login.length <= 39 ? await this.store.findAccountByLogin(login) : undefined;
    const user = account?.type === "User" ? account : undefined;
    // Only accounts that exist are counted: made-up logins would otherwise add a row each.
    const limits: FailureLimit[] = [
      {
        key: `sign-in:address:${address}`,
        max: SIGN_IN_FAILURES_PER_ADDRESS,
        windowSeconds: GUESS_WINDOW_SECONDS,
      },
      ...(user
        ? [
            {
              key: `sign-in:account:${user.id}`,
              max: SIGN_IN_FAILURES_PER_ACCOUNT,
              windowSeconds: GUESS_WINDOW_SECONDS,
            },
          ]
        : []),
    ];
    const succeeded = await this.failures.attempt(limits, TOO_MANY_SIGN_IN_FAILURES);
    const stored = user ? await this.store.findPasswordHash(user.id) : null;
    // An unknown login is checked against a decoy hash: it takes as long as a wrong password.
    const ok = password.length <= MAX_PASSWORD_LENGTH && (await verifyPassword(password, stored));
    if (!ok || !user) return undefined;
    await succeeded();
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
