import type pg from "pg";
import { MIGRATIONS } from "../migrations.js";
import { StoreError } from "../store-error.js";

/** Our tables; a database holding one of them without `mailaudit_schema` belongs to someone else. */
const OUR_TABLES = [
  "reports",
  "records",
  "auth_results",
  "imap_cursors",
  "report_sums",
  "failing_sources",
  "source_groups",
];
/** pg_advisory_lock key: "mailaudt" in ASCII (0x6d61696c61756474 = 7881696737087546484), recognisable in pg_locks. */
const MIGRATION_LOCK = "7881696737087546484";

/**
 * Brings the schema up to date, once however many processes start at the same moment: the first
 * takes an advisory lock and migrates, the others wait on the lock and then find nothing left to do.
 * The lock is taken before BEGIN: a transaction starts by reading what other sessions changed in the
 * catalog, so a waiter sees the tables the first one created (an advisory lock taken inside the
 * transaction does not refresh that). DDL is transactional in PostgreSQL, so a migration applies
 * whole or not at all; a session that dies releases its lock.
 * A database written by a newer mailaudit, or holding another program's tables by our names, is
 * refused and never changed (exit 2, as for SQLite).
 */
export async function migrate(client: pg.Client, label: string): Promise<void> {
  // The common case, without a lock: the schema is current.
  if ((await schemaVersion(client, label)) === MIGRATIONS.length) return;
  await client.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
  try {
    await client.query("BEGIN");
    const version = await schemaVersion(client, label);
    if (version === undefined) {
      const clash = await client.query<{ name: string }>(
        "SELECT c.relname AS name FROM pg_class c WHERE c.relname = ANY ($1) AND pg_table_is_visible(c.oid)",
        [OUR_TABLES],
      );
      const name = clash.rows[0]?.name;
      if (name !== undefined)
        throw new StoreError(
          `--db ${label}: has a table "${name}" that is not a mailaudit store's; refusing to change it (use a database or schema of its own)`,
        );
      await client.query("CREATE TABLE mailaudit_schema (version integer NOT NULL)");
      await client.query("INSERT INTO mailaudit_schema (version) VALUES (0)");
    }
    for (let next = version ?? 0; next < MIGRATIONS.length; next++)
      await client.query(MIGRATIONS[next]?.postgres as string);
    await client.query("UPDATE mailaudit_schema SET version = $1", [MIGRATIONS.length]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`).catch(() => {});
  }
}

/** The schema version, or undefined in a database mailaudit has never migrated. */
async function schemaVersion(client: pg.Client, label: string): Promise<number | undefined> {
  const present = await client.query("SELECT to_regclass('mailaudit_schema') IS NOT NULL AS present");
  if (present.rows[0]?.present !== true) return undefined;
  const result = await client.query<{ version: number | null }>(
    "SELECT max(version) AS version FROM mailaudit_schema",
  );
  const version = result.rows[0]?.version;
  if (version === null || version === undefined) return undefined;
  if (version > MIGRATIONS.length)
    throw new StoreError(
      `--db ${label}: written by a newer mailaudit (schema ${version}, this one knows ${MIGRATIONS.length})`,
    );
  return version;
}
