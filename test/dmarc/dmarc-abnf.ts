/**
 * DMARC records generated along RFC 9989 §4.7–4.8 (its ABNF, over RFC 6376 §3.2's tag-list), written
 * from the RFC and not from our parser: `validDmarcRecord` builds records the grammar accepts (v
 * first, p second, every known tag at most once, WSP where the ABNF allows it), and
 * `invalidDmarcRecord` is such a record with one mutation the grammar rejects, named with the problem
 * our parser must report for it.
 */
import fc from "fast-check";

export interface GeneratedDmarc {
  record: string;
  valid: boolean;
  /** The policy the record states (lower case), for valid records. */
  policy?: string;
  /** For invalid records: the mutation, and the problem code it must produce. */
  mutation?: string;
  expected?: string;
}

interface Tag {
  name: string;
  value: string;
  /** Written as it stands instead of name=value (a malformed tag-spec). */
  raw?: string;
}

const wsp = fc.constantFrom("", "", " ", "\t", "  ");
const anyCase = (word: string) =>
  fc
    .array(fc.boolean(), { minLength: word.length, maxLength: word.length })
    .map((upper) => [...word].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join(""));
const policy = fc.constantFrom("none", "quarantine", "reject").chain((p) => anyCase(p));
const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/);
const host = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom("example", "test", "com"))
  .map(([labels, top]) => [...labels, top].join("."));
const localPart = fc
  .stringMatching(/^[a-z0-9._+-]{1,12}$/)
  .filter((l) => !l.startsWith(".") && !l.endsWith("."));
/** dmarc-uri: a mailto: URI, with the obsolete "!" size suffix sometimes (RFC 9989 §4.8). */
const mailtoUri = fc
  .tuple(localPart, host, fc.constantFrom("", "", "!10m", "!500k", "!1"))
  .map(([local, h, size]) => `mailto:${local}@${h}${size}`);
/** dmarc-urilist = dmarc-uri *( *WSP "," *WSP dmarc-uri ). */
const uriList = fc
  .tuple(fc.array(mailtoUri, { minLength: 1, maxLength: 3 }), wsp, wsp)
  .map(([uris, before, after]) => uris.join(`${before},${after}`));
const colonList = (options: fc.Arbitrary<string>) =>
  fc
    .tuple(fc.array(options, { minLength: 1, maxLength: 3 }), wsp)
    .map(([items, w]) => items.join(`${w}:${w}`));

/** The optional tags, each with a value its ABNF accepts. */
const optionalTags: Record<string, fc.Arbitrary<string>> = {
  sp: policy,
  np: policy,
  adkim: fc.constantFrom("r", "s", "R", "S"),
  aspf: fc.constantFrom("r", "s"),
  pct: fc.integer({ min: 0, max: 100 }).map(String),
  rua: uriList,
  ruf: uriList,
  // 0 and 1 exclude each other (RFC 9989 §4.8).
  fo: colonList(fc.constantFrom("0", "d", "s")),
  rf: colonList(fc.constant("afrf")),
  ri: fc.integer({ min: 0, max: 0xffffffff }).map(String),
  t: fc.constantFrom("y", "n"),
  psd: fc.constantFrom("y", "n", "u"),
};

const optional = fc
  .subarray(Object.keys(optionalTags))
  .chain((names) =>
    names.length === 0
      ? fc.constant([] as Tag[])
      : fc.tuple(
          ...names.map((n) => (optionalTags[n] as fc.Arbitrary<string>).map((value) => ({ name: n, value }))),
        ),
  )
  .chain((tags) => fc.shuffledSubarray(tags, { minLength: tags.length, maxLength: tags.length }));

/** A valid record's tags: v, p, then the optional ones in any order. */
const validTags = fc
  .tuple(fc.constantFrom("v", "V"), policy, optional)
  .map(([v, p, rest]) => [{ name: v, value: "DMARC1" }, { name: "p", value: p }, ...rest]);

/** tag-list = tag-spec *( ";" tag-spec ) [ ";" ], tag-spec = [FWS] tag-name [FWS] "=" [FWS] tag-value [FWS]. */
function render(tags: Tag[], spacing: readonly string[] = [" "], trailing = ""): string {
  const w = (i: number) => spacing[i % spacing.length] ?? "";
  const spec = (t: Tag, i: number) => t.raw ?? `${t.name}${w(i + 1)}=${w(i + 2)}${t.value}${w(i + 3)}`;
  return tags.map((t, i) => `${i === 0 ? "" : w(i)}${spec(t, i)}`).join(";") + trailing;
}

