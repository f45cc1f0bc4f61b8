import type { Account, App, Installation } from "../domain/model.js";

/**
 * Where GitHub keeps an account's settings: a user's under `/settings`, an organization's under
 * `/organizations/{org}/settings` (the installation `html_url` the API serves points there too).
 */
export function settingsBase(account: Account): string {
  return account.type === "Organization"
    ? `/organizations/${encodeURIComponent(account.login)}/settings`
    : "/settings";
}

export const appSettingsPath = (app: App) =>
  `${settingsBase(app.owner)}/apps/${encodeURIComponent(app.slug)}`;

export const installationPath = (installation: Installation) =>
  `${settingsBase(installation.account)}/installations/${installation.id}`;
