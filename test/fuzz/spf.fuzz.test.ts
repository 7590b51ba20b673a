import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scanMacroString } from "../../src/spf/macro.js";
import { checkDomainSpec, parseSpfRecord } from "../../src/spf/parse.js";
import { anyText, domainLike, expectContained, fuzzOptions, nearValid, pathological } from "./fuzz-kit.js";

/** RFC 7208 §12 terms, valid by construction (the damage comes from `nearValid`). */
const macro = fc
  .tuple(
    fc.constantFrom(..."slodiphvSLODIPHV"),
    fc.constantFrom("", "1", "2", "10"),
    fc.constantFrom("", "r"),
    fc.constantFrom("", ".", "-", "+_="),
  )
  .map(([letter, digits, reverse, delimiters]) => `%{${letter}${digits}${reverse}${delimiters}}`);
const domainSpec = fc.oneof(
  { weight: 4, arbitrary: fc.domain() },
  { weight: 1, arbitrary: fc.tuple(macro, fc.domain()).map(([m, d]) => `${m}.${d}`) },
  { weight: 1, arbitrary: fc.tuple(fc.domain(), macro).map(([d, m]) => `${d}.${m}`) },
);
const qualifier = fc.constantFrom("", "+", "-", "~", "?");
const cidr = fc.oneof(
  fc.constant(""),
  fc.integer({ min: 0, max: 32 }).map((n) => `/${n}`),
  fc.integer({ min: 0, max: 128 }).map((n) => `//${n}`),
);
const mechanism = fc.oneof(
  fc.constant("all"),
  domainSpec.map((d) => `include:${d}`),
  domainSpec.map((d) => `exists:${d}`),
  fc
    .tuple(fc.constantFrom("a", "mx"), fc.option(domainSpec, { nil: undefined }), cidr)
    .map(([m, d, c]) => `${m}${d ? `:${d}` : ""}${c}`),
  fc.option(domainSpec, { nil: undefined }).map((d) => (d ? `ptr:${d}` : "ptr")),
  fc
    .tuple(fc.ipV4(), fc.option(fc.integer({ min: 0, max: 32 }), { nil: undefined }))
    .map(([ip, c]) => `ip4:${ip}${c === undefined ? "" : `/${c}`}`),
  fc
    .tuple(fc.ipV6(), fc.option(fc.integer({ min: 0, max: 128 }), { nil: undefined }))
    .map(([ip, c]) => `ip6:${ip}${c === undefined ? "" : `/${c}`}`),
);
const directive = fc.tuple(qualifier, mechanism).map(([q, m]) => q + m);
const modifier = fc.oneof(
  domainSpec.map((d) => `redirect=${d}`),
  domainSpec.map((d) => `exp=${d}`),
  fc
    .tuple(fc.stringMatching(/^[a-z][a-z0-9._-]{0,8}$/), fc.stringMatching(/^[\x21-\x24\x26-\x7e]{0,12}$/))
    .map(([n, v]) => `${n}=${v}`),
);
const term = fc.oneof({ weight: 4, arbitrary: directive }, { weight: 1, arbitrary: modifier });
const validRecord = fc.array(term, { maxLength: 12 }).map((terms) => ["v=spf1", ...terms].join(" "));
const nearValidRecord = nearValid(term, " ").map((body) => `v=spf1 ${body}`);

function problemsAreWellFormed(record: string): void {
  const parsed = expectContained(() => parseSpfRecord(record));
  if (parsed instanceof Error) throw parsed;
  for (const problem of parsed.problems) {
    expect(typeof problem.term).toBe("string");
    expect(problem.reason.length).toBeGreaterThan(0);
  }
  // Every term the parser kept is text that really is in the record (nothing invented).
  for (const t of parsed.terms) expect(record).toContain(t.text);
}

describe("SPF record parser under hostile input", () => {
  it("never throws and stays bounded on arbitrary text", () => {
    fc.assert(
      fc.property(anyText(), (text) => {
        problemsAreWellFormed(text);
        problemsAreWellFormed(`v=spf1 ${text}`);
      }),
      fuzzOptions(),
    );
  });

  it("never throws on near-valid records, and reports problems as data", () => {
    fc.assert(fc.property(nearValidRecord, problemsAreWellFormed), fuzzOptions());
  });

  it("accepts every record built from the RFC 7208 grammar, apart from repeated redirect/exp", () => {
    fc.assert(
      fc.property(validRecord, (record) => {
        const parsed = parseSpfRecord(record);
        const repeated = ["redirect=", "exp="].some(
          (m) => record.split(" ").filter((t) => t.startsWith(m)).length > 1,
        );
        if (!repeated) expect(parsed.problems).toEqual([]);
      }),
      fuzzOptions(),
    );
  });

  it("round-trips: the terms it read, written back, read the same", () => {
    fc.assert(
      fc.property(fc.oneof(validRecord, nearValidRecord), (record) => {
        const first = parseSpfRecord(record);
        const rewritten = ["v=spf1", ...first.terms.map((t) => t.text)].join(" ");
        expect(parseSpfRecord(rewritten).terms).toEqual(first.terms);
      }),
      fuzzOptions(),
    );
  });

  it("stays bounded on long repetitions (regex backtracking)", () => {
    const fragments = [
      "a",
      "a.",
      "%{",
      "%{d}",
      "%%",
      "ip4:1.",
      "a:a",
      "/",
      "//",
      "-",
      "1",
      "%{d1r.-}",
      "include:",
      "x=",
      " ",
    ];
    fc.assert(
      fc.property(
        fc.oneof(
          pathological("v=spf1 ", fragments),
          pathological("v=spf1 a:", fragments),
          pathological("v=spf1 ip6:", ["1:", "::", "f"]),
        ),
        problemsAreWellFormed,
      ),
      fuzzOptions(100),
    );
  });

  it("macro and domain-spec checks never throw and stay bounded", () => {
    fc.assert(
      fc.property(
        fc.oneof(anyText(), domainLike, pathological("", ["%{", "%{d", ".", "a-", "%"])),
        (text) => {
          expectContained(() => scanMacroString(text, "domain"));
          expectContained(() => scanMacroString(text, "explain"));
          const problem = expectContained(() => checkDomainSpec(text));
          expect(problem === undefined || typeof problem === "string").toBe(true);
        },
      ),
      fuzzOptions(),
    );
  });
});