const layout = fc.tuple(fc.array(wsp, { minLength: 1, maxLength: 5 }), fc.constantFrom("", ";"));

export const validDmarcRecord: fc.Arbitrary<GeneratedDmarc> = fc
  .tuple(validTags, layout)
  .map(([tags, [spacing, trailing]]) => ({
    record: render(tags, spacing, trailing),
    valid: true,
    policy: tags[1]?.value.toLowerCase() ?? "",
  }));

type Mutation = (tags: Tag[]) => fc.Arbitrary<{ tags: Tag[]; mutation: string; expected: string }>;

const replaceValue = (tags: Tag[], name: string, value: string): Tag[] => {
  const present = tags.some((t) => t.name === name);
  return present ? tags.map((t) => (t.name === name ? { name, value } : t)) : [...tags, { name, value }];
};

/** One change the grammar rejects, and the problem code that must name it. */
const MUTATIONS: Mutation[] = [
  (tags) =>
    fc.integer({ min: 1, max: tags.length - 1 }).chain((i) =>
      fc.constantFrom("reject", "none", "x").map((other) => {
        const repeated = tags[i] as Tag;
        const copy = { name: repeated.name, value: repeated.name === "p" ? other : repeated.value };
        return { tags: [...tags, copy], mutation: `${repeated.name} repeated`, expected: "duplicate-tag" };
      }),
    ),
  (tags) =>
    fc
      .tuple(
        fc.integer({ min: 1, max: tags.length - 1 }),
        fc.constantFrom("\u00a0", "\u0007", "\u00e9", "\u200b"),
      )
      .map(([i, strange]) => ({
        tags: tags.map((t, j) => (j === i ? { ...t, value: `${t.value}${strange}` } : t)),
        mutation: `U+${(strange.codePointAt(0) ?? 0).toString(16).padStart(4, "0")} after ${tags[i]?.name}`,
        expected: "invalid-character",
      })),
  (tags) =>
    fc.constantFrom("rejected", "n", "quarantaine", "", "all").map((bad) => ({
      tags: replaceValue(tags, "p", bad),
      mutation: `p=${bad}`,
      expected: "invalid-policy",
    })),
  (tags) =>
    fc
      .constantFrom<[string, string]>(
        ["adkim", "x"],
        ["aspf", "strict"],
        ["pct", "101"],
        ["pct", "-1"],
        ["pct", "1000"],
        ["fo", "0:1"],
        ["fo", "2"],
        ["rf", "iodef"],
        ["ri", "hourly"],
        ["ri", "4294967296"],
        ["t", "yes"],
        ["psd", "maybe"],
      )
      .map(([name, value]) => ({
        tags: replaceValue(tags, name, value),
        mutation: `${name}=${value}`,
        expected: "invalid-value",
      })),
  (tags) =>
    fc
      .constantFrom("dmarc@example.com", "mailto:nobody", "mailto:a@b c.example", "mailto:a@example.com,")
      .map((uri) => ({
        tags: replaceValue(tags, "rua", uri),
        mutation: `rua=${uri}`,
        expected: "invalid-uri",
      })),
  (tags) =>
    fc.tuple(fc.constantFrom("garbage", "p-x=1", "=reject", "1p=none"), fc.nat()).map(([junk, at]) => {
      const all = [...tags];
      all.splice(1 + (at % tags.length), 0, { name: "", value: "", raw: junk });
      return { tags: all, mutation: `tag "${junk}"`, expected: "malformed-tag" };
    }),
  (tags) =>
    fc.constantFrom("DMARC2", "dmarc1", "DMARC1x").map((version) => ({
      tags: [{ name: "v", value: version }, ...tags.slice(1)],
      mutation: `v=${version}`,
      expected: "bad-version",
    })),
  (tags) =>
    fc.constant({
      tags: tags.filter((t) => t.name !== "p"),
      mutation: "no p",
      expected: "missing-policy",
    }),
];

export const invalidDmarcRecord: fc.Arbitrary<GeneratedDmarc> = fc
  .tuple(validTags, fc.integer({ min: 0, max: MUTATIONS.length - 1 }))
  .chain(([tags, m]) => (MUTATIONS[m] as Mutation)(tags))
  .map(({ tags, mutation, expected }) => ({ record: render(tags), valid: false, mutation, expected }));

export const generatedDmarcRecord: fc.Arbitrary<GeneratedDmarc> = fc.oneof(
  validDmarcRecord,
  invalidDmarcRecord,
);
