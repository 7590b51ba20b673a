import { describe, expect, it } from "vitest";
import { formatSarif } from "../../src/format/sarif.js";
import { sampleContext, sampleReport } from "./report.js";
import { validateSarif } from "./validators.js";

describe("sarif format", () => {
  const log = JSON.parse(formatSarif(sampleReport(), sampleContext()));

  it("is valid against the official SARIF 2.1.0 schema", () => {
    expect(validateSarif(log)).toEqual([]);
  });

  it("the schema check can fail (a broken log is caught)", () => {
    expect(validateSarif({ ...log, version: "2.0.0" })).not.toEqual([]);
  });

  it("describes each rule with helpUri and the three descriptions", () => {
    const rule = log.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === "drift/dmarc-policy");
    expect(rule).toMatchObject({
      helpUri: "https://github.com/mailaudit/mailaudit/blob/main/rules/drift/dmarc-policy.md",
      shortDescription: { text: "checks drift/dmarc-policy" },
      defaultConfiguration: { level: "error" },
    });
    expect(rule.fullDescription.text).toContain("RFC 7208");
    expect(rule.help.text).toBe("fix drift/dmarc-policy");
  });

  it("locates results at the domain, and at the config line or zone file when known", () => {
    const [drift, syntax] = log.runs[0].results;
    expect(drift.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "mailaudit.yaml" },
      region: { startLine: 7 },
    });
    expect(drift.locations[1].physicalLocation.artifactLocation.uri).toBe("zones/acme.test.zone");
    expect(drift.locations[0].logicalLocations[0].name).toBe("acme.test");
    expect(syntax.locations).toEqual([
      { logicalLocations: [{ name: "acme.test", fullyQualifiedName: "acme.test", kind: "resource" }] },
    ]);
    expect(syntax.level).toBe("warning");
    expect(log.runs[0].tool.driver.rules[drift.ruleIndex].id).toBe("drift/dmarc-policy");
  });

  it("shows control characters from DNS as visible escapes", () => {
    const syntax = log.runs[0].results[1];
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence is the point
    expect(syntax.message.text).not.toMatch(/[\u0000-\u001f]/);
    expect(syntax.message.text).toContain("\\x1b[31mred");
  });
});
