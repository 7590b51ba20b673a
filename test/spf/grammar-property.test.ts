/**
 * One grammar, checked on generated records (test/spf/grammar/spf-abnf.ts builds them along
 * RFC 7208 §12, valid and with one mutation that makes them invalid):
 *
 * 1. our parser accepts exactly the records the grammar accepts;
 * 2. `mailaudit check` (the parser) and `mailaudit spf --ip` (check_host) agree on validity: a
 *    record is a syntax permerror for check_host exactly when the parser rejects it, and a valid one
 *    never ends in temperror or in a permerror of syntax;
 * 3. pyspf, a second check_host over the same DNS (grammar/universe.ts), gives the same result, or
 *    one of its known departures from RFC 7208 (grammar/pyspf-wrong.ts) explains the difference,
 *    shown by re-running pyspf with that departure corrected.
 *
 * The same records feed every property (one fast-check seed, test/setup/fast-check-seed.ts).
 * SPF_DIFFERENTIAL_REPORT=1 prints the differential's tally.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CheckHostOutcome, checkHost } from "../../src/spf/check-host.js";
import { parseSpfRecord } from "../../src/spf/parse.js";
import { fuzzOptions } from "../fuzz/fuzz-kit.js";
import { expectPublishedFigures, REPO_DIR } from "../helpers/doc-figures.js";
import { findPyspfPython, Pyspf, type PyspfAnswer, pyspfAvailable } from "./grammar/pyspf.js";
import { PYSPF_DEPARTURES, type PyspfFix } from "./grammar/pyspf-wrong.js";
import { generatedSpfRecord } from "./grammar/spf-abnf.js";
import { UNIVERSE, UniverseResolver } from "./grammar/universe.js";

const RUNS = 1000;
const client = fc.constantFrom(UNIVERSE.clientIpv4, UNIVERSE.clientIpv6);

function evaluate(record: string, ip: string): Promise<CheckHostOutcome> {
  return checkHost({ ip, sender: UNIVERSE.sender, helo: UNIVERSE.helo }, new UniverseResolver(record));
}

/**
 * check_host's reason for a record our parser rejects (src/spf/mailauth-replacements.ts validateTerms), or
 * mailauth's own refusal of characters outside printable ASCII, which it makes before asking the
 * parser and which rejects only records the parser rejects too (it allows SP between terms only).
 */
const SYNTAX_REASON = /: invalid term "|: DNS response includes invalid characters$/;
/** The permerrors a valid record can still reach: limits, and targets that cannot be names (§4.3). */
const EVALUATION_PERMERROR = /Too many DNS requests|Invalid (include|redirect) target/;

describe("SPF records generated along RFC 7208 §12", () => {
  it("our parser accepts exactly the records the grammar accepts", () => {
    fc.assert(
      fc.property(generatedSpfRecord, (generated) => {
        const problems = parseSpfRecord(generated.record).problems;
        expect(problems.length === 0, JSON.stringify({ generated, problems })).toBe(generated.valid);
      }),
      fuzzOptions(3 * RUNS),
    );
  });

  it("check and spf --ip agree on validity for every generated record", async () => {
    await fc.assert(
      fc.asyncProperty(generatedSpfRecord, client, async ({ record }, ip) => {
        const valid = parseSpfRecord(record).problems.length === 0;
        const outcome = await evaluate(record, ip);
        const context = JSON.stringify({ record, ip, outcome });
        const syntaxError = outcome.result === "permerror" && SYNTAX_REASON.test(outcome.explanation ?? "");
        expect(syntaxError, context).toBe(!valid);
        if (!valid) return;
        expect(outcome.result, context).not.toBe("temperror");
        if (outcome.result === "permerror")
          expect(outcome.explanation, context).toMatch(EVALUATION_PERMERROR);
      }),
      fuzzOptions(RUNS),
    );
  });
});

const FIXES = PYSPF_DEPARTURES.flatMap((d) => (d.fix ? [d.fix] : []));

/** Every non-empty subset of the fixes, smallest first. */
function fixSubsets(): PyspfFix[][] {
  const subsets: PyspfFix[][] = [];
  for (let mask = 1; mask < 1 << FIXES.length; mask++) subsets.push(FIXES.filter((_, i) => mask & (1 << i)));
  return subsets.sort((a, b) => a.length - b.length);
}

