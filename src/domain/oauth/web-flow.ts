import { createHash, randomBytes } from "node:crypto";
import { seconds } from "../clock.js";
import { ValidationError } from "../errors.js";
import type { Account, App } from "../model.js";
import { hashToken } from "../tokens.js";
import { authenticateClient } from "./client-credentials.js";
import { grantFor } from "./grants.js";
import { issueUserToken, type IssuedUserToken } from "./issue-user-token.js";
import { OAuthError } from "./oauth-error.js";
import { SWEEP_AFTER_SECONDS } from "./sweep.js";
import type { OAuthDeps } from "./oauth-deps.js";
import { redirectUriFor } from "./redirect-uri.js";

/** GitHub's web-flow codes expire after 10 minutes and are exchanged once. */
export const CODE_SECONDS = 600;

/** What `GET /login/oauth/authorize` carries besides the client id. */
export interface AuthorizeRequest {
  redirectUri?: string;
  state?: string;
  /** PKCE: `BASE64URL(SHA256(code_verifier))`; GitHub supports only S256. */
  codeChallenge?: string;
  codeChallengeMethod?: string;
}

const PKCE_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Checks an authorization request before the consent page is shown: the redirect URI (an error here is
 * shown on the page, never redirected to an unregistered URI) and the PKCE challenge.
 */
export function checkAuthorizeRequest(app: App, request: AuthorizeRequest): string {
  const redirectUri = redirectUriFor(app, request.redirectUri);
  if (request.codeChallenge !== undefined || request.codeChallengeMethod !== undefined) {
    if (
      (request.codeChallengeMethod ?? "S256") !== "S256" ||
      !PKCE_CHALLENGE.test(request.codeChallenge ?? "")
    ) {
      throw new ValidationError(
        "code_challenge must be a BASE64URL SHA-256 digest, with code_challenge_method S256.",
      );
    }
  }
  return redirectUri;
}

/**
 * The person authorizes the app (the consent page's "Authorize"): a grant for (user, app), and a
 * single-use code. Returns the URL to send the browser to, carrying `code` and `state`.
 */
export async function authorize(
  deps: OAuthDeps,
  user: Account,
  app: App,
  request: AuthorizeRequest,
): Promise<{ code: string; redirectUrl: string }> {
  const redirectUri = checkAuthorizeRequest(app, request);
  const code = randomBytes(10).toString("hex");
  await deps.store.transaction(async (tx) => {
    const now = seconds(deps.clock);
    // Codes nobody exchanged would otherwise stay forever (expiry alone already refuses them).
    await tx.deleteExpiredOAuthCodes(now - SWEEP_AFTER_SECONDS);
    const grant = await grantFor(tx, user, app, now);
    await tx.insertAuthorizationCode({
      codeHash: hashToken(code),
      appId: app.id,
      grantId: grant.id,
      redirectUri,
      codeChallenge: request.codeChallenge ?? null,
      expiresAt: now + CODE_SECONDS,
      now,
    });
  });
  const url = new URL(redirectUri);
  url.searchParams.set("code", code);
  if (request.state !== undefined) url.searchParams.set("state", request.state);
  return { code, redirectUrl: url.toString() };
}

/** Where the person said no: back to the app with GitHub's `error=access_denied`. */
export function denialUrl(app: App, request: AuthorizeRequest): string {
  const url = new URL(checkAuthorizeRequest(app, request));
  url.searchParams.set("error", "access_denied");
  url.searchParams.set("error_description", "The user has denied your application access.");
  if (request.state !== undefined) url.searchParams.set("state", request.state);
  return url.toString();
}

export interface CodeExchange {
  clientId?: string;
  clientSecret?: string;
  code: string;
  redirectUri?: string;
  codeVerifier?: string;
}

/**
 * `POST /login/oauth/access_token` with a code. The code is taken (deleted) by the first exchange that
 * names it, right or wrong, so it can never be tried twice.
 */
export async function exchangeCode(deps: OAuthDeps, exchange: CodeExchange): Promise<IssuedUserToken> {
  const app = await authenticateClient(deps.store, exchange.clientId, exchange.clientSecret);
  if (!app) throw new OAuthError("incorrect_client_credentials");
  // Taken outside the transaction below, so that a failed exchange still uses the code up.
  const code = await deps.store.takeAuthorizationCode(hashToken(exchange.code));
  const now = seconds(deps.clock);
  if (!code || code.appId !== app.id || code.expiresAt <= now) throw new OAuthError("bad_verification_code");
  if (exchange.redirectUri && exchange.redirectUri !== code.redirectUri) {
    throw new OAuthError("redirect_uri_mismatch");
  }
  if (code.codeChallenge !== null) {
    const digest = createHash("sha256")
      .update(exchange.codeVerifier ?? "")
      .digest("base64url");
    if (digest !== code.codeChallenge) throw new OAuthError("bad_verification_code");
  }
  return deps.store.transaction(async (tx) => {
    // The grant may have been revoked since the code was issued.
    if (!(await tx.findGrantById(code.grantId))) throw new OAuthError("bad_verification_code");
    return issueUserToken(tx, app, code.grantId, now);
  });
}
