import { escapeForTerminal } from "../format/escape.js";
import { MIN_WIDTH } from "../format/fit-width.js";
import { DEFAULT_WIDTH } from "../format/types.js";

/** Whether stdout may carry ANSI colour: a TTY, no NO_COLOR, and not turned off with --no-color. */
export function useColor(colorOption: boolean | undefined): boolean {
  if (colorOption === false) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "") return false;
  if (process.env.FORCE_COLOR !== undefined) return process.env.FORCE_COLOR !== "0";
  return process.stdout.isTTY === true;
}

/**
 * Columns the human output should fit: the terminal's width on a TTY, else `COLUMNS` when a caller
 * sets it, else DEFAULT_WIDTH (files, pipes and CI logs have no width of their own). Never below
 * MIN_WIDTH, where wrapping would leave more borders than text.
 */
export function outputWidth(
  stdout: { isTTY?: boolean; columns?: number } = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
): number {
  const fromEnv = Number(env.COLUMNS);
  const width =
    stdout.isTTY === true && typeof stdout.columns === "number" && stdout.columns > 0
      ? stdout.columns
      : Number.isInteger(fromEnv) && fromEnv > 0
        ? fromEnv
        : DEFAULT_WIDTH;
  return Math.max(MIN_WIDTH, width);
}

/** Writes to stdout without ending the process early, so long output is never cut off in a pipe. */
export function writeOut(text: string): void {
  process.stdout.write(text);
}

/**
 * `mailaudit … | head` closes stdout early: that is the reader's choice, not an error of ours.
 * Swallow EPIPE on stdout (the rest of the output has nowhere to go) instead of crashing with a stack.
 */
export function ignoreClosedStdout(): void {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
}

/**
 * Writes a data format (CSV) that must stay byte-exact in files and pipes; on a terminal, control
 * and bidi characters from reports are escaped like everywhere else, line breaks kept.
 */
export function writeData(text: string): void {
  writeOut(process.stdout.isTTY === true ? escapeKeepingLineBreaks(text) : text);
}

function escapeKeepingLineBreaks(text: string): string {
  return text
    .split(/(\r?\n)/)
    .map((part) => (part === "\n" || part === "\r\n" ? part : escapeForTerminal(part)))
    .join("");
}
