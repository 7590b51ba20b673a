import { describe, expect, it } from "vitest";
import { fitColumnWidths, wrapHanging, wrapText } from "../../src/format/fit-width.js";

describe("wrapText", () => {
  it("breaks at spaces, and a word longer than the line after a separator if it can, never cutting it", () => {
    expect(wrapText("v=spf1 include:_spf.example.com -all", 16)).toEqual([
      "v=spf1",
      "include:_spf.",
      "example.com -all",
    ]);
    expect(wrapText("authorized-unaligned", 12)).toEqual(["authorized-", "unaligned"]);
    expect(wrapText("0123456789abcdef", 6)).toEqual(["012345", "6789ab", "cdef"]);
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
  it("keeps a column whole while others can give way", () => {
    const specs = [
      { min: 4, keep: 20, cells: ["authorized-unaligned"] },
      { min: 4, cells: ["mail-a.google.com is a long host name"] },
    ];
    expect(fitColumnWidths(specs, 40)).toEqual([20, 13]);
    expect(fitColumnWidths(specs, 20)).toEqual([9, 4]);
  });

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
