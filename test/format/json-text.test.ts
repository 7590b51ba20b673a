import { describe, expect, it } from "vitest";
import { toJsonText } from "../../src/format/json-text.js";

describe("toJsonText", () => {
  it("leaves plain ASCII as JSON.stringify writes it, with a final line break", () => {
    const value = { domain: "example.com", findings: [{ rule: "spf/missing", data: { n: 1 } }] };
    expect(toJsonText(value)).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });

  it("escapes DEL in otherwise ASCII text (the one raw character ASCII can hold)", () => {
    const text = toJsonText({ record: "v=spf1\u007f -all" });
    expect(text).toContain("v=spf1\\u007f -all");
    expect(text).not.toContain("\u007f");
    expect(JSON.parse(text)).toEqual({ record: "v=spf1\u007f -all" });
  });

  it("escapes C1 controls, bidi overrides and separators, and keeps other non-ASCII text raw", () => {
    const value = { a: "caf\u00e9 \u0085 \u202e \u2028 \ufeff \u00ff \u4e2d" };
    const text = toJsonText(value);
    expect(text).toContain("caf\u00e9 \\u0085 \\u202e \\u2028 \\ufeff \u00ff \u4e2d");
    expect(JSON.parse(text)).toEqual(value);
  });
});
