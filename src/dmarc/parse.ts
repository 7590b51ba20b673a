/**
 * Pure DMARC record parser (RFC 7489 §6.3–6.4 and RFC 9989 §4.7–4.8): text in, tags and **every**
 * problem out. Decisions where other implementations disagree, documented in
 * rules/dmarc/syntax.md:
 * - the version value is case-sensitive (`v=dmarc1` is not DMARC, RFC 9989 §4.7, as mox does);
 *   the tag name `v` is an ABNF literal and so case-insensitive;
 * - white space around `=` and `;` is allowed (`*WSP` in the ABNF), as checkdmarc accepts;
 * - other tag names are case-sensitive (RFC 6376 §3.2, adopted by RFC 9989 §4.7): `P=reject` is an
 *   unknown tag, and receivers ignore it;
 * - values are exact tokens: `p=n` is not `none` (OpenDMARC's prefix matching is not in any RFC);
 * - only `mailto:` report URIs are delivered to (RFC 9990 / RFC 7489 §6.2 require only mailto).
 */
import { parseTagList, type TagListProblem } from "../dkim/tag-list.js";
import type { DmarcProblem, DmarcTags, DmarcUri } from "./types.js";
import { parseDmarcUri } from "./uri.js";

export interface ParsedDmarcRecord {
  /** Every tag read; a tag that appears more than once is left out (none of its values is valid). */
  tags: DmarcTags;
  problems: DmarcProblem[];
  /**
   * Tag names that appear more than once. Any makes the whole tag-list invalid (RFC 6376 §3.2,
   * adopted by RFC 9989 §4.7): the record has no valid `p`, and receivers apply only RFC 9989
   * §4.10.1's fallback to it (effective-policy.ts).
   */
  repeatedTags: string[];
}

// RFC 9989 §4.7: "v" first, value exactly "DMARC1", then ";" or the end.
const VERSION = /^[vV][ \t]*=[ \t]*DMARC1[ \t]*(;|$)/;
/** What discovery keeps: records that start with the version tag (RFC 9989 §4.10 steps 2 and 7). */
export function isDmarcRecord(text: string): boolean {
  return VERSION.test(text);
}
/** Looks like an attempt at a DMARC record (for reporting near misses such as `v=dmarc1`). */
export function looksLikeDmarc(text: string): boolean {
  return /^\s*v\s*=\s*dmarc/i.test(text);
}

const POLICIES = ["none", "quarantine", "reject"];
const KNOWN = new Set([
  "v",
  "p",
  "sp",
  "np",
  "adkim",
  "aspf",
  "pct",
  "rua",
  "ruf",
  "fo",
  "rf",
  "ri",
  "t",
  "psd",
]);

/** Checks for each tag's value; a returned string is the reason it is invalid. */
const VALUE_CHECKS: Record<string, (value: string) => string | undefined> = {
  adkim: oneOf(["r", "s"]),
  aspf: oneOf(["r", "s"]),
  // RFC 7489 §6.4: dmarc-percent = 1*3DIGIT, 0 to 100.
  pct: (v) => (/^\d{1,3}$/.test(v) && Number(v) <= 100 ? undefined : "must be a whole number from 0 to 100"),
  // RFC 9989 §4.8: "0" / "1" / "d" / "s", colon-separated; 0 and 1 are mutually exclusive.
  fo: (v) => {
    const options = v.split(":").map(trimWsp);
    if (options.some((o) => !["0", "1", "d", "s"].includes(o)))
      return "options are 0, 1, d and s, separated by ':'";
    if (options.includes("0") && options.includes("1")) return "0 and 1 exclude each other";
    return undefined;
  },
  // RFC 7489 §6.3: only "afrf" is registered.
  rf: (v) =>
    v.split(":").every((f) => trimWsp(f).toLowerCase() === "afrf")
      ? undefined
      : "the only report format is afrf",
  // RFC 7489 §6.4: 1*DIGIT, a 32-bit unsigned number of seconds.
  ri: (v) =>
    /^\d{1,10}$/.test(v) && Number(v) <= 0xffffffff ? undefined : "must be a whole number of seconds",
  t: oneOf(["y", "n"]),
  psd: oneOf(["y", "n", "u"]),
};

/**
 * Records parsed lately, by text. One domain's audit reads its record in up to five places (the tree
 * walk, the PSL discovery, collection, the policies, BIMI's requirement): parsing each text once cut
 * ~4 of 5 parses from a 500-domain `check` (BENCHMARKS.md). Bounded, so a long run cannot grow it.
 * The results are shared, so nobody may change one.
 */
const recent = new Map<string, ParsedDmarcRecord>();
const RECENT_LIMIT = 512;

export function parseDmarcRecord(text: string): ParsedDmarcRecord {
  let parsed = recent.get(text);
  if (parsed === undefined) {
    parsed = parseAnew(text);
    if (recent.size >= RECENT_LIMIT) recent.clear();
    recent.set(text, parsed);
  }
  return parsed;
}

