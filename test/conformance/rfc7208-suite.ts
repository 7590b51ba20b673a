/**
 * The openspf RFC 7208 suite (fixtures/conformance/spf/rfc7208-tests.yml, read unmodified) and what
 * is known not to match it, shared by the two tests that run it: through `checkHost` (the function,
 * spf-rfc7208.test.ts, which also counts the published figures) and through the built CLI
 * (`mailaudit spf --ip`, spf-rfc7208-cli.test.ts). One list for both: a case fixed underneath (a DNS
 * client that can send any octet) is deleted here once, and both tests then require it to match.
 * docs/conformance.md lists the same ids (a test compares).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import YAML from "yaml";
import type { CheckHostOutcome } from "../../src/spf/check-host.js";
import { type Fault, type FixtureServer, startFixtureServer } from "../helpers/dns-server.js";
import { CONFORMANCE_DIR } from "../helpers/fixtures.js";
import { type ZoneData, zonesFromZoneData } from "./spf-zonedata.js";

export const SPF_SUITE_DIR = join(CONFORMANCE_DIR, "spf");

export interface SuiteCase {
  id: string;
  ip: string;
  sender: string;
  helo: string;
  allowed: string[];
  /** Expected explanation; "DEFAULT" means the checker's own (we have none: null). */
  explanation?: string;
}

export interface Scenario {
  title: string;
  zonedata: ZoneData;
  faults: Record<string, Fault>;
  cases: SuiteCase[];
}

/** A case we know we get wrong: the result we give instead, and why. */
export interface KnownFailure {
  got: CheckHostOutcome["result"];
  reason: string;
}

/** A case whose result is right but whose explanation differs: the explanation we give, and why. */
export interface KnownExplanationFailure {
  gotExplanation: string | null;
  reason: string;
}

/**
 * RFC 7208 suite tests whose result is known to be wrong: none. The last six waited for a DNS client
 * that sends names holding ':', '%' or a space and keeps a TXT RR with no character-string.
 */
export const RFC7208_RESULT_FAILURES: Record<string, KnownFailure> = {};

/** RFC 7208 suite tests whose result is right but whose explanation differs. */
export const RFC7208_EXPLANATION_FAILURES: Record<string, KnownExplanationFailure> = {
  "v-macro-ip6": {
    gotExplanation:
      "cafe:babe::1 is queried as 1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.e.b.a.b.e.f.a.c.ip6.arpa",
    reason:
      "mailauth writes the nibbles of %{v}/ip6.arpa in lower case (as RFC 7208's own examples do); the suite expects upper case",
  },
};

export function rfc7208Scenarios(): Scenario[] {
  const docs = YAML.parseAllDocuments(readFileSync(join(SPF_SUITE_DIR, "rfc7208-tests.yml"), "utf8")).map(
    (d) => d.toJS(),
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

/**
 * Serves a scenario's zonedata on loopback. Its TIMEOUT names are never answered ("drop"), or answer
 * SERVFAIL: both are temperror to the resolver, and SERVFAIL lets a caller that spawns many processes
 * on a loaded machine use a generous timeout without waiting it out for every TIMEOUT name.
 */
export function startScenarioServer(
  scenario: Scenario,
  timeoutsAs: "drop" | "servfail" = "drop",
): Promise<FixtureServer> {
  const { zones, timeouts } = zonesFromZoneData(scenario.zonedata);
  const faults = { ...scenario.faults, ...Object.fromEntries(timeouts.map((n) => [n, timeoutsAs])) };
  return startFixtureServer({ zones, faults });
}

export interface CaseVerdict {
  /** The result is one the suite allows. */
  resultOk: boolean;
  /** The explanation matches where the suite gives one for a fail (true when it does not matter). */
  explanationOk: boolean;
  /** What is wrong, when the case is not as the suite and the known-failure lists say; else undefined. */
  problem: string | undefined;
}

/**
 * Judges one evaluation against the suite and the known failures: a known failure must still fail,
 * the documented way (so the lists stay true in both directions); every other case must give an
 * allowed result and, for a fail, the expected explanation.
 */
export function judgeCase(
  c: SuiteCase,
  outcome: { result: string; explanation: string | null },
  resultFailures: Record<string, KnownFailure>,
  explanationFailures: Record<string, KnownExplanationFailure>,
): CaseVerdict {
  const resultOk = c.allowed.includes(outcome.result);
  const expected = c.explanation === "DEFAULT" ? null : c.explanation;
  const explanationOk =
    outcome.result !== "fail" || c.explanation === undefined || outcome.explanation === expected;
  const got = `${outcome.result}${outcome.result === "fail" ? ` (explanation ${JSON.stringify(outcome.explanation)})` : ""}`;
  const knownResult = resultFailures[c.id];
  const knownExplanation = explanationFailures[c.id];
  let problem: string | undefined;
  if (knownResult) {
    if (resultOk) problem = `${c.id} now passes: remove it from the known failures`;
    else if (outcome.result !== knownResult.got)
      problem = `${c.id} fails differently from what is documented: ${got}, documented ${knownResult.got}`;
  } else if (!resultOk) {
    problem = `${c.id}: expected ${c.allowed.join(" or ")}, got ${got}`;
  } else if (knownExplanation) {
    if (explanationOk) problem = `${c.id} explanation now matches: remove it from the known failures`;
    else if (outcome.explanation !== knownExplanation.gotExplanation)
      problem = `${c.id} explains differently from what is documented: ${got}`;
  } else if (!explanationOk) {
    problem = `${c.id}: expected explanation ${JSON.stringify(expected)}, got ${got}`;
  }
  return { resultOk, explanationOk, problem };
}
