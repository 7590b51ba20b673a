/** A rule that throws is contained: named in a finding for that domain, which becomes inconclusive. */
import { describe, expect, it } from "vitest";
import { ALL_RULES } from "../../rules/index.js";
import { audit } from "../../src/audit/audit.js";
import { parseZoneFile } from "../../src/dns/zone-file.js";
import { ZoneSet } from "../../src/dns/zone-records.js";
import { ZoneResolver } from "../../src/dns/zone-resolver.js";
import { defineRule } from "../../src/engine/define-rule.js";
import { formatTable } from "../../src/format/table.js";

const zone = parseZoneFile(
  [
    "$ORIGIN example.",
    "@ SOA ns hostmaster 1 3600 600 86400 300",
    'a TXT "v=spf1 -all"',
    '_dmarc.a TXT "v=DMARC1; p=reject; rua=mailto:d@a.example"',
    'b TXT "v=spf1 -all"',
    '_dmarc.b TXT "v=DMARC1; p=none; rua=mailto:d@b.example"',
  ].join("\n"),
);

/** A rule with a bug that only one domain's data reaches. */
const brittle = defineRule({
  meta: {
    id: "spf/brittle",
    type: "problem",
    severity: "error",
    docs: { description: "test rule", spec: "none" },
    messages: { never: "never reported" },
    remediation: "not applicable to a test rule",
  },
  check({ snapshot }) {
    if (snapshot.domain === "b.example") (undefined as unknown as { tree: string }).tree.toString();
  },
});

describe("a rule that throws", () => {
  it("names the rule and the domain, makes that domain inconclusive, and lets every other finish", async () => {
    const report = await audit(
      [
        { domain: "a.example", selectors: [] },
        { domain: "b.example", selectors: [] },
      ],
      {
        resolver: new ZoneResolver(new ZoneSet([zone]), "assume-absent"),
        rules: [...ALL_RULES, brittle],
        failOn: "error",
      },
    );
    const [a, b] = report.domains;
    expect(a?.status).toBe("pass");
    expect(a?.findings.map((f) => f.rule)).not.toContain("spf/brittle");
    expect(b?.status).toBe("inconclusive");
    expect(b?.findings).toContainEqual(
      expect.objectContaining({
        rule: "spf/brittle",
        messageId: "ruleFailed",
        domain: "b.example",
        data: expect.objectContaining({ domain: "b.example", name: "spf/brittle" }),
      }),
    );
    // The other rules still judged b.example (its p=none is a warning, below --fail-on error).
    expect(b?.findings.map((f) => f.rule)).toContain("dmarc/policy-none");
    expect(report.exitCode).toBe(3);
    const table = formatTable(report, { color: false, rules: new Map([["spf/brittle", brittle.meta]]) });
    expect(table).toMatch(/Rule spf\/brittle failed while judging b\.example/);
    expect(table).not.toContain("not applicable to a test rule");
  });

  it("a definite failure elsewhere in the domain still wins (exit 1)", async () => {
    const failing = defineRule({
      ...brittle,
      meta: { ...brittle.meta, id: "spf/fails" },
      check: ({ report }) => report({ messageId: "never" }),
    });
    const report = await audit([{ domain: "b.example", selectors: [] }], {
      resolver: new ZoneResolver(new ZoneSet([zone]), "assume-absent"),
      rules: [brittle, failing],
      failOn: "error",
    });
    expect(report.domains[0]?.status).toBe("fail");
    expect(report.exitCode).toBe(1);
  });
});
