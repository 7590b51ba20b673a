import { EXIT, type ExitCode } from "./engine/exit-code.js";

/**
 * An error mailaudit expects and explains: `main.ts` prints its message as one line on stderr and
 * exits with its `exitCode` (one of `EXIT`), never with a stack. Anything else is an internal error.
 */
export class MailauditError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A mistake in how mailaudit was called or configured: exit 2. */
export class UsageError extends MailauditError {
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

/** An input that could not be read or used at all (exit 3): named, with its reason. */
export class InputError extends MailauditError {
  constructor(message: string) {
    super(message, EXIT.inconclusive);
  }
}
