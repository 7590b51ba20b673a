import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSpfRecord } from "../../src/spf/parse.js";

const valid: [string, unknown][] = [
  ["v=spf1 -all", [{ mechanism: "all", qualifier: "-" }]],
  [
    "V=SPF1 ip4:192.0.2.0/24 ip6:2001:db8::/32 ~ALL",
    [
      { mechanism: "ip4", network: "192.0.2.0", cidr4: 24 },
      { mechanism: "ip6", network: "2001:db8::", cidr6: 32 },
      { mechanism: "all", qualifier: "~" },
    ],
  ],
  [
    "v=spf1 a:foo.example.com/24//64 mx//64 a",
    [
      { mechanism: "a", domainSpec: "foo.example.com", cidr4: 24, cidr6: 64 },
      { mechanism: "mx", cidr6: 64 },
      { mechanism: "a", qualifier: "+" },
    ],
  ],
  [
    "v=spf1 include:_spf.example.com ?ptr exists:%{i}.%{l1r-}.bl.example.org",
    [
      { mechanism: "include", domainSpec: "_spf.example.com", hasMacros: false },
      { mechanism: "ptr", qualifier: "?" },
      { mechanism: "exists", hasMacros: true },
    ],
  ],
  [
    "v=spf1  redirect=_spf.example.com  exp=explain.%{d}  moo.cow-far_out=man:dog/cat ",
    [
      { kind: "modifier", name: "redirect", value: "_spf.example.com" },
      { kind: "modifier", name: "exp", hasMacros: true },
      { kind: "modifier", name: "moo.cow-far_out" },
    ],
  ],
  ["v=spf1", []],
  // Issue 12, item 2: domain-end = ( "." toplabel [ "." ] ) / macro-expand (§7.1), %% %_ %- included.
  [
    "v=spf1 exists:%{d}%_ exists:%{d}%% exists:%{d}%-",
    [
      { mechanism: "exists", domainSpec: "%{d}%_" },
      { mechanism: "exists", domainSpec: "%{d}%%" },
      { mechanism: "exists", domainSpec: "%{d}%-" },
    ],
  ],
  // Issue 12, item 3: "/" is a macro-literal; only a trailing /digits and //digits are prefix lengths.
  [
    "v=spf1 a:slash/ok.example a:slash/ok.example/24//64 mx:x.y/1.example mx:%{d}/0",
    [
      { mechanism: "a", domainSpec: "slash/ok.example" },
      { mechanism: "a", domainSpec: "slash/ok.example", cidr4: 24, cidr6: 64 },
      { mechanism: "mx", domainSpec: "x.y/1.example" },
      { mechanism: "mx", domainSpec: "%{d}", cidr4: 0 },
    ],
  ],
  // Issue 12, item 4: any macro-expand makes the name macro-dependent (never queried as written).
  ["v=spf1 exists:%%.ok.example", [{ mechanism: "exists", hasMacros: true }]],
];

const invalid: [string, RegExp][] = [
  ["v=spf1 foo:bar", /unknown mechanism "foo"/],
  ["v=spf1 ip4:999.1.1.1", /not an IPv4/],
  ["v=spf1 ip4:192.0.2.1/33", /prefix/],
  ["v=spf1 ip6:2001:db8::/129", /prefix/],
  ["v=spf1 ip6:fe80::1%eth0", /not an IPv6/],
  ["v=spf1 ip6:2001:db8::1.2.3.04", /not an IPv6/],
  ["v=spf1 ip6:1:2:3:4:5:6:7:8:9", /not an IPv6/],
  ["v=spf1 a/33", /over 32/],
  ["v=spf1 mx//129", /over 128/],
  ["v=spf1 all/24", /takes no argument/],
  ["v=spf1 include:", /empty domain-spec/],
  ["v=spf1 include:com", /needs a dot/],
  ["v=spf1 a:example.123", /top label/],
  ["v=spf1 exists:%{x}.example.com", /unknown macro letter/],
  ["v=spf1 exists:%{c}.example.com", /only in exp/],
  ["v=spf1 exists:%{d0}.example.com", /zero labels/],
  ["v=spf1 exists:%{d;}.example.com", /delimiter/],
  ["v=spf1 exists:%{d.example.com", /unterminated/],
  ["v=spf1 a:foo%.example.com", /must start/],
  ["v=spf1 redirect=a.example.com redirect=b.example.com", /more than once/],
  ["v=spf1 exp=a.example.com exp=b.example.com", /more than once/],
  // Issue 12, item 6: c, r and t are allowed only in exp text (§7.2), so not in any term's value.
  ["v=spf1 foo=%{c}", /only in exp/],
  ["v=spf1 exp=%{r}.example.com", /only in exp/],
  ["v=spf1 a:%{t}.example.com", /only in exp/],
  ["v=spf1 a:foo.example/024", /leading zeros/],
  ["v=spf1 mx:foo.example//0128", /leading zeros/],
  ["v=spf1 a:foo.example/24/64", /top label/],
  ["v=spf1 a:foo.example/", /top label/],
  ["v=spf1 a:ctrl.example.com\rptr -all", /U\+000D/],
  ["v=spf1 ip4:1.2.3.4\t-all", /not an IPv4/],
  ["v=spf10 -all", /exactly "v=spf1"/],
];

describe("parseSpfRecord", () => {
  for (const [record, terms] of valid) {
    it(`reads ${JSON.stringify(record)}`, () => {
      const parsed = parseSpfRecord(record);
      expect(parsed.problems).toEqual([]);
      expect(parsed.terms).toMatchObject(terms as object[]);
      expect(parsed.terms).toHaveLength((terms as unknown[]).length);
    });
  }
  for (const [record, reason] of invalid) {
    it(`reports ${JSON.stringify(record)}`, () => {
      const problems = parseSpfRecord(record).problems;
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.map((p) => p.reason).join("; ")).toMatch(reason);
    });
  }

  it("collects every problem, not only the first", () => {
    const parsed = parseSpfRecord("v=spf1 foo ip4:1.2.3 include:x.example.com all/1 -all");
    expect(parsed.problems.map((p) => p.term)).toEqual(["foo", "ip4:1.2.3", "all/1"]);
    expect(parsed.terms.map((t) => t.text)).toEqual(["include:x.example.com", "-all"]);
  });

  it("never throws, whatever the input", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (tail) => {
        const parsed = parseSpfRecord(`v=spf1 ${tail}`);
        expect(Array.isArray(parsed.problems)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
