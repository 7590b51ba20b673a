import { mkdirSync } from "node:fs";
import { basename, dirname } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { storeBusyTimeoutMs } from "./busy-timeout.js";
import { MIGRATIONS, type Migration } from "./migrations.js";
import { StoreBusyError, StoreError } from "./store-error.js";

/**
 * Opens (creating if needed) the SQLite store and brings its schema up to date. WAL lets readers run
 * beside a writer, and `busy_timeout` makes two writers take turns instead of failing.
 * A file that is not SQLite, is damaged, or is some other program's database is an error, never reset.
 */
export function openStore(location: string): DatabaseSync {
  try {
    mkdirSync(dirname(location), { recursive: true });
  } catch (error) {
    throw new StoreError(
      `--db ${location}: cannot create its folder (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  const busyTimeoutMs = storeBusyTimeoutMs();
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(location, { timeout: busyTimeoutMs });
  } catch (error) {
    throw new StoreError(`--db ${location}: cannot open (${errorText(error)})`);
  }
  try {
    retryWhileBusy(busyTimeoutMs, () => {
      // The first read fails on a file that is not a database ("file is not a database").
      db.prepare("SELECT count(*) FROM sqlite_schema").get();
      // Judge the file before changing anything: switching to WAL rewrites the header of another
      // program's database, or of a newer mailaudit's store, that we are about to refuse.
      const problem = ownershipProblem(db, location);
      if (problem) throw problem;
      db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
      migrate(db, location);
    });
  } catch (error) {
    db.close();
    if (error instanceof StoreError) throw error;
    if (isBusy(error)) throw busyStoreError(location, busyTimeoutMs, error);
    if (isReadOnly(error)) throw readOnlyOpenError(location, error);
    throw new StoreError(`--db ${location}: not a usable SQLite store (${errorText(error)})`);
  }
  return db;
}

/**
 * Switching a new file to WAL needs an exclusive lock, and SQLite does not always call the busy
 * handler for it, so two cron runs starting on a fresh store could see "database is locked".
 */
function retryWhileBusy(timeoutMs: number, action: () => void): void {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      action();
      return;
    } catch (error) {
      if (!isBusy(error) || Date.now() > deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50 + Math.random() * 50);
    }
  }
}

function migrate(db: DatabaseSync, location: string): void {
  // IMMEDIATE takes the write lock first, so two first runs cannot both create the schema.
  db.exec("BEGIN IMMEDIATE");
  try {
    // Checked again under the write lock: another first run may have created the schema meanwhile.
    const problem = ownershipProblem(db, location);
    if (problem) throw problem;
    const version = schemaVersion(db);
    for (let next = version; next < MIGRATIONS.length; next++)
      db.exec((MIGRATIONS[next] as Migration).sqlite);
    if (version < MIGRATIONS.length) db.exec(`PRAGMA user_version = ${MIGRATIONS.length}`);
    db.exec("COMMIT");
  } catch (error) {
    db.exec("ROLLBACK");
    throw error;
  }
}

function schemaVersion(db: DatabaseSync): number {
  return Number((db.prepare("PRAGMA user_version").get() as { user_version: number }).user_version);
}

/** Why this database is not ours to write: a newer schema, or some other program's tables. */
function ownershipProblem(db: DatabaseSync, location: string): StoreError | undefined {
  const version = schemaVersion(db);
  if (version > MIGRATIONS.length) {
    return new StoreError(
      `--db ${location}: written by a newer mailaudit (schema ${version}, this one knows ${MIGRATIONS.length})`,
    );
  }
  if (version === 0) {
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_schema").get() as { n: number };
    if (Number(tables.n) > 0)
      return new StoreError(
        `--db ${location}: a SQLite database that is not a mailaudit store; refusing to change it`,
      );
  }
  return undefined;
}

/**
 * Opening needed a write this user may not make: the -shm file SQLite's WAL mode keeps beside the
 * store while it is open cannot be created (the folder is not writable and no other process has the
 * store open), or the schema must be brought up to date. Reading needs neither of those afterwards.
 */
function readOnlyOpenError(location: string, error: unknown): StoreError {
  const reason = errorText(error);
  if ((error as { errcode?: unknown }).errcode === SQLITE_READONLY_DIRECTORY)
    return new StoreError(
      `--db ${location}: cannot be read without writing beside it (${reason}): SQLite needs to create ${basename(location)}-shm in its folder; let this user write to the folder (the store itself may stay read-only)`,
    );
  return new StoreError(
    `--db ${location}: this user cannot write it, and opening it needs to (${reason}): run a reports command once as the user who ingests`,
  );
}

/** Another process held the write lock past the busy timeout: exit 3, retry later. */
export function busyStoreError(location: string, busyTimeoutMs: number, error: unknown): StoreBusyError {
  return new StoreBusyError(
    `--db ${location}: locked by another process for over ${busyTimeoutMs / 1000} s (${errorText(error)}); retry later`,
  );
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** SQLITE_READONLY or one of its extended codes: the file, its folder or its -shm cannot be written. */
export function isReadOnly(error: unknown): boolean {
  const code = (error as { errcode?: unknown } | undefined)?.errcode;
  return typeof code === "number" && (code & 0xff) === SQLITE_READONLY;
}

const SQLITE_READONLY = 8;
/** The -shm file WAL needs beside the store cannot be created: its folder is not writable. */
const SQLITE_READONLY_DIRECTORY = SQLITE_READONLY | (6 << 8);

export function isBusy(error: unknown): boolean {
  return /locked|busy/i.test(errorText(error));
}
