import type { ContentAttachment, ContentReference } from "../../domain/model.js";
import { SqlSlice } from "./sql-slice.js";

export interface ContentReferenceTables {
  app_content_reference_domains: { app_id: number; domain: string };
  content_references: {
    id: number;
    installation_id: number;
    repository_id: number;
    reference: string;
    created_at: number;
  };
  content_attachments: {
    id: number;
    content_reference_id: number;
    title: string;
    body: string;
    created_at: number;
  };
}

/** Content references (migration 007): the domains an app registers, the links found, its attachments. */
export interface ContentReferenceStore {
  listContentReferenceDomains(appId: number): Promise<string[]>;
  setContentReferenceDomains(appId: number, domains: string[]): Promise<void>;
  insertContentReference(reference: Omit<ContentReference, "createdAt"> & { now: number }): Promise<void>;
  findContentReference(id: number): Promise<ContentReference | undefined>;
  insertContentAttachment(attachment: Omit<ContentAttachment, "createdAt"> & { now: number }): Promise<void>;
}

export class SqlContentReferenceStore extends SqlSlice implements ContentReferenceStore {
  async listContentReferenceDomains(appId: number): Promise<string[]> {
    const rows = await this.ex.all(
      this.db
        .selectFrom("app_content_reference_domains")
        .select("domain")
        .where("app_id", "=", appId)
        .orderBy("domain")
        .compile(),
    );
    return rows.map((r) => r.domain);
  }

  async setContentReferenceDomains(appId: number, domains: string[]): Promise<void> {
    await this.ex.transaction(async (tx) => {
      await tx.run(this.db.deleteFrom("app_content_reference_domains").where("app_id", "=", appId).compile());
      if (domains.length === 0) return;
      await tx.run(
        this.db
          .insertInto("app_content_reference_domains")
          .values(domains.map((domain) => ({ app_id: appId, domain })))
          .compile(),
      );
    });
  }

  async insertContentReference(r: Omit<ContentReference, "createdAt"> & { now: number }): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("content_references")
        .values({
          id: r.id,
          installation_id: r.installationId,
          repository_id: r.repositoryId,
          reference: r.reference,
          created_at: r.now,
        })
        .compile(),
    );
  }

  async findContentReference(id: number): Promise<ContentReference | undefined> {
    const row = await this.ex.first(
      this.db.selectFrom("content_references").selectAll().where("id", "=", id).compile(),
    );
    return (
      row && {
        id: row.id,
        installationId: row.installation_id,
        repositoryId: row.repository_id,
        reference: row.reference,
        createdAt: row.created_at,
      }
    );
  }

  async insertContentAttachment(a: {
    id: number;
    contentReferenceId: number;
    title: string;
    body: string;
    now: number;
  }): Promise<void> {
    await this.ex.run(
      this.db
        .insertInto("content_attachments")
        .values({
          id: a.id,
          content_reference_id: a.contentReferenceId,
          title: a.title,
          body: a.body,
          created_at: a.now,
        })
        .compile(),
    );
  }
}
