import { describe, expect, it } from "vitest";
import { parseDmarcRecord } from "../../src/dmarc/parse.js";
import type { DmarcProblemCode } from "../../src/dmarc/types.js";

/** record → the problem codes (with tag) the parser must report, in order; [] means valid. */
const CASES: [string, string[]][] = [
  ["v=DMARC1; p=reject; rua=mailto:dmarc@example.com", []],
  ["v=DMARC1; p=none", []],
  ["v=DMARC1;p=quarantine;", []],
  // *WSP around "=" and ";" is allowed by the ABNF (checkdmarc agrees; mox rejects).
  ["v = DMARC1 ; p = reject", []],
  ["V=DMARC1; p=reject", []],
  // The version value is case-sensitive (RFC 9989 §4.7; mox agrees, checkdmarc does not).
  ["v=dmarc1; p=reject", ["bad-version:v"]],
  ["p=reject; v=DMARC1", ["bad-version:v", "bad-version:v", "policy-not-second:p"]],
  ["v=DMARC1 p=reject", ["bad-version:v", "missing-policy:p"]],
  // Values are exact tokens: no prefix matching (OpenDMARC accepts p=n).
  ["v=DMARC1; p=n", ["invalid-policy:p"]],
  ["v=DMARC1; p=rejected; sp=all; np=x", ["invalid-policy:p", "invalid-policy:sp", "invalid-policy:np"]],
  ["v=DMARC1; p=REJECT", []],
  ["v=DMARC1; p=reject; p=none", ["duplicate-tag:p"]],
  // Issue 12, item 7: one problem for the record, however many tags repeat; repeated tags are not read.
  ["v=DMARC1; p=reject; rua=mailto:a@b.example; p=x; rua=y; rua=z", ["duplicate-tag:p, rua"]],
  // Issue 12, item 8: printable ASCII only (RFC 6376 §3.2 tag-char), in every tag alike.
  ["v=DMARC1; p=reject\u00a0", ["invalid-character:p"]],
  ["v=DMARC1; p=reject; rua=mailto:a@b.example\u00a0", ["invalid-character:rua"]],
  ["v=DMARC1; p=reject; rua=mailto:a@b.example,\u00a0mailto:c@d.example", ["invalid-character:rua"]],
  ["v=DMARC1; p=reject; fo=1\u00a0:d", ["invalid-character:fo"]],
  ["v=DMARC1; p=reject; rf=afrf\u00a0", ["invalid-character:rf"]],
  ["v=DMARC1; p=reject; adkim=s\u0007", ["invalid-character:adkim"]],
  ["v=DMARC1; p=reject; foo=b\u00e4r", ["invalid-character:foo"]],
  ["v=DMARC1; p=reject; fo=1 : d; rua=mailto:a@b.example ,\tmailto:c@d.example", []],
  ["v=DMARC1; p=reject; adkim=x; aspf=strict", ["invalid-value:adkim", "invalid-value:aspf"]],
  ["v=DMARC1; p=reject; pct=101", ["invalid-value:pct"]],
  ["v=DMARC1; p=reject; pct=-1", ["invalid-value:pct"]],
  ["v=DMARC1; p=reject; pct=0", []],
  ["v=DMARC1; p=reject; fo=0:1", ["invalid-value:fo"]],
  ["v=DMARC1; p=reject; fo=1:d:s", []],
  ["v=DMARC1; p=reject; fo=2", ["invalid-value:fo"]],
  ["v=DMARC1; p=reject; rf=iodef", ["invalid-value:rf"]],
  ["v=DMARC1; p=reject; ri=hourly", ["invalid-value:ri"]],
  ["v=DMARC1; p=reject; t=yes; psd=maybe", ["invalid-value:t", "invalid-value:psd"]],
  ["v=DMARC1; p=reject; t=y; psd=n", []],
  ["v=DMARC1; p=reject; foo=bar", ["unknown-tag:foo"]],
  // Tag names are case-sensitive (RFC 6376 §3.2): P= is unknown, and then p is missing.
  ["v=DMARC1; P=reject", ["unknown-tag:P", "missing-policy:p"]],
  ["v=DMARC1; p=reject; ; rua=mailto:a@b.example", ["malformed-tag:-"]],
  ["v=DMARC1; p=reject; garbage", ["malformed-tag:-"]],
  ["v=DMARC1; rua=mailto:a@example.com", ["missing-policy:p"]],
  ["v=DMARC1; sp=reject; p=reject", ["policy-not-second:p"]],
  ["v=DMARC1; p=reject; rua=dmarc@example.com", ["invalid-uri:rua"]],
  ["v=DMARC1; p=reject; rua=mailto:nobody", ["invalid-uri:rua"]],
  ["v=DMARC1; p=reject; rua=mailto:a@example.com,mailto:b@example.net", []],
  ["v=DMARC1; p=reject; rua=mailto:a@example.com!10m", []],
  ["v=DMARC1; p=reject; ruf=ftp://example.com/r", ["unsupported-uri-scheme:ruf"]],
];

const codes = (record: string) =>
  parseDmarcRecord(record).problems.map(
    (p) => `${p.code}:${p.tag ?? "-"}` as `${DmarcProblemCode}:${string}`,
  );

describe("parseDmarcRecord", () => {
  it.each(CASES)("%s", (record, expected) => {
    expect(codes(record)).toEqual(expected);
  });

  it("a value with U+00A0 is invalid where it matters: no valid rua, no valid p", () => {
    const rua = parseDmarcRecord("v=DMARC1; p=reject; rua=mailto:a@b.example\u00a0").tags.rua;
    expect(rua?.map((u) => u.valid)).toEqual([false]);
    expect(parseDmarcRecord("v=DMARC1; p=reject\u00a0").tags.p).toBe("reject\u00a0");
  });

  it("keeps tags beside their fields, absent distinct from default", () => {
    const { tags } = parseDmarcRecord(
      "v=DMARC1; p=Reject; sp=none; rua=mailto:a@Example.COM!20k, mailto:b@example.net; t=y",
    );
    expect(tags.p).toBe("reject");
    expect(tags.sp).toBe("none");
    expect(tags.adkim).toBeUndefined();
    expect(tags.t).toBe("y");
    expect(tags.rua?.map((u) => [u.uri, u.host, u.size, u.valid])).toEqual([
      ["mailto:a@Example.COM", "example.com", "20k", true],
      ["mailto:b@example.net", "example.net", null, true],
    ]);
  });
});
