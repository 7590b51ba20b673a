import { describe, expect, it } from "vitest";
import { escapeData, escapeProperty, formatGithub } from "../../src/format/github.js";
import { sampleContext, sampleReport } from "./report.js";

describe("github format", () => {
  const lines = formatGithub(sampleReport(), sampleContext()).trimEnd().split("\n");

  it("writes one workflow command per finding, with file and line when known", () => {
    expect(lines[0]).toBe(
      "::error file=mailaudit.yaml,line=7,title=drift/dmarc-policy (acme.test)::DMARC policy for acme.test is p=quarantine, weaker than the declared reject.%0Afix: fix drift/dmarc-policy",
    );
    expect(lines[1]?.startsWith("::warning title=spf/syntax (acme.test)::")).toBe(true);
    expect(lines).toHaveLength(4);
  });

  it("cannot be made to start a second command by DNS data", () => {
    // Every line is one of ours: a newline inside data never reaches the log raw.
    expect(lines.filter((l) => l.startsWith("::"))).toHaveLength(3);
    expect(lines[1]).toContain("50%25");
  });

  it("escapes like the Actions toolkit", () => {
    expect(escapeData("a%b\r\nc")).toBe("a%25b%0D%0Ac");
    expect(escapeProperty("x:y,z")).toBe("x%3Ay%2Cz");
  });
});