describe.skipIf(!pyspfAvailable())("differential: pyspf 2.0.14 as a second check_host", () => {
  let pyspf: Pyspf;
  beforeAll(() => {
    pyspf = new Pyspf(findPyspfPython() as string);
  });
  afterAll(() => pyspf.close());

  const ask = (record: string, ip: string, fixes: PyspfFix[] = []): Promise<PyspfAnswer> =>
    pyspf.check({ record, ip, sender: UNIVERSE.sender, helo: UNIVERSE.helo, fixes });

  /** The departures that explain a disagreement (none: a disagreement nothing explains). */
  async function explain(record: string, ip: string, ours: string, theirs: PyspfAnswer): Promise<string[]> {
    const problems = parseSpfRecord(record).problems;
    if (problems.length > 0) {
      // We say permerror for syntax; pyspf evaluated: every problem must be one pyspf is known not to see.
      const blind = problems.map((p) => PYSPF_DEPARTURES.find((d) => d.ourProblem?.test(p.reason)));
      return blind.every((d) => d !== undefined) ? [...new Set(blind.map((d) => d.id))] : [];
    }
    const byReason = (answer: PyspfAnswer) =>
      PYSPF_DEPARTURES.filter((d) => !d.fix && d.pyspfReason?.test(answer.reason)).map((d) => d.id);
    if (byReason(theirs).length > 0) return byReason(theirs);
    for (const fixes of fixSubsets()) {
      const corrected = await ask(record, ip, fixes);
      const ids = PYSPF_DEPARTURES.filter((d) => d.fix && fixes.includes(d.fix)).map((d) => d.id);
      if (corrected.result === ours) return ids;
      if (byReason(corrected).length > 0) return [...ids, ...byReason(corrected)];
    }
    return [];
  }

  const tally = { records: 0, agreed: 0, explained: new Map<string, number>() };
  afterAll(() => {
    if (process.env.SPF_DIFFERENTIAL_REPORT)
      console.log(JSON.stringify({ ...tally, explained: Object.fromEntries(tally.explained) }));
  });

  it("agrees with us on every generated record, or a named departure of pyspf explains why not", async () => {
    await fc.assert(
      fc.asyncProperty(generatedSpfRecord, client, async ({ record }, ip) => {
        tally.records++;
        const ours = (await evaluate(record, ip)).result;
        const theirs = await ask(record, ip);
        if (theirs.result === ours) {
          tally.agreed++;
          return;
        }
        const explained = await explain(record, ip, ours, theirs);
        expect(explained, JSON.stringify({ record, ip, ours, pyspf: theirs })).not.toEqual([]);
        for (const id of explained) tally.explained.set(id, (tally.explained.get(id) ?? 0) + 1);
      }),
      fuzzOptions(RUNS),
    );
  });

  for (const departure of PYSPF_DEPARTURES) {
    const { record, ours, pyspf: theirs } = departure.example;
    it(`${departure.id}: ${JSON.stringify(record)} is ${ours} for us, ${theirs} for stock pyspf`, async () => {
      const ip = departure.example.ip ?? UNIVERSE.clientIpv4;
      expect((await evaluate(record, ip)).result).toBe(ours);
      const stock = await ask(record, ip);
      expect(stock.result).toBe(theirs);
      if (departure.pyspfReason) expect(stock.reason).toMatch(departure.pyspfReason);
      if (departure.ourProblem)
        expect(
          parseSpfRecord(record)
            .problems.map((p) => p.reason)
            .join("; "),
        ).toMatch(departure.ourProblem);
      if (departure.fix) expect((await ask(record, ip, [departure.fix])).result).toBe(ours);
    });
  }
});

describe("docs/conformance.md", () => {
  it("lists every departure of pyspf, and only those, with the counts and the run size", () => {
    const doc = readFileSync(join(REPO_DIR, "docs", "conformance.md"), "utf8");
    const section = doc.split("\n## Grammar:")[1]?.split("\n## ")[0] ?? "";
    const listed = [...section.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]);
    expect(listed).toEqual(PYSPF_DEPARTURES.map((d) => d.id));
    expectPublishedFigures({
      "spf.grammar.runs": RUNS,
      "spf.pyspf.departures": PYSPF_DEPARTURES.filter((d) => !d.leftOpen).length,
      "spf.pyspf.left-open": PYSPF_DEPARTURES.filter((d) => d.leftOpen).length,
    });
  });
});
