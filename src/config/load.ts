import { readFileSync } from "node:fs";
import { ConfigError } from "./errors.js";
import { parseConfig } from "./parse-config.js";
import type { Config } from "./types.js";

export { DEFAULT_CONFIG_FILE } from "./default-file.js";

/** Reads and validates a config file; an unreadable file is a ConfigError (exit 2) like a bad one. */
export function loadConfig(path: string, knownRuleIds: ReadonlySet<string>): Config {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ConfigError(
      path,
      undefined,
      "",
      `cannot read the config file (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  return parseConfig(text, { source: path, knownRuleIds });
}
