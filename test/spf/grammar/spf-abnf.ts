/**
 * SPF records generated along RFC 7208 §12's ABNF, written from the RFC and not from our parser:
 * `validSpfRecord` builds records every rule of the grammar accepts (with the choices of
 * rules/spf/syntax.md: no c/r/t macros in the record, non-zero DIGIT transformers, redirect and exp
 * at most once), and `invalidSpfRecord` is such a record with exactly one term broken by one
 * mutation that the grammar rejects. Each generated record says which it is and, when broken, how.
 */
import fc from "fast-check";

export interface GeneratedRecord {
  record: string;
  /** What the grammar says, by construction. */
  valid: boolean;
  /** The mutation that broke it (invalid records only). */
  mutation?: string;
}

const ALPHA = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGIT = "0123456789";
const ALPHANUM = ALPHA + DIGIT;
/** macro-literal = %x21-24 / %x26-7E: visible characters except "%". */
const MACRO_LITERAL = [...Array(0x7e - 0x21 + 1)]
  .map((_, i) => String.fromCharCode(0x21 + i))
  .filter((c) => c !== "%")
  .join("");
const DELIMITERS = ".-+,/_=";
/** macro-letter without the exp-only c, r, t (§7.2). */
const DOMAIN_LETTERS = "slodiphv";

const chars = (alphabet: string, min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength: min, maxLength: max });
const anyCase = (word: string) =>
  fc
    .array(fc.boolean(), { minLength: word.length, maxLength: word.length })
    .map((upper) => [...word].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join(""));

/** toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum ). */
export const toplabel = fc.oneof(
  fc.tuple(chars(ALPHANUM, 0, 3), chars(ALPHA, 1, 1), chars(ALPHANUM, 0, 3)).map((p) => p.join("")),
  fc
    .tuple(chars(ALPHANUM, 1, 3), chars(`${ALPHANUM}-`, 0, 3), chars(ALPHANUM, 1, 1))
    .map(([a, b, c]) => `${a}-${b}${c}`),
);

/** transformers = *DIGIT [ "r" ], the DIGIT part non-zero when given (§7.3). */
const transformers = fc
  .tuple(
    fc.oneof(fc.constant(""), fc.integer({ min: 1, max: 130 }).map(String)),
    fc.constantFrom("", "r", "R"),
  )
  .map(([digits, r]) => digits + r);

const macroExpandWith = (letters: string) =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...letters, ...letters.toUpperCase()),
          transformers,
          fc.array(fc.constantFrom(...DELIMITERS), { maxLength: 4 }).map((d) => d.join("")),
        )
        .map(([letter, t, delimiters]) => `%{${letter}${t}${delimiters}}`),
    },
    { weight: 1, arbitrary: fc.constantFrom("%%", "%_", "%-") },
  );
export const macroExpand = macroExpandWith(DOMAIN_LETTERS);

/** macro-string = *( macro-expand / macro-literal ). */
export const macroString = fc
  .array(fc.oneof(macroExpand, chars(MACRO_LITERAL, 1, 6)), { maxLength: 4 })
  .map((parts) => parts.join(""));

/** domain-spec = macro-string domain-end; domain-end = ( "." toplabel [ "." ] ) / macro-expand. */
export const domainSpec = fc.oneof(
  fc.tuple(macroString, toplabel, fc.constantFrom("", ".")).map(([head, top, dot]) => `${head}.${top}${dot}`),
  fc.tuple(macroString, macroExpand).map(([head, end]) => head + end),
);

const qnum = fc.integer({ min: 0, max: 255 }).map(String);
const ip4Network = fc.tuple(qnum, qnum, qnum, qnum).map((q) => q.join("."));
const ip4Cidr = fc.integer({ min: 0, max: 32 }).map((n) => `/${n}`);
const ip6Cidr = fc.integer({ min: 0, max: 128 }).map((n) => `/${n}`);
/** dual-cidr-length = [ ip4-cidr-length ] [ "/" ip6-cidr-length ]. */
const dualCidr = fc
  .tuple(
    fc.option(ip4Cidr, { nil: "" }),
    fc.option(
      ip6Cidr.map((c) => `/${c}`),
      { nil: "" },
    ),
  )
  .map(([four, six]) => four + six);
const qualifier = fc.constantFrom("", "+", "-", "~", "?");
const withColon = (spec: fc.Arbitrary<string>) => spec.map((s) => `:${s}`);

