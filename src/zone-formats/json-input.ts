/**
 * JSON inputs (DNSControl IR, Terraform plans) are parsed with JSON.parse, after a linear scan that
 * refuses nesting deeper than any real plan needs: V8 parses a million nested brackets, slowly,
 * and every walk after it would have to guard against it.
 */
import { ZoneInputError } from "./input-error.js";

/** Terraform nests modules three levels per module call; real plans stay far below this. */
export const MAX_JSON_DEPTH = 256;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

export function parseJsonInput(text: string, source: string): unknown {
  const tooDeep = lineOverDepth(text, MAX_JSON_DEPTH);
  if (tooDeep !== undefined) {
    throw new ZoneInputError(source, tooDeep, `JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    const line = at ? lineAt(text, Number(at[1])) : undefined;
    // V8's message quotes the offending text; keep only its reason, the line says where.
    const reason = message.replace(/ in JSON at position.*$/s, "").replace(/, ".*$/s, "");
    throw new ZoneInputError(source, line, `not valid JSON (${reason})`);
  }
}

/** The 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/** The line where nesting first exceeds `limit`, or undefined. Strings are skipped. */
function lineOverDepth(text: string, limit: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = endOfString(text, i);
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > limit) return lineAt(text, i);
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return undefined;
}

/** Index of the quote closing the string opened at `start` (or the text's end). */
function endOfString(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const next = text.indexOf('"', i);
    if (next === -1) return text.length;
    let backslashes = 0;
    for (let j = next - 1; j > start && text.charCodeAt(j) === BACKSLASH; j--) backslashes++;
    if (backslashes % 2 === 0) return next;
    i = next + 1;
  }
}

/**
 * The line on which the value at `path` starts (["domains", 0, "records", 3]), found by scanning
 * the text again. Only called to place an error, so it favours simplicity over speed.
 */
export function lineOfJsonPath(text: string, path: ReadonlyArray<string | number>): number | undefined {
  let i = skipSpace(text, 0);
  for (const step of path) {
    const open = text.charCodeAt(i);
    if (typeof step === "number") {
      if (open !== OPEN_BRACKET) return undefined;
      i = skipSpace(text, i + 1);
      for (let k = 0; k < step; k++) {
        i = skipSpace(text, endOfValue(text, i));
        if (text.charCodeAt(i) !== 0x2c) return undefined;
        i = skipSpace(text, i + 1);
      }
    } else {
      if (open !== OPEN_BRACE) return undefined;
      i = skipSpace(text, i + 1);
      for (;;) {
        if (text.charCodeAt(i) !== QUOTE) return undefined;
        const keyEnd = endOfString(text, i);
        const key = JSON.parse(text.slice(i, keyEnd + 1)) as string;
        i = skipSpace(text, keyEnd + 1);
        if (text.charCodeAt(i) !== 0x3a) return undefined;
        i = skipSpace(text, i + 1);
        if (key === step) break;
        i = skipSpace(text, endOfValue(text, i));
        if (text.charCodeAt(i) !== 0x2c) return undefined;
        i = skipSpace(text, i + 1);
      }
    }
  }
  return lineAt(text, i);
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i] as string)) i++;
  return i;
}

/** Index just past the JSON value starting at `i`. */
function endOfValue(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === QUOTE) return endOfString(text, i) + 1;
  if (c !== OPEN_BRACE && c !== OPEN_BRACKET) {
    while (i < text.length && !/[,\]}\s]/.test(text[i] as string)) i++;
    return i;
  }
  let depth = 0;
  for (; i < text.length; i++) {
    const d = text.charCodeAt(i);
    if (d === QUOTE) i = endOfString(text, i);
    else if (d === OPEN_BRACE || d === OPEN_BRACKET) depth++;
    else if (d === CLOSE_BRACE || d === CLOSE_BRACKET) {
      if (--depth === 0) return i + 1;
    }
  }
  return i;
}
