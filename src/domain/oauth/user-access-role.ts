import { repositoryRole, type RepositoryRole } from "../access.js";
import type { Repository, UserAccessToken } from "../model.js";
import type {
  AccountStore,
  InstallationRepositoryStore,
  InstallationStore,
  RepositoryStore,
} from "../../store/store.js";

/** What deciding a user access token's reach reads. */
type ReachStore = AccountStore & RepositoryStore & InstallationStore & InstallationRepositoryStore;

/**
 * What a GitHub App's user access token may see of a repository: the intersection of what its user
 * reaches and what the app's installation on the owner reaches (narrowed by a scoped token). Public
 * repositories are read by anyone, as without a token. The role shown is the user's own.
 * https://docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app/authenticating-with-a-github-app-on-behalf-of-a-user
 */
export async function userAccessRole(
  store: ReachStore,
  token: UserAccessToken,
  repository: Repository,
): Promise<RepositoryRole | undefined> {
  const role = await repositoryRole(store, token.user, repository);
  if (!role) return undefined;
  if (await appReaches(store, token, repository)) return role;
  return repository.private
    ? undefined
    : { admin: false, maintain: false, push: false, triage: false, pull: true };
}

async function appReaches(
  store: ReachStore,
  token: UserAccessToken,
  repository: Repository,
): Promise<boolean> {
  if (token.scope) {
    if (token.scope.targetId !== repository.owner.id) return false;
    if (token.scope.repositoryIds && !token.scope.repositoryIds.includes(repository.id)) return false;
  }
  const installation = await store.findInstallationForAccount(token.appId, repository.owner.id);
  if (!installation || installation.suspendedAt !== null) return false;
  return store.installationHasRepository(installation, repository.id);
}
