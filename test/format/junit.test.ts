import { describe, expect, it } from "vitest";
import { formatJunit } from "../../src/format/junit.js";
import { sampleContext, sampleReport } from "./report.js";
import { parseJunit, type JunitSuite as Suite } from "./validators.js";

describe("junit format", () => {
  const suites = parseJunit(formatJunit(sampleReport(), sampleContext()));

  it("has a testsuite per domain and a testcase per rule checked", () => {
    expect(suites.testsuite.map((s) => s["@_name"])).toEqual(["acme.test", "beta.test", "gamma.test"]);
    for (const suite of suites.testsuite) {
      expect(suite.testcase.map((c) => c["@_name"])).toEqual([
        "dns/lookup-failed",
        "drift/dmarc-policy",
        "spf/syntax",
      ]);
      expect(suite["@_tests"]).toBe("3");
    }
    expect(suites["@_tests"]).toBe("9");
  });

  it("fails testcases at or above the fail level; lower findings go to system-out; DNS failures are errors", () => {
    const acme = suites.testsuite[0] as Suite;
    const drift = acme.testcase.find((c) => c["@_name"] === "drift/dmarc-policy");
    expect(drift?.failure?.["@_message"]).toContain("weaker than the declared reject");
    const syntax = acme.testcase.find((c) => c["@_name"] === "spf/syntax");
    expect(syntax?.failure).toBeUndefined();
    expect(syntax?.["system-out"]).toContain("warning:");
    expect(acme["@_failures"]).toBe("1");

    const strict = parseJunit(formatJunit(sampleReport(), sampleContext({ failOn: "warning" })));
    const beta = strict.testsuite[1] as Suite;
    expect(beta.testcase.find((c) => c["@_name"] === "dns/lookup-failed")?.error).toBeDefined();
    expect(beta["@_errors"]).toBe("1");
    expect(strict["@_failures"]).toBe("2");
  });

  it("keeps hostile DNS text well-formed (no raw markup or control characters)", () => {
    const xml = formatJunit(sampleReport(), sampleContext({ failOn: "warning" }));
    expect(xml).not.toContain("<b>");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence is the point
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });
});
