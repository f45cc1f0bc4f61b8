/**
 * GitHub's legacy global node ids: base64 of "<3-digit length of the type><Type><id>", e.g.
 * "MDEwOlJlcG9zaXRvcnkxMjk2MjY5" for Repository 1296269. Clients treat them as opaque.
 */
export type NodeType =
  | "User"
  | "Organization"
  | "Repository"
  | "Integration"
  | "Bot"
  | "Installation"
  | "IntegrationInstallationRequest"
  | "ContentReference"
  | "ContentAttachment";

export function nodeId(type: NodeType, id: number): string {
  return Buffer.from(`${String(type.length).padStart(3, "0")}:${type}${id}`).toString("base64");
}
