import { sql, type CompiledQuery, type SelectQueryBuilder } from "kysely";
import type { Executor } from "../executor.js";

/** Offset pagination, as GitHub's `per_page` and `page` ask for it. */
export interface Page {
  limit: number;
  offset: number;
}

export interface Paged<T> {
  items: T[];
  total: number;
}

/** A page of a select, its LIMIT and OFFSET written into the SQL as integers. */
export function pageOf<DB, TB extends keyof DB, O>(qb: SelectQueryBuilder<DB, TB, O>, page: Page) {
  return qb.limit(sql.lit(Math.trunc(page.limit))).offset(sql.lit(Math.trunc(page.offset)));
}

/**
 * A page and its list's total, read together: `rows` is the page's query (see `pageOf`), `count` counts
 * the whole list into `n`. The hot lists (prepared, their total carried on each row) do not come here.
 */
export async function paged<R, T>(
  ex: Executor,
  rows: CompiledQuery<R>,
  count: CompiledQuery<{ n: number | string | bigint }>,
  toItems: (rows: R[]) => T[] | Promise<T[]>,
): Promise<Paged<T>> {
  const [page, counted] = await Promise.all([ex.all(rows), ex.first(count)]);
  return { items: await toItems(page), total: Number(counted?.n ?? 0) };
}
