import { seconds, type Clock } from "./clock.js";
import { ForbiddenError, UnauthorizedError } from "./errors.js";
import type { InstallationToken, UserAccessToken, UserToken } from "./model.js";
import { hashToken } from "./tokens.js";
import type { OAuthStore, TokenStore } from "../store/store.js";

export interface InstallationPrincipal {
  kind: "installation";
  token: InstallationToken;
  tokenHash: string;
}

export interface UserPrincipal {
  kind: "user";
  token: UserToken;
  tokenHash: string;
}

/**
 * A GitHub App's user access token (`ghu_`): it acts for its user, but only as far as the app's
 * installations reach (and a scoped token's narrower scope).
 */
export interface UserAccessPrincipal {
  kind: "user-access";
  token: UserAccessToken;
  tokenHash: string;
}

export type TokenPrincipal = InstallationPrincipal | UserPrincipal | UserAccessPrincipal;

export const SUSPENDED_MESSAGE = "This installation has been suspended";

/**
 * Resolves an opaque token, from the store on every request: a revoked token or a suspended
 * installation is refused on the very next request, on every instance (the embedded store keeps a read
 * only until a write that could change it: read-cache.ts).
 */
export class TokenAuthenticator {
  constructor(
    private readonly store: TokenStore & OAuthStore,
    private readonly clock: Clock,
  ) {}

  async authenticate(token: string): Promise<TokenPrincipal> {
    if (token.length > 255 || !/^[A-Za-z0-9_]+$/.test(token)) throw new UnauthorizedError();
    const tokenHash = hashToken(token);
    const now = seconds(this.clock);
    if (token.startsWith("ghs_")) {
      const found = await this.store.findInstallationToken(tokenHash);
      if (!found || found.expiresAt <= now) throw new UnauthorizedError();
      if (found.installation.suspendedAt !== null) throw new ForbiddenError(SUSPENDED_MESSAGE);
      return { kind: "installation", token: found, tokenHash };
    }
    if (token.startsWith("ghu_")) {
      const access = await this.store.findUserAccessToken(tokenHash);
      if (!access || (access.expiresAt !== null && access.expiresAt <= now)) throw new UnauthorizedError();
      return { kind: "user-access", token: access, tokenHash };
    }
    const found = await this.store.findUserToken(tokenHash);
    if (!found || (found.expiresAt !== null && found.expiresAt <= now)) throw new UnauthorizedError();
    return { kind: "user", token: found, tokenHash };
  }
}
