import { SqliteStore } from "./sqlite-store.js";
import type { ReportStore } from "./store.js";
import { StoreError } from "./store-error.js";

/** `--db postgres://…` (or `postgresql://`) names a PostgreSQL store; anything else is a SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** Opens the store `--db` names, creating and migrating it as needed. */
export async function openReportStore(location: string): Promise<ReportStore> {
  if (isPostgresUrl(location)) {
    throw new StoreError(
      `--db ${location}: PostgreSQL stores are not supported yet; give a SQLite file path`,
    );
  }
  return new SqliteStore(location);
}
