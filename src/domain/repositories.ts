import { repositoryRole } from "./access.js";
import { seconds, type Clock } from "./clock.js";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors.js";
import type { EventSink } from "./events.js";
import { checkLength, FIELD_LIMITS } from "./field-limits.js";
import type { Account, MergeSettings, Repository, RepositoryPermission } from "./model.js";
import type { AccountStore, Page, Paged, RepositoryStore, Transactor } from "../store/store.js";

export interface RepositorySettings {
  name?: string;
  description?: string | null;
  private?: boolean;
  defaultBranch?: string;
  /** Pull-request merge settings to change; those not named keep their value (GitHub's default when new). */
  mergeSettings?: Partial<MergeSettings>;
}

const PERMISSIONS: RepositoryPermission[] = ["pull", "triage", "push", "maintain", "admin"];

/**
 * GitHub's repository names: letters, digits, `.`, `-` and `_`, at most 100; anything else becomes a
 * hyphen (GitHub renames rather than refuses).
 */
export function repositoryName(value: string): string {
  const name = value.trim().replace(/[^A-Za-z0-9._-]+/g, "-");
  if (name.length === 0 || name.length > 100 || name === "." || name === "..") {
    throw new ValidationError("Repository creation failed.", [
      { resource: "Repository", field: "name", code: "custom", message: "name is invalid" },
    ]);
  }
  return name;
}

/** A description and a default branch within GitHub's limits (every overview page shows them). */
function checkRepositoryText(settings: RepositorySettings): void {
  checkLength("Repository", "description", settings.description, FIELD_LIMITS.repositoryDescription);
  checkLength("Repository", "default_branch", settings.defaultBranch, FIELD_LIMITS.branchName);
}

/** Repositories and their collaborators, as the people who own and administer them change them. */
export class Repositories {
  constructor(
    private readonly store: RepositoryStore & AccountStore & Transactor,
    private readonly clock: Clock,
    private readonly events: EventSink,
  ) {}

  async get(owner: string, name: string): Promise<Repository> {
    const repository = await this.store.findRepository(owner, name);
    if (!repository) throw new NotFoundError();
    return repository;
  }

  /** A new repository of `owner`: the actor's own, or an organization's the actor belongs to. */
  async create(owner: Account, settings: RepositorySettings, actor: Account): Promise<Repository> {
    const name = repositoryName(settings.name ?? "");
    checkRepositoryText(settings);
    if (owner.id !== actor.id && !actor.siteAdmin) {
      const role =
        owner.type === "Organization" ? await this.store.findOrgRole(owner.id, actor.id) : undefined;
      if (!role) throw new NotFoundError();
    }
    return this.store.transaction(async (tx) => {
      if (await tx.findRepository(owner.login, name)) {
        throw new ValidationError("Repository creation failed.", [
          {
            resource: "Repository",
            field: "name",
            code: "custom",
            message: "name already exists on this account",
          },
        ]);
      }
      const id = await tx.allocateId("repositories");
      await tx.insertRepository({
        id,
        ownerId: owner.id,
        name,
        private: settings.private ?? false,
        description: settings.description ?? null,
        defaultBranch: settings.defaultBranch ?? "main",
        mergeSettings: settings.mergeSettings,
        now: seconds(this.clock),
      });
      return (await tx.findRepositoryById(id))!;
    });
  }

  async update(repository: Repository, settings: RepositorySettings, actor: Account): Promise<Repository> {
    await this.mustAdminister(repository, actor);
    const name = settings.name === undefined ? undefined : repositoryName(settings.name);
    checkRepositoryText(settings);
    return this.store.transaction(async (tx) => {
      if (name !== undefined && name.toLowerCase() !== repository.name.toLowerCase()) {
        if (await tx.findRepository(repository.owner.login, name)) {
          throw new ValidationError("Validation Failed", [
            {
              resource: "Repository",
              field: "name",
              code: "custom",
              message: "name already exists on this account",
            },
          ]);
        }
      }
      await tx.updateRepository(repository.id, {
        ...(name !== undefined && { name }),
        ...(settings.description !== undefined && { description: settings.description }),
        ...(settings.private !== undefined && { private: settings.private }),
        ...(settings.defaultBranch !== undefined && { defaultBranch: settings.defaultBranch }),
        mergeSettings: settings.mergeSettings,
        now: seconds(this.clock),
      });
      return (await tx.findRepositoryById(repository.id))!;
    });
  }

  /** Deletes a repository; each installation that reached it hears `installation_repositories.removed`. */
  async delete(repository: Repository, actor: Account): Promise<void> {
    await this.mustAdminister(repository, actor);
    await this.store.transaction(async (tx) => {
      const reaching = await tx.listInstallationsReachingRepository(repository);
      await tx.deleteRepository(repository.id);
      for (const installation of reaching) {
        await this.events.record(tx, installation.appId, {
          event: "installation_repositories",
          action: "removed",
          installation,
          sender: actor,
          added: [],
          removed: [repository],
        });
      }
    });
  }

  async addCollaborator(
    repository: Repository,
    user: Account,
    permission: string,
    actor: Account,
  ): Promise<void> {
    await this.mustAdminister(repository, actor);
    if (!PERMISSIONS.includes(permission as RepositoryPermission)) {
      throw new ValidationError("Validation Failed", [
        { resource: "Repository", field: "permission", code: "invalid" },
      ]);
    }
    if (user.type !== "User") throw new NotFoundError();
    await this.store.setCollaborator(repository.id, user.id, permission as RepositoryPermission);
  }

  async removeCollaborator(repository: Repository, user: Account, actor: Account): Promise<void> {
    await this.mustAdminister(repository, actor);
    await this.store.removeCollaborator(repository.id, user.id);
  }

  /** Only admins change a repository; one the actor cannot see at all is not found. */
  private async mustAdminister(repository: Repository, actor: Account): Promise<void> {
    const role = await repositoryRole(this.store, actor, repository);
    if (!role) throw new NotFoundError();
    if (!role.admin) throw new ForbiddenError("Must have admin rights to Repository.");
  }

  listForAccount(account: Account, page: Page): Promise<Paged<Repository>> {
    return this.store.listRepositoriesForAccount(account.id, page);
  }

  find(owner: string, name: string): Promise<Repository | undefined> {
    return this.store.findRepository(owner, name);
  }

  /** How many public and private repositories `account` owns (`GET /user`'s counts). */
  async countOwned(account: Account): Promise<{ public: number; private: number }> {
    const owned = await this.store.listRepositoriesForAccount(account.id, { limit: 100_000, offset: 0 });
    const privateCount = owned.items.filter((r) => r.private).length;
    return { public: owned.total - privateCount, private: privateCount };
  }
}
