import type { DomainResult } from "../audit/audit.js";
import { isAtOrAbove } from "../engine/severity.js";
import type { Finding } from "../engine/types.js";
import { ruleDocUrl } from "./rule-docs-url.js";
import type { FormatContext, Formatter } from "./types.js";
import { escapeXml } from "./xml-escape.js";

/** Findings that mean "could not tell", not "wrong": JUnit's <error> (the test could not run). */
const INCONCLUSIVE_RULES = new Set(["dns/lookup-failed"]);

/**
 * JUnit XML, the report format most CI systems show as test results: one <testsuite> per domain,
 * one <testcase> per rule checked. A rule with findings at or above the fail level fails its
 * testcase; findings below it go to <system-out>; a DNS failure is an <error>.
 */
export const formatJunit: Formatter = (report, context) => {
  const ruleIds = [...context.rules.keys()].sort();
  const suites = report.domains.map((domain) => testsuite(domain, ruleIds, context));
  const totals = suites.reduce(
    (t, s) => ({ tests: t.tests + s.tests, failures: t.failures + s.failures, errors: t.errors + s.errors }),
    {
      tests: 0,
      failures: 0,
      errors: 0,
    },
  );
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="mailaudit" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}">`,
    ...suites.map((s) => s.xml),
    `</testsuites>`,
    "",
  ].join("\n");
};

function testsuite(result: DomainResult, ruleIds: readonly string[], context: FormatContext) {
  const failOn = context.failOn ?? "error";
  const byRule = Map.groupBy(result.findings, (f) => f.rule);
  // Rules that reported although not in the context (should not happen) still get their testcase.
  const ids = [...new Set([...ruleIds, ...byRule.keys()])].sort();
  let failures = 0;
  let errors = 0;
  const cases = ids.map((id) => {
    const findings = byRule.get(id) ?? [];
    const failing = findings.filter((f) => isAtOrAbove(f.severity, failOn));
    const open = `    <testcase classname="${escapeXml(result.domain)}" name="${escapeXml(id)}">`;
    if (findings.length === 0) return `${open}</testcase>`;
    const body: string[] = [];
    if (failing.length > 0 && INCONCLUSIVE_RULES.has(id)) {
      errors++;
      body.push(
        `      <error type="${escapeXml(id)}" message="${escapeXml(failing[0]?.message ?? "")}">${details(failing)}</error>`,
      );
    } else if (failing.length > 0) {
      failures++;
      body.push(
        `      <failure type="${escapeXml(id)}" message="${escapeXml(failing[0]?.message ?? "")}">${details(failing)}</failure>`,
      );
    }
    const below = findings.filter((f) => !failing.includes(f));
    if (below.length > 0) body.push(`      <system-out>${details(below)}</system-out>`);
    return [open, ...body, "    </testcase>"].join("\n");
  });
  const xml = [
    `  <testsuite name="${escapeXml(result.domain)}" tests="${ids.length}" failures="${failures}" errors="${errors}" skipped="0">`,
    `    <properties><property name="status" value="${result.status}"/></properties>`,
    ...cases,
    "  </testsuite>",
  ].join("\n");
  return { xml, tests: ids.length, failures, errors };
}

function details(findings: readonly Finding[]): string {
  const lines = findings.map((f) => `${f.severity}: ${f.message}`);
  const first = findings[0];
  if (first) lines.push(`see ${ruleDocUrl(first.rule)}`);
  // Escaped line by line: escapeXml would make the separating newlines visible escapes too.
  return lines.map(escapeXml).join("\n");
}
