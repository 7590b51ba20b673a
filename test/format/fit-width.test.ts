import { describe, expect, it } from "vitest";
import { fitColumnWidths, wrapHanging, wrapText } from "../../src/format/fit-width.js";

describe("wrapText", () => {
  it("breaks at spaces, and breaks a word longer than the line instead of cutting it", () => {
    expect(wrapText("v=spf1 include:_spf.example.com -all", 16)).toEqual([
      "v=spf1",
      "include:_spf.exa",
      "mple.com -all",
    ]);
    expect(wrapText("a b c", 80)).toEqual(["a b c"]);
    expect(wrapText("one\ntwo", 80)).toEqual(["one", "two"]);
    for (const width of [1, 5, 13])
      for (const line of wrapText("The SPF record at example.com is 600 octets", width))
        expect(line.length).toBeLessThanOrEqual(width);
  });

  it("keeps every character (only spaces at line breaks go)", () => {
    const text = "DKIM selector s1 has no key record at s1._domainkey.example.com: signatures fail";
    expect(wrapText(text, 11).join("").replace(/ /g, "")).toBe(text.replace(/ /g, ""));
  });

  it("indents continuation lines", () => {
    expect(wrapHanging("alpha beta gamma", 12, 6, 2)).toBe("alpha\n  beta gamma");
  });
});

describe("fitColumnWidths", () => {
  const columns = [
    { min: 4, cells: ["label"] },
    { min: 10, cells: ["x".repeat(60)] },
    { min: 10, cells: ["y".repeat(30)] },
  ];
  it("keeps natural widths when they fit", () => {
    expect(fitColumnWidths(columns, 200)).toEqual([5, 60, 30]);
  });
  it("shrinks the widest columns first, never below their minimum, to fit borders and padding", () => {
    const widths = fitColumnWidths(columns, 80);
    expect(widths.reduce((a, b) => a + b, 0) + columns.length * 3 + 1).toBe(80);
    expect(widths).toEqual([5, 35, 30]);
    expect(fitColumnWidths(columns, 10)).toEqual([4, 10, 10]);
  });
});
