import { nodeId } from "../domain/node-id.js";
import type { InstallationRequest } from "../domain/model.js";
import type { Urls } from "./urls.js";
import { simpleUser } from "./account.js";
import { timestamp } from "./time.js";

/** GitHub's `integration-installation-request`. */
export function installationRequest(r: InstallationRequest, urls: Urls) {
  return {
    id: r.id,
    node_id: nodeId("IntegrationInstallationRequest", r.id),
    account: simpleUser(r.account, urls),
    requester: simpleUser(r.requester, urls),
    created_at: timestamp(r.createdAt),
  };
}
