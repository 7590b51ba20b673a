import { describe, expect, it } from "vitest";
import { formatMarkdown } from "../../src/format/markdown.js";
import { escapeMarkdown } from "../../src/format/markdown-escape.js";
import { HOSTILE, sampleContext, sampleReport } from "./report.js";

describe("markdown format", () => {
  const text = formatMarkdown(sampleReport(), sampleContext());

  it("summarizes every domain in one table and links findings to their rule docs", () => {
    expect(text).toContain("| acme.test | ❌ fail | 1 | 1 |");
    expect(text).toContain("| gamma.test | ✅ pass | 0 | 0 |");
    expect(text).toContain("(https://github.com/mailaudit/mailaudit/blob/main/rules/drift/dmarc-policy.md)");
  });

  it("neutralizes HTML, pipes, backticks, links and control characters from DNS", () => {
    const escaped = escapeMarkdown(HOSTILE);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence is the point
    expect(escaped).not.toMatch(/<b>|[^\\]\||[^\\]`|[\u0000-\u001f]/);
    expect(escaped).toContain("&lt;b&gt;");
    expect(escaped).toContain("\\[link\\]");
    // A finding row keeps exactly its three cells.
    const row = text.split("\n").find((l) => l.includes("spf/syntax")) ?? "";
    expect(row.split(/(?<!\\)\|/).length).toBe(5);
  });
});
