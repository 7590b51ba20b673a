import { statSync } from "node:fs";
import { StoreError } from "./store-error.js";

/**
 * A command that reads reports refuses a SQLite store that is not there, instead of letting SQLite
 * create an empty one: `reports summary --db reprots.db --fail-above 2` in a cron job would otherwise
 * pass forever on a typo. Exit 2 like any other unusable `--db` (store-error.ts): rerunning cannot fix a
 * wrong path. Only a missing path is judged here; anything else (no permission, a folder, a damaged
 * file) is left to the open, which names its own reason.
 */
export function requireStoreFile(location: string): void {
  try {
    statSync(location);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ENOTDIR: a part of the path is a file, so nothing can be at the path either.
    if (code === "ENOENT" || code === "ENOTDIR")
      throw new StoreError(`no report store at ${location} (reports ingest creates one)`);
  }
}
