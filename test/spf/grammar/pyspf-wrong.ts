/**
 * Where pyspf 2.0.14 (Debian's python3-spf) departs from RFC 7208, each with the section that decides
 * and one example record. The differential test (grammar-property.test.ts) accepts a disagreement
 * with pyspf only when one of these explains it, and checks the explanation, never the mere shape:
 *
 * - `ourProblem`: our parser rejects the record, and every problem it names is of this kind (one
 *   pyspf does not see);
 * - `pyspfReason`: pyspf's own reason names the departure;
 * - `fix`: pyspf_oracle.py can correct the departure (a few lines of pyspf set right), and pyspf so
 *   corrected agrees with us on that record.
 *
 * Each example is checked as written: stock pyspf still gives `pyspf`, we give `ours` (so the list
 * stays true when pyspf changes). `leftOpen` entries are not pyspf errors: RFC 7208 leaves the case
 * to the implementation, and the entry says what we chose.
 */
export type PyspfFix = "upper-r" | "rejoin-dot" | "percent-end" | "no-impossible-query";

export interface PyspfDeparture {
  id: string;
  /** The RFC text that decides. */
  rfc: string;
  what: string;
  ourProblem?: RegExp;
  pyspfReason?: RegExp;
  fix?: PyspfFix;
  /** Not a pyspf error: the RFC leaves room, and we chose otherwise. */
  leftOpen?: true;
  example: { record: string; ip?: string; sender?: string; ours: string; pyspf: string };
}

export const PYSPF_DEPARTURES: readonly PyspfDeparture[] = [
  {
    id: "upper-case-r-transformer",
    rfc: 'RFC 7208 §7.1 (transformers = *DIGIT [ "r" ]) with RFC 5234 §2.3 (quoted ABNF strings are case-insensitive)',
    what: 'pyspf reverses only for a lower-case "r": %{dR} is read as %{d}',
    fix: "upper-r",
    example: { record: "v=spf1 include:%{DR} -all", ours: "fail", pyspf: "permerror" },
  },
  {
    id: "rejoin-with-delimiter",
    rfc: 'RFC 7208 §7.3: "the parts are rejoined using "." and not the original splitting characters"',
    what: "pyspf rejoins the parts of every letter but l and s with the delimiter it split on",
    fix: "rejoin-dot",
    example: { record: "v=spf1 -exists:%{v-} ?all", ours: "fail", pyspf: "neutral" },
  },
  {
    id: "domain-spec-ending-in-percent-escape",
    rfc: 'RFC 7208 §7.1: domain-end = ( "." toplabel [ "." ] ) / macro-expand, and "%%" is a macro-expand',
    what: 'pyspf reads the last "%" of a final "%%" as a lone "%": invalid-macro-char',
    pyspfReason: /invalid-macro-char/,
    fix: "percent-end",
    example: { record: "v=spf1 -exists:%{d}%% ?all", ours: "neutral", pyspf: "permerror" },
  },
  {
    id: "invalid-delimiter",
    rfc: 'RFC 7208 §7.1: delimiter = "." / "-" / "+" / "," / "/" / "_" / "="',
    what: "pyspf ignores any other character after a macro letter's transformers",
    ourProblem: /invalid delimiter/,
    example: { record: "v=spf1 exists:%{l.!}.example -all", ours: "permerror", pyspf: "pass" },
  },
  {
    id: "zero-digit-transformer",
    rfc: 'RFC 7208 §7.3: "If a DIGIT is specified, the value MUST be nonzero"; §4.6: a syntax error is permerror',
    what: "pyspf keeps zero parts: %{d0} expands to nothing",
    ourProblem: /keeps zero labels/,
    example: { record: "v=spf1 exists:%{d0}.example -all", ours: "permerror", pyspf: "fail" },
  },
  {
    id: "control-character-in-term",
    rfc: "RFC 7208 §12: macro-literal = %x21-24 / %x26-7E; terms are separated by SP only (§4.6.1)",
    what: "pyspf accepts TAB, NUL and DEL inside a record (it refuses only non-ASCII)",
    ourProblem: /character U\+00(0[0-9A-F]|1[0-9A-F]|7F) is not allowed/,
    example: { record: "v=spf1 a:x\t.example -all", ours: "permerror", pyspf: "fail" },
  },
  {
    id: "repeated-modifier-in-another-case",
    rfc: "RFC 7208 §6: redirect and exp MUST NOT appear more than once; RFC 5234 §2.3: names are case-insensitive",
    what: 'pyspf compares modifier names case-sensitively: "REDIRECT=" and "redirect=" pass as two modifiers',
    ourProblem: /appears more than once/,
    example: { record: "v=spf1 REDIRECT=a.example redirect=b.example", ours: "permerror", pyspf: "fail" },
  },
  {
    id: "include-of-itself-before-evaluation",
    rfc: "RFC 7208 §4.6: terms are evaluated in order until one matches, only syntax errors end it anywhere; §5.2",
    what: "pyspf returns permerror for an include of the record's own domain even when an earlier term matches",
    pyspfReason: /include has trivial recursion/,
    example: { record: "v=spf1 +all include:%{d}", ours: "pass", pyspf: "permerror" },
  },
  {
    id: "void-lookups-of-impossible-names",
    rfc: "RFC 7208 §4.3 (a malformed <domain> gets no query), §4.6.4 (void lookups are DNS queries); the RFC 7208 suite's invalid-domain-* cases accept either result",
    what: "pyspf sends names that cannot exist (a single label, a numeric last label) and counts the NXDOMAIN as a void lookup; we, like mailauth strict, never send them (spf/impossible-name)",
    fix: "no-impossible-query",
    leftOpen: true,
    example: {
      record: "v=spf1 exists:%{d1} exists:%{i} exists:%{v} ?all",
      ours: "neutral",
      pyspf: "permerror",
    },
  },
];
