import type { DomainEvent } from "../domain/events.js";
import { nodeId } from "../domain/node-id.js";
import type { Repository } from "../domain/model.js";
import { simpleUser } from "../serialize/account.js";
import { contentReference } from "../serialize/content-reference.js";
import { webhookMarketplacePurchase } from "../serialize/marketplace.js";
import { repository } from "../serialize/repository.js";
import { installation } from "../serialize/installation.js";
import { timestamp } from "../serialize/time.js";
import type { Urls } from "../serialize/urls.js";

/** The short repository objects of installation payloads (`webhooks_repositories`). */
function repositoryRef(r: Repository) {
  return {
    id: r.id,
    node_id: nodeId("Repository", r.id),
    name: r.name,
    full_name: `${r.owner.login}/${r.name}`,
    private: r.private,
  };
}

const ZEN = [
  "Design for failure.",
  "Keep it logically awesome.",
  "Speak like a human.",
  "Non-blocking is better than blocking.",
];

/**
 * GitHub's payload for an event, valid against @octokit/openapi-webhooks. URLs point at hubcap, as the
 * API's do.
 */
export function payloadFor(
  event: DomainEvent,
  urls: Urls,
): { event: string; action: string | null; installationId: number | null; body: object } {
  switch (event.event) {
    case "installation":
      return {
        event: "installation",
        action: event.action,
        installationId: event.installation.id,
        body: {
          action: event.action,
          installation: installation(event.installation, urls),
          ...(event.repositories && { repositories: event.repositories.map(repositoryRef) }),
          requester: null,
          sender: simpleUser(event.sender, urls),
        },
      };
    case "installation_repositories":
      return {
        event: "installation_repositories",
        action: event.action,
        installationId: event.installation.id,
        body: {
          action: event.action,
          installation: installation(event.installation, urls),
          repository_selection: event.installation.repositorySelection,
          repositories_added: event.added.map(repositoryRef),
          repositories_removed: event.removed.map(repositoryRef),
          requester: null,
          sender: simpleUser(event.sender, urls),
        },
      };
    case "installation_target": {
      const account = event.account;
      return {
        event: "installation_target",
        action: event.action,
        installationId: event.installation.id,
        body: {
          action: event.action,
          // GitHub's account here is the full profile; hubcap has the simple one (and a name when set).
          account: { ...simpleUser(account, urls), ...(account.name !== null && { name: account.name }) },
          changes: event.changes,
          installation: { id: event.installation.id, node_id: nodeId("Installation", event.installation.id) },
          sender: simpleUser(event.sender, urls),
          target_type: account.type,
        },
      };
    }
    case "marketplace_purchase":
      return {
        event: "marketplace_purchase",
        action: event.action,
        installationId: null,
        body: {
          action: event.action,
          effective_date: timestamp(event.effectiveDate),
          sender: simpleUser(event.sender, urls),
          marketplace_purchase: webhookMarketplacePurchase(event.purchase),
          ...(event.previous && {
            previous_marketplace_purchase: webhookMarketplacePurchase(event.previous),
          }),
        },
      };
    case "content_reference":
      return {
        event: "content_reference",
        action: event.action,
        installationId: event.installation.id,
        body: {
          action: event.action,
          content_reference: contentReference(event.contentReference),
          repository: repository(event.repository, urls),
          sender: simpleUser(event.sender, urls),
          installation: { id: event.installation.id, node_id: nodeId("Installation", event.installation.id) },
        },
      };
    case "github_app_authorization":
      return {
        event: "github_app_authorization",
        action: event.action,
        installationId: null,
        body: { action: event.action, sender: simpleUser(event.sender, urls) },
      };
    case "ping": {
      const app = event.app;
      return {
        event: "ping",
        action: null,
        installationId: null,
        body: {
          zen: ZEN[app.id % ZEN.length],
          hook_id: app.hookId,
          hook: {
            type: "App",
            id: app.hookId,
            name: "web",
            active: app.webhookActive,
            events: app.events,
            config: {
              content_type: app.webhookContentType,
              insecure_ssl: app.webhookInsecureSsl,
              url: app.webhookUrl,
            },
            updated_at: timestamp(app.updatedAt),
            created_at: timestamp(app.createdAt),
            app_id: app.id,
            deliveries_url: `${urls.api}/app/hook/deliveries`,
          },
        },
      };
    }
  }
}
