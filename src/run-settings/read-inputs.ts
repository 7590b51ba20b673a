import { existsSync, readFileSync } from "node:fs";
import { RULE_IDS } from "../../rules/ids.js";
import { type LockFile, parseLockFile } from "../baseline/lockfile.js";
import { DEFAULT_CONFIG_FILE } from "../config/default-file.js";
import type { Config } from "../config/types.js";
import { UsageError } from "../errors.js";

/** `-c file` always; otherwise ./mailaudit.yaml, but only when no domain was named (docs/cli.md). */
export async function findConfig(
  explicit: string | undefined,
  domainsGiven: boolean,
  cwd: string,
): Promise<Config | undefined> {
  const file = explicit ?? (domainsGiven ? undefined : `${cwd}/${DEFAULT_CONFIG_FILE}`);
  if (file === undefined || (explicit === undefined && !existsSync(file))) return undefined;
  // The loader pulls in the YAML parser (~25 ms of start-up): load it only when a file is read.
  const { loadConfig } = await import("../config/load.js");
  const config = loadConfig(file, new Set(RULE_IDS));
  return explicit === undefined ? { ...config, source: DEFAULT_CONFIG_FILE } : config;
}

/** A `--baseline` lock file; one that cannot be read or is no lock file is a usage error (exit 2). */
export function readBaseline(file: string): LockFile {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(
      `--baseline ${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  const lock = parseLockFile(text);
  if (typeof lock === "string") throw new UsageError(`--baseline ${file}: ${lock}`);
  return lock;
}
