/** The two SQL engines hubcap runs on. Queries are written once; only a few column types differ. */
export type DialectName = "sqlite" | "postgres";

/** Column types per dialect: SQLite's INTEGER PRIMARY KEY is the rowid (no second index); PostgreSQL wants bigint. */
export function columnTypes(dialect: DialectName) {
  return dialect === "sqlite"
    ? ({ int: "integer", text: "text" } as const)
    : ({ int: "bigint", text: "text" } as const);
}
