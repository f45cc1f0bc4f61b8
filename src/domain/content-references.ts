import { seconds, type Clock } from "./clock.js";
import { ForbiddenError, GoneError, NotFoundError, ValidationError } from "./errors.js";
import type { EventSink } from "./events.js";
import { tokenPermissions } from "./installations.js";
import { grantsAll } from "./permissions.js";
import { NOT_ACCESSIBLE_BY_INTEGRATION } from "./oauth/user-access-permissions.js";
import type {
  Account,
  ContentAttachment,
  ContentReference,
  Installation,
  InstallationToken,
  Permissions,
  Repository,
} from "./model.js";
import type { ContentReferenceStore, StoreOps, Transactor } from "../store/store.js";

/** GitHub let an app register up to five content-reference domains. */
const MAX_DOMAINS = 5;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/;
/** "The app must create a content attachment within six hours of the content reference URL being posted." */
export const ATTACHMENT_WINDOW_SECONDS = 6 * 3600;

const invalid = (resource: string, field: string, message: string) =>
  new ValidationError(message, [{ resource, field, code: "invalid", message }]);

/** The domains a reference's URL matches: its host, or a domain the host is under. */
function hostOf(reference: string): string {
  let url: URL;
  try {
    url = new URL(reference);
  } catch {
    throw invalid("ContentReference", "reference", "The reference must be an http:// or https:// URL.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw invalid("ContentReference", "reference", "The reference must be an http:// or https:// URL.");
  }
  return url.hostname.toLowerCase();
}

/**
 * Content attachments (the older editions' `corsair` preview): an app registers domains; when a person
 * posts a link to one in an issue or pull request, the app hears `content_reference.created` and may
 * attach a title and body to it within six hours
 * (https://docs.github.com/en/enterprise-server@3.3/developers/apps/guides/using-content-attachments).
 */
export class ContentReferences {
  constructor(
    private readonly store: ContentReferenceStore & Transactor,
    private readonly clock: Clock,
    private readonly events: EventSink,
  ) {}

  /** Checks and normalizes an app's declared domains (lower case, unique, at most five). */
  static checkDomains(domains: string[]): string[] {
    const unique = [...new Set(domains.map((d) => d.trim().toLowerCase()))];
    if (unique.length > MAX_DOMAINS) {
      throw invalid("Integration", "content_references", `An app registers at most ${MAX_DOMAINS} domains.`);
    }
    for (const domain of unique) {
      if (!DOMAIN.test(domain))
        throw invalid("Integration", "content_references", `'${domain}' is not a domain.`);
    }
    return unique.sort();
  }

  async setDomains(appId: number, domains: string[]): Promise<string[]> {
    const checked = ContentReferences.checkDomains(domains);
    await this.store.setContentReferenceDomains(appId, checked);
    return checked;
  }

  listDomains(appId: number): Promise<string[]> {
    return this.store.listContentReferenceDomains(appId);
  }

  /**
   * A person posts `reference` in a repository the installation reaches: the reference is recorded and
   * the app hears `content_reference.created`. Refused unless the URL is on a domain the app declared and
   * the installation takes content references (the permission and the event).
   */
  async create(
    installation: Installation,
    repository: Repository,
    reference: string,
    sender: Account,
  ): Promise<ContentReference> {
    const host = hostOf(reference);
    return this.store.transaction(async (tx) => {
      const domains = await tx.listContentReferenceDomains(installation.appId);
      if (!domains.some((d) => host === d || host.endsWith(`.${d}`))) {
        throw invalid(
          "ContentReference",
          "reference",
          `${host} is not one of the app's content reference domains.`,
        );
      }
      await this.checkInstallation(tx, installation, repository);
      const id = await tx.allocateId("content_references");
      const now = seconds(this.clock);
      await tx.insertContentReference({
        id,
        installationId: installation.id,
        repositoryId: repository.id,
        reference,
        now,
      });
      const created = (await tx.findContentReference(id))!;
      await this.events.record(tx, installation.appId, {
        event: "content_reference",
        action: "created",
        contentReference: created,
        installation,
        repository,
        sender,
      });
      return created;
    });
  }

  /**
   * `POST /content_references/{id}/attachments` with an installation token: a reference outside the
   * token's reach is not found; one older than six hours (by hubcap's clock) is gone.
   */
  async attach(
    token: InstallationToken,
    referenceId: number,
    title: string,
    body: string,
    /** What the route needs (content_references write). */
    required: Readonly<Permissions>,
  ): Promise<ContentAttachment> {
    return this.store.transaction(async (tx) => {
      const reference = await tx.findContentReference(referenceId);
      const reachable =
        reference !== undefined &&
        reference.installationId === token.installation.id &&
        (token.repositoryIds === null || token.repositoryIds.includes(reference.repositoryId)) &&
        (await tx.installationHasRepository(token.installation, reference.repositoryId));
      if (!reachable) throw new NotFoundError();
      // What the installation grants now: a permission it has lost is lost for its old tokens too.
      if (!grantsAll(tokenPermissions(token), required)) {
        throw new ForbiddenError(NOT_ACCESSIBLE_BY_INTEGRATION);
      }
      const now = seconds(this.clock);
      if (now > reference.createdAt + ATTACHMENT_WINDOW_SECONDS) {
        throw new GoneError(
          "Content attachments can only be created within six hours of the content reference.",
        );
      }
      const id = await tx.allocateId("content_attachments");
      await tx.insertContentAttachment({ id, contentReferenceId: referenceId, title, body, now });
      return { id, contentReferenceId: referenceId, title, body, createdAt: now };
    });
  }

  private async checkInstallation(tx: StoreOps, installation: Installation, repository: Repository) {
    if (!(await tx.installationHasRepository(installation, repository.id))) {
      throw invalid(
        "ContentReference",
        "repository",
        `The installation does not reach ${repository.owner.login}/${repository.name}.`,
      );
    }
    if (installation.suspendedAt !== null) {
      throw invalid("ContentReference", "installation", "The installation is suspended.");
    }
    if (!installation.permissions.content_references) {
      throw invalid(
        "ContentReference",
        "installation",
        "The installation has no content_references permission.",
      );
    }
    if (!installation.events.includes("content_reference")) {
      throw invalid(
        "ContentReference",
        "installation",
        "The installation is not subscribed to content_reference events.",
      );
    }
  }
}
