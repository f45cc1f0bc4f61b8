import type { FastifyRequest } from "fastify";
import type { Page } from "../domain/list-window.js";
import type { Urls } from "./urls.js";

export interface PageInfo {
  page: number;
  perPage: number;
  total: number;
}

const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;
/** Far beyond any real list, small enough that page × per_page stays an exact integer in every engine. */
const MAX_PAGE = 1_000_000_000;

function positiveInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 ? n : undefined;
}

/**
 * GitHub's page parameters: `per_page` defaults to 30 and is capped at 100; a `page` that is missing,
 * zero, negative or not a number is the first page.
 */
export function pageParams(query: Record<string, string | undefined>): {
  page: number;
  perPage: number;
  rows: Page;
} {
  const perPage = Math.min(positiveInt(query.per_page) ?? DEFAULT_PER_PAGE, MAX_PER_PAGE);
  const page = Math.min(positiveInt(query.page) ?? 1, MAX_PAGE);
  return { page, perPage, rows: { limit: perPage, offset: (page - 1) * perPage } };
}

/**
 * GitHub's `Link` header, with absolute URLs on the request's own scheme, host, port and prefix
 * (octokit strips its baseUrl from them; PyGithub checks the host; ruby's Sawyer splits on ", ").
 */
export function linkHeader(request: FastifyRequest, urls: Urls, info: PageInfo): string | undefined {
  const last = Math.max(1, Math.ceil(info.total / info.perPage));
  const queryAt = request.url.indexOf("?");
  const path = (queryAt < 0 ? request.url : request.url.slice(0, queryAt)).replace(/\/{2,}/g, "/");
  const params = new URLSearchParams(queryAt < 0 ? "" : request.url.slice(queryAt + 1));
  // GitHub writes the other parameters as given, then `per_page` (if given), then `page`:
  // `?name=build-tar&per_page=1&page=2` (PyGithub's `tests/ReplayData/Artifact.testGetArtifactsFromRepoWithName.txt`).
  const perPage = params.get("per_page");
  params.delete("page");
  params.delete("per_page");
  if (perPage !== null) params.append("per_page", perPage);
  const base = `${urls.web + path}?${params.size > 0 ? `${params.toString()}&` : ""}page=`;
  const link = (page: number, rel: string) => `<${base}${page}>; rel="${rel}"`;
  const parts: string[] = [];
  if (info.page > 1) parts.push(link(Math.min(info.page - 1, last), "prev"));
  if (info.page < last) parts.push(link(info.page + 1, "next"), link(last, "last"));
  if (info.page > 1) parts.push(link(1, "first"));
  return parts.length > 0 ? parts.join(", ") : undefined;
}

/** GitHub's cursor pagination (webhook deliveries): a `next` link carrying the cursor, nothing else. */
export function cursorLinkHeader(request: FastifyRequest, urls: Urls, next: string): string {
  const queryAt = request.url.indexOf("?");
  const path = (queryAt < 0 ? request.url : request.url.slice(0, queryAt)).replace(/\/{2,}/g, "/");
  const params = new URLSearchParams(queryAt < 0 ? "" : request.url.slice(queryAt + 1));
  params.set("cursor", next);
  return `<${urls.web}${path}?${params.toString()}>; rel="next"`;
}
