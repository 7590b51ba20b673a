/**
 * ESLint-RuleTester-style runner for mailaudit rules: snapshots in, findings out, no DNS.
 * Invalid cases must produce at least one finding; every expected finding names a messageId the rule
 * declares; and across the invalid cases every messageId of the rule must be exercised.
 */
import { describe, expect, it } from "vitest";
import { runRules } from "../../src/engine/run-rules.js";
import type { Severity } from "../../src/engine/severity.js";
import type { DomainSnapshot, MessageData, Rule } from "../../src/engine/types.js";

export interface ValidCase {
  name: string;
  snapshot: DomainSnapshot;
  declared?: unknown;
}

export interface ExpectedFinding {
  messageId: string;
  /** Checked as a subset of the finding's data. */
  data?: MessageData;
  severity?: Severity;
}

export interface InvalidCase extends ValidCase {
  findings: ExpectedFinding[];
}

export function testRule<Declared>(
  rule: Rule<Declared>,
  cases: { valid: ValidCase[]; invalid: InvalidCase[] },
): void {
  const declaredIds = Object.keys(rule.meta.messages);
  describe(rule.meta.id, () => {
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        expect(runRules(c.snapshot, { rules: [rule], declared: c.declared })).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        expect(c.findings.length, "invalid cases must expect at least one finding").toBeGreaterThan(0);
        for (const f of c.findings) {
          expect(declaredIds, `unknown messageId '${f.messageId}'`).toContain(f.messageId);
        }
        const findings = runRules(c.snapshot, { rules: [rule], declared: c.declared });
        expect(findings.map((f) => f.messageId)).toEqual(c.findings.map((f) => f.messageId));
        findings.forEach((finding, i) => {
          const want = c.findings[i] as ExpectedFinding;
          expect(finding.rule).toBe(rule.meta.id);
          if (want.data) expect(finding.data).toMatchObject(want.data);
          if (want.severity) expect(finding.severity).toBe(want.severity);
          // Every placeholder of the template has data (the rendered text itself may hold braces: SPF macros).
          const spec = rule.meta.messages[finding.messageId];
          const template = typeof spec === "string" ? spec : (spec?.text ?? "");
          for (const [, key] of template.matchAll(/\{(\w+)\}/g))
            expect(finding.data, `data for {${key}}`).toHaveProperty(key as string);
        });
      });
    }
    it("exercises every messageId in some invalid case", () => {
      const used = new Set(cases.invalid.flatMap((c) => c.findings.map((f) => f.messageId)));
      expect([...used].sort()).toEqual([...declaredIds].sort());
    });
  });
}

/** A snapshot with nothing collected; spread the parts a case needs over it. */
export function emptySnapshot(domain = "example.com"): DomainSnapshot {
  return { domain, lookupFailures: [] };
}
