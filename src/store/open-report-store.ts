import type { ReportStore } from "./store.js";

/** `--db postgres://…` (or `postgresql://`) names a PostgreSQL store; anything else is a SQLite file. */
function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** Opens the store `--db` names, creating and migrating it as needed. */
export async function openReportStore(location: string): Promise<ReportStore> {
  if (isPostgresUrl(location)) {
    // Loaded only for PostgreSQL: a SQLite run never pays for the driver.
    const { PostgresStore } = await import("./postgres/postgres-store.js");
    return PostgresStore.open(location);
  }
  // Loaded only when a store is opened: `check` without one never loads node:sqlite and the schema.
  const { SqliteStore } = await import("./sqlite-store.js");
  return new SqliteStore(location);
}
