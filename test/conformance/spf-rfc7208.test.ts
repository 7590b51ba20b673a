/**
 * check_host() (`src/spf/check-host.ts`: mailauth strict mode over our resolver) against the
 * openspf RFC 7208 suite and Stalwart's SPF suite, each scenario's DNS served by the fixture server
 * over real UDP/TCP on loopback. The suites are read from fixtures/conformance (copied unmodified) and never edited;
 * known failures (RFC 7208: rfc7208-suite.ts, shared with the run through the CLI) are listed with the wrong result we give and why (docs/conformance.md lists
 * the same ids; a test compares), and each is asserted to still fail that way, so the list stays
 * true in both directions. The totals are counted as the cases run and compared with the figures
 * README.md and docs/conformance.md publish (test/helpers/doc-figures.ts).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SystemResolver } from "../../src/dns/system-resolver.js";
import { checkHost } from "../../src/spf/check-host.js";
import type { FixtureServer } from "../helpers/dns-server.js";
import { expectPublishedFigures, tableNamesUnderHeading } from "../helpers/doc-figures.js";
import {
  judgeCase,
  type KnownExplanationFailure,
  type KnownFailure,
  RFC7208_EXPLANATION_FAILURES,
  RFC7208_RESULT_FAILURES,
  rfc7208Scenarios,
  type Scenario,
  SPF_SUITE_DIR,
  startScenarioServer,
} from "./rfc7208-suite.js";
import { parseStalwartSuite } from "./spf-stalwart-format.js";

const EXISTS_IS_A =
  "RFC 7208 §5.7: exists always asks for an A record, even for IPv6 clients; Stalwart asks AAAA for them and expects pass where the name has only AAAA";

/** Stalwart suite cases ("<scenario> (records #k) #<n>") known to fail: each is a place where Stalwart's expectation departs from RFC 7208 or tests what checkHost does not do. */
const STALWART_FAILURES: Record<string, KnownFailure> = {
  "All test (records #1) #1": {
    got: "permerror",
    reason:
      "`v=spf1 -all ip:10.0.0.1`: RFC 7208 §4.6 makes any syntax error anywhere in the record a permerror, even after all; Stalwart ignores terms after all entirely and expects fail",
  },
  "DNS Temp Error (records #1) #1": {
    got: "none",
    reason:
      "the sender domain `_dns_error.org` is not a valid host name (underscore); mailauth returns none before any query (§4.3), so the SERVFAIL is never reached",
  },
  "DNS Lookup Limits (records #1) #1": {
    got: "permerror",
    reason:
      "ten a: terms at names that do not exist are ten void lookups; RFC 7208 §4.6.4 (SHOULD limit void lookups to two) makes it permerror in strict mode; Stalwart does not apply the void limit and expects softfail",
  },
  "HELO identity (records #1) #1": {
    got: "pass",
    reason:
      "the case evaluates the HELO identity while giving a MAIL FROM; checkHost evaluates MAIL FROM whenever a sender is given (HELO only for the null reverse-path, §2.4)",
  },
  "Exists (records #1) #2": { got: "fail", reason: EXISTS_IS_A },
  "Macro expansion 2 (records #1) #2": { got: "fail", reason: EXISTS_IS_A },
  "IPv6 match (records #1) #4": {
    got: "fail",
    reason:
      "an IPv4 client is matched by ip4 terms only (RFC 7208 §5.6); Stalwart also matches it against the IPv4-mapped ip6:::ffff:10.1.2.3",
  },
};

/** What a suite run computed: the figures docs/conformance.md and README.md publish. */
interface Tally {
  cases: number;
  /** Cases whose result is one the suite allows. */
  matching: number;
  /** Of those, cases whose explanation also matches where the suite gives one. */
  withExplanation: number;
}

function stalwartScenarios(): Scenario[] {
  const dir = join(SPF_SUITE_DIR, "stalwart-mail-auth");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yml"))
    .sort()
    .flatMap((file) =>
      parseStalwartSuite(readFileSync(join(dir, file), "utf8")).map((s) => ({
        title: `${file}: ${s.name}`,
        zonedata: s.zonedata,
        faults: Object.fromEntries(s.errors.map((name) => [name, "servfail" as const])),
        cases: s.cases.map((c, i) => ({
          id: `${s.name} #${i + 1}`,
          ip: c.ip,
          sender: c.sender,
          helo: c.helo,
          allowed: [c.result],
          ...(c.explanation === undefined ? {} : { explanation: c.explanation }),
        })),
      })),
    );
}

