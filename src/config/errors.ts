import { UsageError } from "../errors.js";
import { escapeForTerminal } from "../format/escape.js";

/**
 * A mistake in a configuration file: one line naming the file, the line, the key and the reason
 * ("mailaudit.yaml:7:15: domains[0].expect.dmarc.policy: …"), exit 2, no stack (docs/cli.md).
 */
export class ConfigError extends UsageError {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly key: string,
    reason: string,
    column?: number,
  ) {
    const where = line === undefined ? file : `${file}:${line}${column === undefined ? "" : `:${column}`}`;
    // Values quoted from the file may hold control characters; the message is one safe line.
    super(escapeForTerminal(`${where}: ${key ? `${key}: ` : ""}${reason}`));
  }
}
