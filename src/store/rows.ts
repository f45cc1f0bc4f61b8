import { sql } from "kysely";
import type { Account } from "../domain/model.js";

export { canonicalJson } from "../domain/same-json.js";

/**
 * The row conversions every aggregate shares. Joined rows carry an account under a column prefix (`acc_`,
 * `sus_`, `own_`), so one read returns an object and its account together; each aggregate maps its own
 * rows beside its queries (aggregates/*).
 */
type Row = Record<string, unknown>;

export const accountColumns = [
  "id",
  "login",
  "type",
  "name",
  "email",
  "site_admin",
  "created_at",
  "updated_at",
] as const;

export function toAccount(row: Row, prefix = ""): Account {
  return {
    id: row[`${prefix}id`] as number,
    login: row[`${prefix}login`] as string,
    type: row[`${prefix}type`] as Account["type"],
    name: (row[`${prefix}name`] as string | null) ?? null,
    email: (row[`${prefix}email`] as string | null) ?? null,
    siteAdmin: row[`${prefix}site_admin`] === 1 || row[`${prefix}site_admin`] === true,
    createdAt: row[`${prefix}created_at`] as number,
    updatedAt: row[`${prefix}updated_at`] as number,
  };
}

/** An account's columns from a joined table, renamed with a prefix. */
export function accountAs(alias: string, prefix: string) {
  return accountColumns.map((column) => sql.ref(`${alias}.${column}`).as(`${prefix}${column}`));
}