function parseAnew(text: string): ParsedDmarcRecord {
  const problems: DmarcProblem[] = [];
  const list = parseTagList(text);
  const repeatedTags = [
    ...new Set(list.problems.filter((p) => p.code === "duplicate-tag").map((p) => p.tag ?? "")),
  ];
  problems.push(...list.problems.filter((p) => p.code !== "duplicate-tag").map(fromTagListProblem));
  if (repeatedTags.length > 0) {
    // One problem for the record, however many tags repeat: the whole list is invalid, once.
    problems.unshift({
      code: "duplicate-tag",
      tag: repeatedTags.join(", "),
      reason: "a tag may appear only once (RFC 6376 §3.2, RFC 9989 §4.7)",
    });
  }
  const tags: DmarcTags = { v: "" };
  const first = list.tags[0];
  if (!VERSION.test(text) || !first || first.name.toLowerCase() !== "v") {
    problems.push({
      code: "bad-version",
      tag: "v",
      value: first?.name.toLowerCase() === "v" ? first.value : text.slice(0, 20),
      reason: "a DMARC record must start with exactly v=DMARC1 (case-sensitive), followed by ';' or the end",
    });
  }
  if (first?.name.toLowerCase() === "v") tags.v = first.value;

  for (const { name, value, index } of list.tags) {
    if (index === 0 && name.toLowerCase() === "v") continue;
    if (repeatedTags.includes(name)) continue;
    // RFC 6376 §3.2 tag-char is printable ASCII (%x21-3A / %x3C-7E), with SP and HTAB between
    // values: any other character (U+00A0 after a URI as after "reject") makes the tag invalid.
    const strange = /[^\x20-\x7e\t]/u.exec(value)?.[0];
    if (strange !== undefined) {
      problems.push({
        code: "invalid-character",
        tag: name,
        value,
        reason: `${describeCharacter(strange)} is not printable ASCII`,
      });
    }
    // The tag is still read (so it stays invalid where it matters), but says nothing more about itself.
    readTag(tags, name, value, strange === undefined ? problems : []);
  }

  if (tags.p === undefined && !repeatedTags.includes("p")) {
    problems.push({
      code: "missing-policy",
      tag: "p",
      reason: "RFC 7489 receivers ignore a record without p=; RFC 9989 receivers treat it as p=none",
    });
  } else if (tags.p !== undefined && list.tags[1]?.name !== "p") {
    // RFC 7489 §6.4 ABNF puts dmarc-request right after dmarc-version; RFC 9989 allows any order.
    problems.push({
      code: "policy-not-second",
      tag: "p",
      reason: "RFC 7489 receivers expect p= right after v=DMARC1",
    });
  }
  return { tags, problems, repeatedTags };
}

/** Reads one tag (other than the leading `v`) into `tags`, reporting what is wrong with it. */
function readTag(tags: DmarcTags, name: string, value: string, problems: DmarcProblem[]): void {
  if (!KNOWN.has(name)) {
    tags.unknown = { ...tags.unknown, [name]: value };
    const hint = KNOWN.has(name.toLowerCase())
      ? ` (tag names are case-sensitive: did you mean ${name.toLowerCase()}?)`
      : "";
    problems.push({ code: "unknown-tag", tag: name, value, reason: `receivers ignore unknown tags${hint}` });
    return;
  }
  if (name === "v") {
    problems.push({ code: "bad-version", tag: "v", value, reason: "v must be the first tag" });
    return;
  }
  if (name === "rua" || name === "ruf") {
    tags[name] = parseUriList(name, value, problems);
    return;
  }
  if (name === "p" || name === "sp" || name === "np") {
    const normalized = value.toLowerCase();
    tags[name] = POLICIES.includes(normalized) ? normalized : value;
    if (!POLICIES.includes(normalized)) {
      problems.push({
        code: "invalid-policy",
        tag: name,
        value,
        reason: "must be none, quarantine or reject",
      });
    }
    return;
  }
  const normalized = name === "ri" || name === "pct" ? value : value.toLowerCase();
  (tags as unknown as Record<string, string>)[name] = normalized;
  const reason = VALUE_CHECKS[name]?.(normalized);
  if (reason) problems.push({ code: "invalid-value", tag: name, value, reason });
}

function parseUriList(tag: "rua" | "ruf", value: string, problems: DmarcProblem[]): DmarcUri[] {
  const uris: DmarcUri[] = [];
  for (const raw of value.split(",").map(trimWsp)) {
    const check = parseDmarcUri(raw);
    uris.push(check.value);
    if (!check.ok) problems.push({ code: "invalid-uri", tag, value: raw, reason: check.reason });
    else if (check.value.scheme !== "mailto") {
      problems.push({
        code: "unsupported-uri-scheme",
        tag,
        value: raw,
        reason: "receivers are only required to send reports to mailto: URIs",
      });
    }
  }
  return uris;
}

function oneOf(values: string[]): (value: string) => string | undefined {
  return (value) => (values.includes(value) ? undefined : `must be ${values.join(" or ")}`);
}

function fromTagListProblem(problem: TagListProblem): DmarcProblem {
  return { ...problem };
}

/** WSP (SP / HTAB) only: the ABNF allows nothing else around ":" and "," (JavaScript's trim() also eats U+00A0). */
function trimWsp(text: string): string {
  return text.replace(/^[ \t]+|[ \t]+$/g, "");
}

function describeCharacter(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}