/** mechanism = all / include / a / mx / ptr / ip4 / ip6 / exists, names in any case. */
const mechanism = fc.oneof(
  anyCase("all"),
  fc.tuple(anyCase("include"), withColon(domainSpec)).map((p) => p.join("")),
  fc
    .tuple(
      fc.constantFrom("a", "A", "mx", "MX", "Mx"),
      fc.option(withColon(domainSpec), { nil: "" }),
      dualCidr,
    )
    .map((p) => p.join("")),
  fc.tuple(anyCase("ptr"), fc.option(withColon(domainSpec), { nil: "" })).map((p) => p.join("")),
  fc.tuple(anyCase("ip4"), withColon(ip4Network), fc.option(ip4Cidr, { nil: "" })).map((p) => p.join("")),
  fc.tuple(anyCase("ip6"), withColon(fc.ipV6()), fc.option(ip6Cidr, { nil: "" })).map((p) => p.join("")),
  fc.tuple(anyCase("exists"), withColon(domainSpec)).map((p) => p.join("")),
);
const directive = fc.tuple(qualifier, mechanism).map(([q, m]) => q + m);

/** name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." ), not redirect or exp. */
const modifierName = fc
  .tuple(chars(ALPHA, 1, 1), chars(`${ALPHANUM}-_.`, 0, 8))
  .map(([a, b]) => a + b)
  .filter((n) => !["redirect", "exp"].includes(n.toLowerCase()));
const unknownModifier = fc.tuple(modifierName, macroString).map(([n, v]) => `${n}=${v}`);

export const validTerms = fc
  .tuple(
    fc.array(fc.oneof({ weight: 5, arbitrary: directive }, { weight: 1, arbitrary: unknownModifier }), {
      maxLength: 7,
    }),
    fc.option(
      domainSpec.map((d) => `redirect=${d}`),
      { nil: undefined, freq: 4 },
    ),
    fc.option(
      domainSpec.map((d) => `exp=${d}`),
      { nil: undefined, freq: 4 },
    ),
    fc.nat(),
  )
  .map(([terms, redirect, exp, seed]) => {
    const all = [...terms];
    // Modifiers may stand anywhere among the terms.
    for (const modifier of [redirect, exp]) {
      if (modifier) all.splice(seed % (all.length + 1), 0, modifier);
    }
    return all;
  });

const spaces = fc.constantFrom(" ", " ", " ", "  ");
const render = (terms: string[], gaps: string[]) =>
  `v=spf1${terms.map((t, i) => `${gaps[i % gaps.length] ?? " "}${t}`).join("")}`;

export const validSpfRecord: fc.Arbitrary<GeneratedRecord> = fc
  .tuple(validTerms, fc.array(spaces, { minLength: 1, maxLength: 3 }), fc.constantFrom("", " "))
  .map(([terms, gaps, trailing]) => ({ record: render(terms, gaps) + trailing, valid: true }));

