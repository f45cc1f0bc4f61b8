import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Hubcap } from "../domain/hubcap.js";
import type { IssuedUserToken } from "../domain/oauth/issue-user-token.js";
import { oauthGuessLimits, TooManyFailuresError } from "../domain/failure-throttle.js";
import { OAUTH_ERRORS, OAuthError, type OAuthErrorCode } from "../domain/oauth/oauth-error.js";
import { urlsFor } from "./urls.js";

/** The grant type of a device-flow poll (RFC 8628). */
const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

/**
 * Where GitHub's OAuth error bodies point (`error_uri`), exactly as it writes them: a token error's own
 * anchor after a slash (PyGithub's `tests/ReplayData/ApplicationOAuth.testGetAccessTokenBadCode.txt`:
 * `…-errors/#bad-verification-code`), every device-flow error the one section of the device flow's.
 */
const TOKEN_ERRORS_DOCS =
  "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/";
const DEVICE_ERRORS_DOCS =
  "https://docs.github.com/developers/apps/authorizing-oauth-apps#error-codes-for-the-device-flow";
const DEVICE_CODES = new Set([
  "authorization_pending",
  "slow_down",
  "expired_token",
  "access_denied",
  "device_flow_disabled",
  "incorrect_device_code",
  "unsupported_grant_type",
]);

/** The failures that mean a secret was guessed wrong: throttled per address (domain/failure-throttle.ts). */
const GUESSED_WRONG = new Set<OAuthErrorCode>([
  "incorrect_client_credentials",
  "bad_verification_code",
  "bad_refresh_token",
  "incorrect_device_code",
]);

export interface OAuthEndpointsOptions {
  hub: Hubcap;
  publicUrl?: string;
}

/**
 * GitHub's OAuth endpoints at the host root (never under /api/v3, where octokit never looks):
 * `POST /login/oauth/access_token` and `POST /login/device/code`. They take JSON, form bodies or query
 * parameters, and answer JSON when asked for it (`Accept: application/json`), form-encoded otherwise.
 * Failures are `{error, error_description, error_uri}` with status 200, as GitHub sends them.
 * https://docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-user-access-token-for-a-github-app
 */
export async function oauthEndpoints(app: FastifyInstance, { hub, publicUrl }: OAuthEndpointsOptions) {
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string" },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );

  app.post("/login/oauth/access_token", async (request, reply) => {
    const p = parameters(request);
    let succeeded: () => Promise<void>;
    try {
      succeeded = await hub.failures.attempt(oauthGuessLimits(request.ip), OAUTH_ERRORS.slow_down);
    } catch (error) {
      if (!(error instanceof TooManyFailuresError)) throw error;
      // Not GitHub's (which documents no such limit): RFC 8628's slow_down, which octokit's device
      // flow answers by waiting longer, with a status and retry-after that any client can act on.
      reply.code(429).headers(error.headers());
      return answer(request, reply, errorBody(new OAuthError("slow_down")));
    }
    try {
      const issued = await accessToken(hub, p);
      await succeeded();
      return answer(request, reply, tokenBody(issued));
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      if (!GUESSED_WRONG.has(error.code)) await succeeded();
      return answer(request, reply, errorBody(error));
    }
  });

  app.post("/login/device/code", async (request, reply) => {
    const p = parameters(request);
    try {
      const started = await hub.oauth.startDevice(p.client_id);
      return answer(request, reply, {
        device_code: started.deviceCode,
        user_code: started.userCode,
        verification_uri: `${urlsFor(request, publicUrl).web}/login/device`,
        expires_in: started.expiresIn,
        interval: started.interval,
      });
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      // GitHub refuses a device code for an app without the device flow with a 400, not a 200.
      if (error.code === "device_flow_disabled") reply.code(400);
      return answer(request, reply, errorBody(error));
    }
  });
}

type Parameters = Record<string, string | undefined>;

/** Query parameters and the body together (GitHub reads both); the body wins. Only strings count. */
function parameters(request: FastifyRequest): Parameters {
  // Null prototype: a parameter named `constructor` or `__proto__` is only a parameter.
  const merged: Parameters = Object.create(null) as Parameters;
  for (const source of [request.query, request.body]) {
    if (!source || typeof source !== "object") continue;
    for (const [key, value] of Object.entries(source as Record<string, unknown>)) {
      if (typeof value === "string") merged[key] = value;
    }
  }
  return merged;
}

function accessToken(hub: Hubcap, p: Parameters): Promise<IssuedUserToken> {
  const client = { clientId: p.client_id, clientSecret: p.client_secret };
  switch (p.grant_type) {
    case undefined:
    case "authorization_code":
      return hub.oauth.exchangeCode({
        ...client,
        code: p.code ?? "",
        redirectUri: p.redirect_uri,
        codeVerifier: p.code_verifier,
      });
    case "refresh_token":
      return hub.oauth.refresh({ ...client, refreshToken: p.refresh_token });
    case DEVICE_GRANT:
      return hub.oauth.pollDevice({ clientId: p.client_id, deviceCode: p.device_code });
    default:
      throw new OAuthError("unsupported_grant_type");
  }
}

/** GitHub's success body; the expiry fields only for expiring tokens. `scope` is always there, empty for apps. */
function tokenBody(issued: IssuedUserToken): Record<string, string | number> {
  return {
    access_token: issued.token,
    ...(issued.expiresIn !== null && { expires_in: issued.expiresIn }),
    ...(issued.refreshToken !== null && {
      refresh_token: issued.refreshToken,
      refresh_token_expires_in: issued.refreshTokenExpiresIn!,
    }),
    token_type: "bearer",
    scope: "",
  };
}

function errorBody(error: OAuthError): Record<string, string | number> {
  return {
    error: error.code,
    error_description: error.message,
    error_uri: DEVICE_CODES.has(error.code)
      ? DEVICE_ERRORS_DOCS
      : `${TOKEN_ERRORS_DOCS}#${error.code.replaceAll("_", "-")}`,
    ...(error.interval !== undefined && { interval: error.interval }),
  };
}

/**
 * JSON for clients that ask for it (octokit does); GitHub's historical form encoding for everyone else.
 * These are github.com's pages, not the API: its page caching and none of the API's headers
 * (PyGithub's `tests/ReplayData/ApplicationOAuth.testGetAccessToken*.txt`).
 */
function answer(request: FastifyRequest, reply: FastifyReply, body: Record<string, string | number>) {
  reply.header("cache-control", "max-age=0, private, must-revalidate");
  const accept = request.headers.accept ?? "";
  if (/application\/(?:[\w.+-]*\+)?json/i.test(accept)) {
    return reply.type("application/json; charset=utf-8").send(JSON.stringify(body));
  }
  const form = new URLSearchParams(Object.entries(body).map(([k, v]): [string, string] => [k, String(v)]));
  return reply.type("application/x-www-form-urlencoded; charset=utf-8").send(form.toString());
}