interface SuiteSpec {
  name: string;
  /** The names of the figures the docs publish for this suite (test/helpers/doc-figures.ts). */
  figures: { cases: string; matching: string; explanations?: string };
  /** The docs/conformance.md heading whose table lists this suite's known failures by test id. */
  docsHeading: string;
  scenarios: Scenario[];
  resultFailures: Record<string, KnownFailure>;
  explanationFailures: Record<string, KnownExplanationFailure>;
}

function runSuite(suite: SuiteSpec) {
  const { scenarios, resultFailures, explanationFailures } = suite;
  const tally: Tally = { cases: 0, matching: 0, withExplanation: 0 };
  const allCases = scenarios.flatMap((s) => s.cases);
  describe(suite.name, () => {
    it("every listed known failure is a case of the suite, and docs/conformance.md lists the same ones", () => {
      const ids = new Set(allCases.map((c) => c.id));
      expect(ids.size, "case ids are unique").toBe(allCases.length);
      const listed = [...Object.keys(resultFailures), ...Object.keys(explanationFailures)].sort();
      for (const id of listed) expect(ids.has(id), `known failure "${id}" is not in the suite`).toBe(true);
      expect(tableNamesUnderHeading("docs/conformance.md", suite.docsHeading).sort()).toEqual(listed);
    });

    for (const scenario of scenarios) {
      describe(scenario.title, () => {
        let server: FixtureServer;
        let resolver: SystemResolver;
        beforeAll(async () => {
          server = await startScenarioServer(scenario);
          resolver = new SystemResolver({ servers: [server.address], timeoutMs: 300, tries: 1 });
        });
        afterAll(() => server.close());

        for (const c of scenario.cases) {
          const known = resultFailures[c.id] ?? explanationFailures[c.id];
          it(`${c.id}: ${c.allowed.join(" or ")}${known ? " (known failure)" : ""}`, async () => {
            const outcome = await checkHost({ ip: c.ip, sender: c.sender, helo: c.helo }, resolver);
            const verdict = judgeCase(c, outcome, resultFailures, explanationFailures);
            tally.cases += 1;
            if (verdict.resultOk) tally.matching += 1;
            if (verdict.resultOk && verdict.explanationOk) tally.withExplanation += 1;
            expect(verdict.problem).toBeUndefined();
          });
        }
      });
    }

    // Runs after every case above (tests in a file run in order): the figures the docs publish.
    it("totals: every case ran, the known failures are the only misses, and the docs publish these figures", () => {
      const resultMisses = Object.keys(resultFailures).length;
      const explanationMisses = Object.keys(explanationFailures).length;
      expect(tally.cases, "every case of the suite ran").toBe(allCases.length);
      expect(tally.matching).toBe(tally.cases - resultMisses);
      expect(tally.withExplanation).toBe(tally.matching - explanationMisses);
      const { figures } = suite;
      expectPublishedFigures({
        [figures.cases]: tally.cases,
        [figures.matching]: tally.matching,
        ...(figures.explanations ? { [figures.explanations]: tally.withExplanation } : {}),
      });
    });
  });
}

runSuite({
  name: "RFC 7208 suite (openspf, pyspf trunk)",
  figures: {
    cases: "spf.rfc7208.cases",
    matching: "spf.rfc7208.matching",
    explanations: "spf.rfc7208.explanations",
  },
  docsHeading: "Known failures: RFC 7208 suite",
  scenarios: rfc7208Scenarios(),
  resultFailures: RFC7208_RESULT_FAILURES,
  explanationFailures: RFC7208_EXPLANATION_FAILURES,
});
runSuite({
  name: "Stalwart SPF suite",
  figures: { cases: "spf.stalwart.cases", matching: "spf.stalwart.matching" },
  docsHeading: "Known failures: Stalwart suite",
  scenarios: stalwartScenarios(),
  resultFailures: STALWART_FAILURES,
  explanationFailures: {},
});