/** One term the grammar rejects, each built from valid parts plus one change, named by the change. */
const brokenTerm = fc.oneof(
  // domain-end "." toplabel: a toplabel needs a letter (or the hyphenated form).
  fc
    .tuple(
      fc.constantFrom("include:", "exists:", "a:", "mx:", "ptr:", "redirect=", "exp="),
      macroString,
      chars(DIGIT, 1, 4),
    )
    .map(([m, head, digits]) => [`${m}${head}.${digits}`, "toplabel without a letter"]),
  fc
    .tuple(fc.constantFrom("include:", "exists:", "a:"), chars(ALPHANUM, 1, 8))
    .map(([m, name]) => [`${m}${name}`, "domain-spec without a dot or macro at its end"]),
  // c, r and t belong in exp text only (§7.2); unknown letters nowhere.
  fc
    .tuple(
      fc.constantFrom("include:", "exists:", "a:", "redirect=", "exp=", "x-mod="),
      fc.constantFrom("c", "r", "t", "C", "R", "T"),
      toplabel,
    )
    .map(([m, letter, top]) => [`${m}%{${letter}}.${top}`, "c, r or t outside exp text"]),
  fc
    .tuple(fc.constantFrom("exists:", "a:"), fc.constantFrom("a", "b", "e", "x", "z", "1", "{"), toplabel)
    .map(([m, letter, top]) => [`${m}%{${letter}}.${top}`, "unknown macro letter"]),
  fc
    .tuple(fc.constantFrom("exists:", "include:"), fc.constantFrom("0", "00", "0r"))
    .map(([m, t]) => [`${m}%{d${t}}.example`, "zero DIGIT transformer"]),
  fc
    .tuple(fc.constantFrom("exists:", "a:"), fc.constantFrom(..."!#$&*:;?@^|~abcs0"))
    .map(([m, d]) => [`${m}%{l.${d}}.example`, "invalid delimiter"]),
  fc
    .tuple(
      fc.constantFrom("exists:", "a:", "x-mod="),
      fc.constantFrom(..."abc19/.:=!"),
      fc.constantFrom("", ".example"),
    )
    .map(([m, after, tail]) => [`${m}x%${after}y.example${tail}`, "'%' not starting a macro-expand"]),
  fc.constantFrom<[string, string]>(["exists:%{d", "unterminated macro"], ["a:x.%", "'%' at the end"]),
  // Prefix lengths: out of range or with leading zeros.
  fc
    .tuple(
      fc.constantFrom("a", "mx", "a:x.example", "ip4:192.0.2.0"),
      fc.oneof(fc.integer({ min: 33, max: 99 }).map(String), fc.constantFrom("01", "024", "00")),
    )
    .map(([m, c]) => [`${m}/${c}`, "ip4 prefix length out of range"]),
  fc
    .tuple(
      fc.constantFrom("a//", "mx:x.example//", "ip6:2001:db8::/"),
      fc.oneof(fc.integer({ min: 129, max: 999 }).map(String), fc.constantFrom("01", "064")),
    )
    .map(([m, c]) => [`${m}${c}`, "ip6 prefix length out of range"]),
  fc
    .tuple(fc.integer({ min: 256, max: 999 }), fc.constantFrom("", "/24"))
    .map(([octet, c]) => [`ip4:192.0.2.${octet}${c}`, "ip4 octet over 255"]),
  fc.constantFrom<[string, string]>(
    ["ip4:192.0.2", "ip4 network of three octets"],
    ["ip4:192.0.02.1", "ip4 octet with a leading zero"],
    ["ip6:2001:db8::g", "ip6 network that is no address"],
    ["ip6:1:2:3", "ip6 network that is no address"],
    ["ip4:2001:db8::1", "ip6 address in ip4"],
  ),
  // Mechanism names and arguments.
  fc
    .tuple(
      qualifier,
      fc.constantFrom("foo", "spf", "ip", "incl", "allow", "a1", "mx2"),
      fc.constantFrom("", ":x.example"),
    )
    .map(([q, m, arg]) => [`${q}${m}${arg}`, "unknown mechanism"]),
  fc.constantFrom<[string, string]>(
    ["all:x.example", "all with an argument"],
    ["-all/24", "all with an argument"],
    ["all.", "all with an argument"],
    ["include", "include without its domain-spec"],
    ["exists", "exists without its domain-spec"],
    ["ip4", "ip4 without its network"],
    ["ptr/24", "ptr with a prefix length"],
    ["ptr:x.example/24", "ptr with a prefix length"],
  ),
  fc
    .constantFrom("include:", "exists:", "a:", "mx:", "ptr:", "redirect=", "exp=")
    .map((m) => [m, "empty domain-spec"] as [string, string]),
  // Characters a record may not hold (§4.6, §12: macro-literal is %x21-24 / %x26-7E).
  fc
    .tuple(
      fc.constantFrom("a:x", "x-mod=", "include:"),
      fc.constantFrom("\u00a0", "\t", "é", "\u0000", "\u007f"),
    )
    .map(([m, c]) => [`${m}${c}.example`, "character outside visible ASCII"]),
  fc.constantFrom<[string, string]>(
    ["1mod=x", "modifier name not starting with a letter"],
    ["mod!x=y", "modifier name with '!'"],
  ),
) as fc.Arbitrary<[term: string, mutation: string]>;

/** A valid record with one term broken (inserted at any place). */
export const invalidSpfRecord: fc.Arbitrary<GeneratedRecord> = fc
  .tuple(validTerms, brokenTerm, fc.nat())
  .map(([terms, [term, mutation], at]) => {
    const all = [...terms];
    all.splice(at % (all.length + 1), 0, term);
    return { record: render(all, [" "]), valid: false, mutation };
  });

/** A second redirect or exp: §6 allows each once. */
export const repeatedModifierRecord: fc.Arbitrary<GeneratedRecord> = fc
  .tuple(validTerms, fc.constantFrom("redirect", "exp", "REDIRECT"), domainSpec, domainSpec)
  .map(([terms, name, first, second]) => ({
    record: render(
      [
        ...terms.filter((t) => !/^(redirect|exp)=/i.test(t)),
        `${name}=${first}`,
        `${name.toLowerCase()}=${second}`,
      ],
      [" "],
    ),
    valid: false,
    mutation: `${name.toLowerCase()} twice`,
  }));

export const generatedSpfRecord: fc.Arbitrary<GeneratedRecord> = fc.oneof(
  { weight: 5, arbitrary: validSpfRecord },
  { weight: 4, arbitrary: invalidSpfRecord },
  { weight: 1, arbitrary: repeatedModifierRecord },
);
