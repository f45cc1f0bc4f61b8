import { repositoryRole } from "../access.js";
import { seconds } from "../clock.js";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors.js";
import type { Account, Installation } from "../model.js";
import { reachableRepositories, reportRepositoryChanges } from "../repository-changes.js";
import type { StoreOps } from "../../store/store.js";
import type { OAuthDeps } from "./oauth-deps.js";

/** GitHub's answer to a person without admin rights to the repository. */
const NOT_ADMIN = "Must have admin rights to Repository.";

/**
 * `PUT|DELETE /user/installations/{id}/repositories/{repository_id}`: a person who administers a
 * repository adds it to (or removes it from) an installation on selected repositories. The app hears
 * `installation_repositories` with that person as sender. `appId` limits a user access token to its
 * own app's installations.
 * https://docs.github.com/rest/apps/installations#add-a-repository-to-an-app-installation
 */
export async function changeInstallationRepository(
  deps: OAuthDeps,
  user: Account,
  change: { installationId: number; repositoryId: number; add: boolean; appId?: number },
): Promise<void> {
  await deps.store.transaction(async (tx) => {
    const installation = await tx.findInstallation(change.installationId);
    if (!installation || (change.appId !== undefined && installation.appId !== change.appId)) {
      throw new NotFoundError();
    }
    const repository = await tx.findRepositoryById(change.repositoryId);
    if (!repository || repository.owner.id !== installation.account.id) throw new NotFoundError();
    const role = await repositoryRole(tx, user, repository);
    if (!role) throw new NotFoundError();
    if (!role.admin) throw new ForbiddenError(NOT_ADMIN);
    if (installation.repositorySelection === "all") {
      if (change.add) return; // it reaches every repository already
      throw new ValidationError(
        "The installation has access to all repositories; choose repositories first.",
      );
    }
    await replaceRepositories(tx, deps, installation, user, change.repositoryId, change.add);
  });
}

async function replaceRepositories(
  tx: StoreOps,
  deps: OAuthDeps,
  installation: Installation,
  user: Account,
  repositoryId: number,
  add: boolean,
): Promise<void> {
  const before = await reachableRepositories(tx, installation);
  const ids = new Set(before.map((r) => r.id));
  if (add === ids.has(repositoryId)) {
    if (add) return;
    throw new NotFoundError();
  }
  if (add) ids.add(repositoryId);
  else ids.delete(repositoryId);
  await tx.setInstallationRepositories(
    installation.id,
    [...ids].sort((a, b) => a - b),
  );
  await tx.updateInstallation(installation.id, { now: seconds(deps.clock) });
  const after = (await tx.findInstallation(installation.id))!;
  await reportRepositoryChanges(tx, deps.events, after, before, user);
}
