import type { App } from "../model.js";
import { OAuthError } from "./oauth-error.js";

const LOOPBACK = new Set(["127.0.0.1", "[::1]"]);

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * Whether a redirect URI is one of the app's callback URLs: exactly, or for a loopback callback with any
 * port (native apps listen on a port of their choosing).
 * https://docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-user-access-token-for-a-github-app#loopback-redirect-urls
 */
function matches(callback: string, redirectUri: string): boolean {
  if (callback === redirectUri) return true;
  const a = parse(callback);
  const b = parse(redirectUri);
  if (!a || !b || !LOOPBACK.has(a.hostname) || a.hostname !== b.hostname) return false;
  return a.protocol === b.protocol && a.pathname === b.pathname && a.search === b.search && b.hash === "";
}

/**
 * Where the web flow sends the person back: the requested URI if it is one of the app's callback
 * URLs, else the first callback URL when none was requested. Anything else is `redirect_uri_mismatch`.
 */
export function redirectUriFor(app: App, requested: string | undefined): string {
  if (requested === undefined || requested === "") {
    const first = app.callbackUrls[0];
    if (!first) throw new OAuthError("redirect_uri_mismatch");
    return first;
  }
  if (!app.callbackUrls.some((callback) => matches(callback, requested))) {
    throw new OAuthError("redirect_uri_mismatch");
  }
  return requested;
}
