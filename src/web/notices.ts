/**
 * What a page says after a redirect (`?notice=registered`). Only these fixed texts can appear: the query
 * names one, it never carries text of its own.
 */
export const NOTICES = {
  registered: "Registration successful. Generate a private key to install your GitHub App.",
  updated: "Your changes have been saved.",
  "key-deleted": "The private key has been deleted.",
  "secret-deleted": "The client secret has been deleted.",
  installed: "Installed.",
  "permissions-accepted": "The new permissions have been accepted.",
  suspended: "The installation is suspended.",
  unsuspended: "The installation is no longer suspended.",
  uninstalled: "The app has been uninstalled.",
  "manifest-cancelled": "The app was not created.",
  requested: "Your request has been sent to the organization's owners.",
  redelivered: "The delivery has been queued for redelivery.",
} as const;

export type Notice = keyof typeof NOTICES;

export function noticeText(key: string | undefined): string | undefined {
  return key !== undefined && Object.hasOwn(NOTICES, key) ? NOTICES[key as Notice] : undefined;
}
