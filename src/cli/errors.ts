import { EXIT, type ExitCode } from "../engine/exit-code.js";

/** A mistake in how mailaudit was called or configured: one line on stderr, exit 2, no stack. */
export class UsageError extends Error {
  readonly exitCode: ExitCode = EXIT.usage;
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** An input that could not be read or used at all (exit 3): named, with its reason. */
export class InputError extends Error {
  readonly exitCode: ExitCode = EXIT.inconclusive;
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}
