import { seconds, type Clock } from "./clock.js";
import { NotFoundError, ValidationError } from "./errors.js";
import type { Account, InstallationRequest } from "./model.js";
import type { InstallationRequestStore, Page, Paged, Transactor } from "../store/store.js";

const invalid = (field: string, code: "invalid" | "already_exists", message: string) =>
  new ValidationError(message, [{ resource: "IntegrationInstallationRequest", field, code, message }]);

/**
 * Installation requests: an organization member who may not install an app asks the organization's
 * admins to (https://docs.github.com/apps/using-github-apps/requesting-a-github-app-from-your-organization-owner).
 * The app lists them with `GET /app/installation-requests`; installing the app on the organization clears
 * them (Installing.install).
 */
export class InstallationRequests {
  constructor(
    private readonly store: InstallationRequestStore & Transactor,
    private readonly clock: Clock,
  ) {}

  async request(appId: number, account: Account, requester: Account): Promise<InstallationRequest> {
    return this.store.transaction(async (tx) => {
      if (!(await tx.findAppById(appId))) throw new NotFoundError();
      if (account.type !== "Organization") {
        throw invalid(
          "account",
          "invalid",
          "Installations are requested of organizations; people install on their own account.",
        );
      }
      if (requester.type !== "User") throw invalid("requester", "invalid", "A request is made by a person.");
      const role = await tx.findOrgRole(account.id, requester.id);
      if (role === undefined) {
        throw invalid("requester", "invalid", `${requester.login} is not a member of ${account.login}.`);
      }
      if (role === "admin") {
        throw invalid(
          "requester",
          "invalid",
          `${requester.login} administers ${account.login}: admins install, they don't request.`,
        );
      }
      if (await tx.findInstallationForAccount(appId, account.id)) {
        throw invalid("account", "already_exists", `The app is already installed on ${account.login}.`);
      }
      if (await tx.findInstallationRequest(appId, account.id, requester.id)) {
        throw invalid("requester", "already_exists", `${requester.login} has already requested it.`);
      }
      const id = await tx.allocateId("installation_requests");
      await tx.insertInstallationRequest({
        id,
        appId,
        accountId: account.id,
        requesterId: requester.id,
        now: seconds(this.clock),
      });
      return (await tx.findInstallationRequest(appId, account.id, requester.id))!;
    });
  }

  list(appId: number, page: Page): Promise<Paged<InstallationRequest>> {
    return this.store.listInstallationRequests(appId, page);
  }

  /** Whether `requester` has asked for the app on the account, and the request is still open. */
  async isRequested(appId: number, account: Account, requester: Account): Promise<boolean> {
    return (await this.store.findInstallationRequest(appId, account.id, requester.id)) !== undefined;
  }
}
