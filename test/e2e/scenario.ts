/**
 * An acceptance scenario: one `mailaudit check` run and the facts its JSON must show. Expected values
 * are computed by hand from the RFCs and the contract in docs/cli.md (see the zone files' comments), never
 * by running our own code.
 */
import { expect } from "vitest";
import { runCli } from "../helpers/run-cli.js";

type Severity = "error" | "warning" | "notice" | "info";

export interface Scenario {
  name: string;
  domain: string;
  selectors?: string[];
  /** Set when the scenario needs a recursive resolver (say why); it is then not run against NSD directly. */
  recursiveOnly?: string;
  expect: {
    exitCode?: 0 | 1 | 3;
    status?: "pass" | "fail" | "inconclusive";
    spf?: { record?: string; lookupCount?: number; voidLookupCount?: number };
    dmarc?: {
      record?: string;
      source?: string | null;
      policy?: string | null;
      subdomainPolicy?: string | null;
      effectivePolicy?: string | null;
    };
    dkim?: { selector: string; record?: string | null; keyType?: string | null; keyBits?: number | null }[];
    /** Findings that must be present (with this severity when given). */
    findings?: { rule: string; severity?: Severity }[];
    /** Rule ids that must not be reported; an id ending in "/" stands for its whole group. */
    absent?: string[];
    /** No finding at error or warning level at all. */
    clean?: boolean;
    /** Questions that must be listed as failed (inconclusive), as "TYPE name". */
    lookupFailures?: string[];
  };
}

export interface JsonFinding {
  rule: string;
  severity: Severity;
  message: string;
}

export interface JsonDomain {
  domain: string;
  status: string;
  spf?: Record<string, unknown>;
  dmarc?: Record<string, unknown>;
  dkim?: Record<string, unknown>[];
  lookupFailures?: { name: string; type: string }[];
  findings: JsonFinding[];
}

/** Generous: a client timeout per query; the dead-delegation SERVFAIL comes back in under a second. */
const CLIENT_TIMEOUT_SECONDS = "3";

export async function checkJson(scenario: Scenario, resolver: string) {
  const args = ["check", scenario.domain, "-r", resolver, "--timeout", CLIENT_TIMEOUT_SECONDS, "-f", "json"];
  for (const selector of scenario.selectors ?? []) args.push("-s", selector);
  const result = await runCli(args);
  let doc: { domains: JsonDomain[]; exitCode: number };
  try {
    doc = JSON.parse(result.stdout);
  } catch {
    throw new Error(
      `no JSON on stdout (exit ${result.exitCode}); stderr:\n${result.stderr}\nstdout:\n${result.stdout}`,
    );
  }
  const domain = doc.domains[0];
  if (!domain) throw new Error(`JSON has no domain entry: ${result.stdout}`);
  return { result, doc, domain };
}

export async function verifyScenario(scenario: Scenario, resolver: string): Promise<void> {
  const { result, doc, domain } = await checkJson(scenario, resolver);
  const want = scenario.expect;
  const found = domain.findings.map((f) => `${f.rule}:${f.severity}`);
  const context = `${scenario.domain} findings: [${found.join(", ")}] failures: ${JSON.stringify(domain.lookupFailures)}`;

  expect(domain.domain, context).toBe(scenario.domain);
  if (want.exitCode !== undefined) {
    expect(result.exitCode, context).toBe(want.exitCode);
    expect(doc.exitCode, context).toBe(want.exitCode);
  }
  if (want.status) expect(domain.status, context).toBe(want.status);
  if (want.spf) expect(domain.spf, context).toMatchObject(want.spf);
  if (want.dmarc) expect(domain.dmarc, context).toMatchObject(want.dmarc);
  if (want.dkim) expect(domain.dkim, context).toMatchObject(want.dkim);
  for (const { rule, severity } of want.findings ?? []) {
    const matches = domain.findings.filter((f) => f.rule === rule);
    expect(matches.length, `${rule} expected; ${context}`).toBeGreaterThan(0);
    if (severity)
      expect(
        matches.map((f) => f.severity),
        `${rule} severity; ${context}`,
      ).toContain(severity);
  }
  for (const rule of want.absent ?? []) {
    const hit = domain.findings.filter((f) =>
      rule.endsWith("/") ? f.rule.startsWith(rule) : f.rule === rule,
    );
    expect(
      hit.map((f) => f.rule),
      `${rule} must not be reported; ${context}`,
    ).toEqual([]);
  }
  if (want.clean) {
    const loud = domain.findings.filter((f) => f.severity === "error" || f.severity === "warning");
    expect(
      loud.map((f) => `${f.rule}:${f.severity}`),
      context,
    ).toEqual([]);
  }
  if (want.lookupFailures) {
    const failures = (domain.lookupFailures ?? []).map(
      (f) => `${f.type} ${f.name.toLowerCase().replace(/\.$/, "")}`,
    );
    expect(failures, context).toEqual(expect.arrayContaining(want.lookupFailures));
  }
}
