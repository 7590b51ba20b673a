/**
 * Shared pieces of the property-based tests: run counts, the "throws only our own error types" and
 * "bounded time per input" checks, and generators for hostile text. The seed is set for every test
 * file by test/setup/fast-check-seed.ts (fixed; `FC_SEED=<n>` replays a run, `FC_SEED=random`
 * explores); fast-check prints the seed and the shrunk counterexample on failure. `FC_RUNS=<n>`
 * explores longer without editing the tests.
 */
import fc from "fast-check";

const runsFromEnv = Number(process.env.FC_RUNS);
const RUNS_OVERRIDE = Number.isInteger(runsFromEnv) && runsFromEnv > 0 ? runsFromEnv : undefined;

/** Run settings for a property: `numRuns` unless FC_RUNS overrides it; the seed is the global one. */
export function fuzzOptions(numRuns = 300): fc.Parameters<unknown> {
  return { numRuns: RUNS_OVERRIDE ?? numRuns, verbose: 1 };
}

/**
 * A generous bound on one call, to catch catastrophic regex backtracking or quadratic loops on
 * inputs of at most a few KB: it is a "does not hang" check, not a speed measurement. It counts the
 * CPU time the process spent (process.cpuUsage), not the wall clock: runaway parsing burns CPU,
 * while a machine shared with other test runs only delays it (inputs that cost 50 ms of CPU took
 * over a second of wall time at load 25).
 */
export const PER_INPUT_BOUND_MS = 1000;

export type ErrorClass = abstract new (...args: never[]) => Error;

/** CPU time (user + system) this process has used, in milliseconds. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function expectWithinBound(startedCpuMs: number): void {
  const used = cpuMs() - startedCpuMs;
  if (used > PER_INPUT_BOUND_MS)
    throw new Error(`took ${Math.round(used)} ms of CPU on one input (bound ${PER_INPUT_BOUND_MS} ms)`);
}

function containedError(error: unknown, allowed: readonly ErrorClass[]): Error {
  if (!allowed.some((type) => error instanceof type)) throw error;
  return error as Error;
}

/**
 * Runs `parse` on one input and fails unless it returned, or threw one of `allowed`, within
 * PER_INPUT_BOUND_MS of CPU time. Anything else (TypeError, RangeError, a library's own error) is a
 * crash the user would see as "internal error".
 */
export function expectContained<T>(parse: () => T, allowed: readonly ErrorClass[] = []): T | Error {
  const started = cpuMs();
  let outcome: T | Error;
  try {
    outcome = parse();
  } catch (error) {
    outcome = containedError(error, allowed);
  }
  expectWithinBound(started);
  return outcome;
}

/** `expectContained` for parsers that read a stream. */
export async function expectContainedAsync<T>(
  parse: () => Promise<T>,
  allowed: readonly ErrorClass[] = [],
): Promise<T | Error> {
  const started = cpuMs();
  let outcome: T | Error;
  try {
    outcome = await parse();
  } catch (error) {
    outcome = containedError(error, allowed);
  }
  expectWithinBound(started);
  return outcome;
}

/** Any text at all: every code point, lone surrogates included (what a TXT record decodes to). */
export const anyText = (maxLength = 400) =>
  fc.oneof(
    fc.string({ unit: "binary", maxLength }),
    fc.string({ unit: "grapheme-ascii", maxLength }),
    fc.string({
      unit: fc.constantFrom(...'\u0000\u001b\u007f\u0085\u202e\u2066\ufeff\ud800 \t\r\n;=:%{}/"\\()<>&'),
      maxLength,
    }),
  );

/**
 * Text shaped by a grammar: `pieces` are valid fragments; each is sometimes damaged by inserting,
 * deleting or duplicating a character, so most inputs are near-valid and reach deep into the parser.
 */
export function nearValid(
  pieces: fc.Arbitrary<string>,
  separator: string,
  maxPieces = 12,
): fc.Arbitrary<string> {
  const damaged = fc.oneof(
    { weight: 4, arbitrary: pieces },
    {
      weight: 1,
      arbitrary: fc
        .tuple(pieces, fc.nat(), fc.constantFrom(...'\u0000\u001b\u202e;=:%{}/ \t"\\.-+~?!@,<>&'))
        .map(([p, at, ch]) => insertAt(p, at, ch)),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(pieces, fc.nat())
        .map(([p, at]) => (p.length === 0 ? p : p.slice(0, at % p.length) + p.slice((at % p.length) + 1))),
    },
  );
  return fc.array(damaged, { maxLength: maxPieces }).map((parts) => parts.join(separator));
}

/** The longest pathological input, in characters (SECURITY.md publishes it). */
export const PATHOLOGICAL_MAX_LENGTH = 2000;

/**
 * Long repetitions of a fragment, up to ~2 KB: the classic shape that makes a backtracking regex
 * explode (`aaaa…!`, `%{%{%{…`, `a.a.a.…`), each with a spoiler character at the end.
 */
export function pathological(prefix: string, fragments: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom(...fragments),
      fc.integer({ min: 50, max: PATHOLOGICAL_MAX_LENGTH }),
      fc.constantFrom("", "!", "\u0000", " ", ";", "="),
    )
    .map(
      ([fragment, length, spoiler]) =>
        `${prefix}${fragment.repeat(Math.ceil(length / fragment.length)).slice(0, length)}${spoiler}`,
    );
}

function insertAt(text: string, at: number, ch: string): string {
  const i = text.length === 0 ? 0 : at % (text.length + 1);
  return text.slice(0, i) + ch + text.slice(i);
}

/** Domain-ish names: mostly valid labels, sometimes empty, long or odd ones. */
export const domainLike = fc.oneof(
  { weight: 5, arbitrary: fc.domain() },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z0-9_.-]{0,70}$/) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "",
      ".",
      "..",
      "a..b",
      "-a.com",
      `${"a".repeat(64)}.com`,
      `${"a.".repeat(130)}com`,
      "xn--.com",
      "_dmarc.x.test",
    ),
  },
);
