import { nodeId } from "../domain/node-id.js";
import type { App } from "../domain/model.js";
import type { Urls } from "./urls.js";
import { simpleUser } from "./account.js";
import { timestamp } from "./time.js";

/**
 * GitHub's `integration`. `html_url` points at hubcap's own app page: octokit's `getInstallationUrl()`
 * builds the install page from it.
 */
export function integration(app: App, urls: Urls, options: { installationsCount?: boolean } = {}) {
  return {
    id: app.id,
    slug: app.slug,
    node_id: nodeId("Integration", app.id),
    client_id: app.clientId,
    owner: simpleUser(app.owner, urls),
    name: app.name,
    description: app.description,
    external_url: app.externalUrl,
    html_url: `${urls.web}/apps/${app.slug}`,
    created_at: timestamp(app.createdAt),
    updated_at: timestamp(app.updatedAt),
    permissions: app.permissions,
    events: app.events,
    ...(options.installationsCount && { installations_count: app.installationsCount }),
  };
}
