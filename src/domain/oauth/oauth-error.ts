import { HubcapError } from "../errors.js";

/**
 * The errors of GitHub's OAuth endpoints (`/login/oauth/access_token`, `/login/device/code`). GitHub
 * answers them as `{error, error_description, error_uri}` bodies with status 200, not as REST errors.
 * Descriptions are GitHub's own:
 * https://docs.github.com/apps/oauth-apps/maintaining-oauth-apps/troubleshooting-oauth-app-access-token-request-errors
 * https://docs.github.com/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#error-codes-for-the-device-flow
 */
export const OAUTH_ERRORS = {
  incorrect_client_credentials: "The client_id and/or client_secret passed are incorrect.",
  redirect_uri_mismatch: "The redirect_uri MUST match the registered callback URL for this application.",
  bad_verification_code: "The code passed is incorrect or expired.",
  bad_refresh_token: "The refresh token passed is incorrect or expired.",
  unsupported_grant_type: "The grant type is not supported.",
  authorization_pending: "The authorization request is still pending.",
  slow_down: "Too many requests have been made in the same timeframe.",
  expired_token: "The `device_code` has expired.",
  access_denied: "The authorization request was denied.",
  device_flow_disabled: "Device Flow must be explicitly enabled for this App",
  incorrect_device_code: "The device_code provided is not valid.",
} as const;

export type OAuthErrorCode = keyof typeof OAUTH_ERRORS;

/**
 * An OAuth failure. Its status is RFC 6749's 400 (section 5.2), which GitHub keeps only for a device code
 * asked of an app without the device flow; its token endpoint answers the rest with 200 (see
 * http/oauth-endpoints.ts, which renders these). The pages turn `redirect_uri_mismatch` into a page.
 */
export class OAuthError extends HubcapError {
  readonly status = 400;
  constructor(
    readonly code: OAuthErrorCode,
    /** For `slow_down`: the interval the client must now keep (GitHub adds 5 seconds each time). */
    readonly interval?: number,
  ) {
    super(OAUTH_ERRORS[code]);
  }
}
