import type { RegisteredApp } from "../domain/app-registry.js";
import type { AppKey, ClientSecretInfo } from "../domain/model.js";
import type { Urls } from "./urls.js";
import { integration } from "./app.js";
import { timestamp } from "./time.js";

/**
 * A newly registered app with the credentials shown only now: the shape of GitHub's manifest
 * conversion (`POST /app-manifests/{code}/conversions`), which is what a new app's owner receives there.
 */
export function registeredApp(r: RegisteredApp, urls: Urls) {
  return {
    ...integration(r.app, urls),
    client_id: r.app.clientId,
    client_secret: r.clientSecret,
    webhook_secret: r.webhookSecret,
    pem: r.privateKeyPem,
  };
}

/** A private key as an app's settings list it: GitHub shows its SHA-256 fingerprint. */
export function appKey(k: AppKey, privateKeyPem?: string) {
  return {
    id: k.id,
    fingerprint: k.fingerprint,
    created_at: timestamp(k.createdAt),
    ...(privateKeyPem && { pem: privateKeyPem }),
  };
}

export function clientSecretInfo(s: ClientSecretInfo, clientSecret?: string) {
  return {
    id: s.id,
    last_eight: s.lastEight,
    created_at: timestamp(s.createdAt),
    ...(clientSecret && { client_secret: clientSecret }),
  };
}
