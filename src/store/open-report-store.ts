import { requireStoreFile } from "./require-store-file.js";
import type { ReportStore } from "./store.js";

/**
 * Whether opening may create the store: only `reports ingest` fills one; every other command reads
 * what an ingest stored, and a store it created could only be empty.
 */
export type StoreAccess = "create" | "existing";

/** `--db postgres://…` (or `postgresql://`) names a PostgreSQL store; anything else is a SQLite file. */
function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** Opens the store `--db` names and migrates it as needed, creating a SQLite file only for `create`. */
export async function openReportStore(location: string, access: StoreAccess): Promise<ReportStore> {
  if (isPostgresUrl(location)) {
    // mailaudit never creates a database, whatever the access: one that does not exist fails to
    // connect (exit 2). Loaded only for PostgreSQL: a SQLite run never pays for the driver.
    const { PostgresStore } = await import("./postgres/postgres-store.js");
    return PostgresStore.open(location);
  }
  if (access === "existing") requireStoreFile(location);
  // Loaded only when a store is opened: `check` without one never loads node:sqlite and the schema.
  const { SqliteStore } = await import("./sqlite-store.js");
  return new SqliteStore(location);
}
