/**
 * check_host() (`src/spf/check-host.ts`: mailauth strict mode over our resolver) against the
 * openspf RFC 7208 suite and Stalwart's SPF suite, each scenario's DNS served by the fixture server
 * over real UDP/TCP on loopback. The suites are read from fixtures/conformance (copied unmodified) and never edited;
 * known failures are listed below with the wrong result we give and why (docs/conformance.md lists
 * the same ids; a test compares), and each is asserted to still fail that way, so the list stays
 * true in both directions. The totals are counted as the cases run and compared with the figures
 * README.md and docs/conformance.md publish (test/helpers/doc-figures.ts).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { SystemResolver } from "../../src/dns/system-resolver.js";
import { type CheckHostOutcome, checkHost } from "../../src/spf/check-host.js";
import { type Fault, type FixtureServer, startFixtureServer } from "../helpers/dns-server.js";
import { expectPublishedFigures, tableNamesUnderHeading } from "../helpers/doc-figures.js";
import { CONFORMANCE_DIR } from "../helpers/fixtures.js";
import { parseStalwartSuite } from "./spf-stalwart-format.js";
import { type ZoneData, zonesFromZoneData } from "./spf-zonedata.js";

const SUITE_DIR = join(CONFORMANCE_DIR, "spf");

const EBADNAME =
  "node:dns (c-ares) refuses to send a name holding ':', ' ' or '%' (EBADNAME), though DNS labels may hold any octet; no query reaches the server and the result is temperror, not the suite's pass";

/** A case we know we get wrong: the result we give instead, and why. */
interface KnownFailure {
  got: CheckHostOutcome["result"];
  reason: string;
}

/** A case whose result is right but whose explanation differs: the explanation we give, and why. */
interface KnownExplanationFailure {
  gotExplanation: string | null;
  reason: string;
}

/** RFC 7208 suite tests whose result is known to be wrong (docs/conformance.md lists them too). */
const RFC7208_RESULT_FAILURES: Record<string, KnownFailure> = {
  "a-colon-domain": { got: "temperror", reason: EBADNAME },
  "a-colon-domain-ip4mapped": { got: "temperror", reason: EBADNAME },
  "mx-colon-domain": { got: "temperror", reason: EBADNAME },
  "mx-colon-domain-ip4mapped": { got: "temperror", reason: EBADNAME },
  "macro-mania-in-domain": { got: "temperror", reason: EBADNAME },
  "null-text": {
    got: "temperror",
    reason:
      "a TXT RR with no character-strings (illegal, RFC 1035 §3.3.14) is rejected by node:dns as a malformed answer (EBADRESP) for the whole RRset, so the valid record beside it is lost: temperror instead of pass",
  },
};

/** RFC 7208 suite tests whose result is right but whose explanation differs. */
const RFC7208_EXPLANATION_FAILURES: Record<string, KnownExplanationFailure> = {
  "v-macro-ip6": {
    gotExplanation:
      "cafe:babe::1 is queried as 1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.e.b.a.b.e.f.a.c.ip6.arpa",
    reason:
      "mailauth writes the nibbles of %{v}/ip6.arpa in lower case (as RFC 7208's own examples do); the suite expects upper case",
  },
};

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

interface SuiteCase {
  id: string;
  ip: string;
  sender: string;
  helo: string;
  allowed: string[];
  /** Expected explanation; "DEFAULT" means the checker's own (we have none: null). */
  explanation?: string;
}

interface Scenario {
  title: string;
  zonedata: ZoneData;
  faults: Record<string, Fault>;
  cases: SuiteCase[];
}

function rfc7208Scenarios(): Scenario[] {
  const docs = YAML.parseAllDocuments(readFileSync(join(SUITE_DIR, "rfc7208-tests.yml"), "utf8")).map((d) =>
    d.toJS(),
  );
  return docs.map((doc) => ({
    title: String(doc.description),
    zonedata: doc.zonedata ?? {},
    faults: {},
    cases: Object.entries<Record<string, unknown>>(doc.tests).map(([id, t]) => ({
      id,
      ip: String(t.host),
      sender: String(t.mailfrom ?? ""),
      helo: String(t.helo ?? ""),
      allowed: ([] as unknown[]).concat(t.result).map(String),
      ...(t.explanation === undefined ? {} : { explanation: String(t.explanation) }),
    })),
  }));
}

function stalwartScenarios(): Scenario[] {
  const dir = join(SUITE_DIR, "stalwart-mail-auth");
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
          const { zones, timeouts } = zonesFromZoneData(scenario.zonedata);
          const faults = {
            ...scenario.faults,
            ...Object.fromEntries(timeouts.map((n) => [n, "drop" as const])),
          };
          server = await startFixtureServer({ zones, faults });
          resolver = new SystemResolver({ servers: [server.address], timeoutMs: 300, tries: 1 });
        });
        afterAll(() => server.close());

        for (const c of scenario.cases) {
          const knownResult = resultFailures[c.id];
          const knownExplanation = explanationFailures[c.id];
          const known = knownResult ?? knownExplanation;
          it(`${c.id}: ${c.allowed.join(" or ")}${known ? " (known failure)" : ""}`, async () => {
            const outcome = await checkHost({ ip: c.ip, sender: c.sender, helo: c.helo }, resolver);
            const resultOk = c.allowed.includes(outcome.result);
            const expected = c.explanation === "DEFAULT" ? null : c.explanation;
            const explanationOk =
              outcome.result !== "fail" || c.explanation === undefined || outcome.explanation === expected;
            tally.cases += 1;
            if (resultOk) tally.matching += 1;
            if (resultOk && explanationOk) tally.withExplanation += 1;

            if (knownResult) {
              expect(resultOk, `${c.id} now passes: remove it from the known failures`).toBe(false);
              expect(outcome.result, `${c.id} fails differently from what is documented`).toBe(
                knownResult.got,
              );
            } else if (knownExplanation) {
              expect(outcome.result).toBeOneOf(c.allowed);
              expect(
                explanationOk,
                `${c.id} explanation now matches: remove it from the known failures`,
              ).toBe(false);
              expect(outcome.explanation, `${c.id} explains differently from what is documented`).toBe(
                knownExplanation.gotExplanation,
              );
            } else {
              expect(outcome.result).toBeOneOf(c.allowed);
              if (outcome.result === "fail" && c.explanation !== undefined)
                expect(outcome.explanation).toBe(expected);
            }
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
