/** A small, hostile audit report for formatter tests: control characters, markup and table pipes in DNS data. */
import type { AuditReport } from "../../src/audit/audit.js";
import type { RuleMeta } from "../../src/engine/types.js";
import type { FormatContext } from "../../src/format/types.js";

export const HOSTILE = "v=spf1 <b>|`x`|</b> 50% \u001b[31mred\n::error::injected [link](http://evil) -all";

export function sampleReport(): AuditReport {
  return {
    domains: [
      {
        domain: "acme.test",
        status: "fail",
        snapshot: { domain: "acme.test", lookupFailures: [] },
        findings: [
          {
            rule: "drift/dmarc-policy",
            severity: "error",
            message: "DMARC policy for acme.test is p=quarantine, weaker than the declared reject.",
            domain: "acme.test",
            messageId: "weaker",
            data: { domain: "acme.test", expected: "reject", actual: "quarantine" },
          },
          {
            rule: "spf/syntax",
            severity: "warning",
            message: `SPF record ${HOSTILE} is odd.`,
            domain: "acme.test",
            messageId: "bad",
            data: { record: HOSTILE },
          },
        ],
      },
      {
        domain: "beta.test",
        status: "inconclusive",
        snapshot: { domain: "beta.test", lookupFailures: [] },
        findings: [
          {
            rule: "dns/lookup-failed",
            severity: "warning",
            message: "DNS lookup of TXT beta.test failed (timeout).",
            domain: "beta.test",
            messageId: "failed",
            data: { name: "beta.test", type: "TXT", reason: "timeout" },
          },
        ],
      },
      {
        domain: "gamma.test",
        status: "pass",
        snapshot: { domain: "gamma.test", lookupFailures: [] },
        findings: [],
      },
    ],
    summary: { errors: 1, warnings: 2, notices: 0, infos: 0 },
    exitCode: 1,
  };
}

const meta = (id: string, severity: RuleMeta["severity"]): RuleMeta => ({
  id,
  type: id.startsWith("drift/") ? "drift" : "problem",
  severity,
  docs: { description: `checks ${id}`, spec: "RFC 7208 §4.6.4" },
  messages: {},
  remediation: `fix ${id}`,
});

export function sampleContext(parts: Partial<FormatContext> = {}): FormatContext {
  return {
    color: false,
    rules: new Map(
      [
        meta("dns/lookup-failed", "warning"),
        meta("drift/dmarc-policy", "error"),
        meta("spf/syntax", "warning"),
      ].map((m) => [m.id, m]),
    ),
    locate: (f) =>
      f.rule.startsWith("drift/")
        ? [{ file: "mailaudit.yaml", line: 7 }, { file: "zones/acme.test.zone" }]
        : [],
    toolVersion: "0.1.0",
    ...parts,
  };
}
