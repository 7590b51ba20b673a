/**
 * check_host() (`src/spf/check-host.ts`: mailauth strict mode over our resolver) against the
 * openspf RFC 7208 suite and Stalwart's SPF suite, each scenario's DNS served by the fixture server
 * over real UDP/TCP on loopback. The suites are read from fixtures/conformance (copied unmodified) and never edited;
 * known failures are listed below with their reasons (also in docs/conformance.md), and each is
 * asserted to still fail, so the list stays true in both directions.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { SystemResolver } from "../../src/dns/system-resolver.js";
import { checkHost } from "../../src/spf/check-host.js";
import { type Fault, type FixtureServer, startFixtureServer } from "../helpers/dns-server.js";
import { CONFORMANCE_DIR } from "../helpers/fixtures.js";
import { parseStalwartSuite } from "./spf-stalwart-format.js";
import { type ZoneData, zonesFromZoneData } from "./spf-zonedata.js";

const SUITE_DIR = join(CONFORMANCE_DIR, "spf");

const EBADNAME =
  "node:dns (c-ares) refuses to send a name holding ':', ' ' or '%' (EBADNAME), though DNS labels may hold any octet; no query reaches the server and the result is temperror, not the suite's pass";

/** RFC 7208 suite tests whose result is known to be wrong, and why. */
const RFC7208_RESULT_FAILURES: Record<string, string> = {
  "a-colon-domain": EBADNAME,
  "a-colon-domain-ip4mapped": EBADNAME,
  "mx-colon-domain": EBADNAME,
  "mx-colon-domain-ip4mapped": EBADNAME,
  "macro-mania-in-domain": EBADNAME,
  "null-text":
    "a TXT RR with no character-strings (illegal, RFC 1035 §3.3.14) is rejected by node:dns as a malformed answer (EBADRESP) for the whole RRset, so the valid record beside it is lost: temperror instead of pass",
};

/** RFC 7208 suite tests whose result is right but whose explanation differs, and why. */
const RFC7208_EXPLANATION_FAILURES: Record<string, string> = {
  "v-macro-ip6":
    "mailauth writes the nibbles of %{v}/ip6.arpa in lower case (as RFC 7208's own examples do); the suite expects upper case",
};

const EXISTS_IS_A =
  "RFC 7208 §5.7: exists always asks for an A record, even for IPv6 clients; Stalwart asks AAAA for them and expects pass where the name has only AAAA";

/** Stalwart suite cases ("<scenario> (records #k) #<n>") known to fail, and why: each is a place where Stalwart's expectation departs from RFC 7208 or tests what checkHost does not do. */
const STALWART_FAILURES: Record<string, string> = {
  "All test (records #1) #1":
    "`v=spf1 -all ip:10.0.0.1`: RFC 7208 §4.6 makes any syntax error anywhere in the record a permerror, even after all; Stalwart ignores terms after all entirely and expects fail",
  "DNS Temp Error (records #1) #1":
    "the sender domain `_dns_error.org` is not a valid host name (underscore); mailauth returns none before any query (§4.3), so the SERVFAIL is never reached",
  "DNS Lookup Limits (records #1) #1":
    "ten a: terms at names that do not exist are ten void lookups; RFC 7208 §4.6.4 (SHOULD limit void lookups to two) makes it permerror in strict mode; Stalwart does not apply the void limit and expects softfail",
  "HELO identity (records #1) #1":
    "the case evaluates the HELO identity while giving a MAIL FROM; checkHost evaluates MAIL FROM whenever a sender is given (HELO only for the null reverse-path, §2.4)",
  "Exists (records #1) #2": EXISTS_IS_A,
  "Macro expansion 2 (records #1) #2": EXISTS_IS_A,
  "IPv6 match (records #1) #4":
    "an IPv4 client is matched by ip4 terms only (RFC 7208 §5.6); Stalwart also matches it against the IPv4-mapped ip6:::ffff:10.1.2.3",
};

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

function runSuite(
  name: string,
  scenarios: Scenario[],
  resultFailures: Record<string, string>,
  explanationFailures: Record<string, string>,
) {
  describe(name, () => {
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
          const known = resultFailures[c.id] ?? explanationFailures[c.id];
          it(`${c.id}: ${c.allowed.join(" or ")}${known ? " (known failure)" : ""}`, async () => {
            const outcome = await checkHost({ ip: c.ip, sender: c.sender, helo: c.helo }, resolver);
            const resultOk = c.allowed.includes(outcome.result);
            const expected = c.explanation === "DEFAULT" ? null : c.explanation;
            const explanationOk =
              !resultOk ||
              outcome.result !== "fail" ||
              c.explanation === undefined ||
              outcome.explanation === expected;
            if (resultFailures[c.id]) {
              expect(resultOk, `${c.id} now passes: remove it from the known failures`).toBe(false);
            } else if (explanationFailures[c.id]) {
              expect(outcome.result).toBeOneOf(c.allowed);
              expect(
                explanationOk,
                `${c.id} explanation now matches: remove it from the known failures`,
              ).toBe(false);
            } else {
              expect(outcome.result).toBeOneOf(c.allowed);
              if (outcome.result === "fail" && c.explanation !== undefined)
                expect(outcome.explanation).toBe(expected);
            }
          });
        }
      });
    }
  });
}

runSuite(
  "RFC 7208 suite (openspf, pyspf trunk)",
  rfc7208Scenarios(),
  RFC7208_RESULT_FAILURES,
  RFC7208_EXPLANATION_FAILURES,
);
runSuite("Stalwart SPF suite", stalwartScenarios(), STALWART_FAILURES, {});
