import { parseTagList } from "../dkim/tag-list.js";
import type { BimiProblem } from "./types.js";

export interface ParsedBimi {
  logoUrl: string | null;
  authorityUrl: string | null;
  declined: boolean;
  problems: BimiProblem[];
}

/**
 * A BIMI assertion record: an RFC 6376 §3.2 tag-list with `v=BIMI1` first, `l=` (the logo, an https:
 * URL to an SVG; empty to decline), `a=` (an https: URL to the mark certificate; may be empty), and
 * `avp=` (brand or personal). Unknown tags are ignored, as the draft says. Pure; collects every problem.
 */
export function parseBimiRecord(text: string): ParsedBimi {
  const { tags, problems: listProblems } = parseTagList(text);
  const problems: BimiProblem[] = listProblems.map((p) => ({ ...p }));
  const tag = (name: string) => tags.find((t) => t.name === name);
  const version = tags[0];
  if (version?.name !== "v" || version.value !== "BIMI1")
    problems.push({
      code: "bad-version",
      tag: "v",
      ...(version ? { value: `${version.name}=${version.value}` } : {}),
      reason: 'the record must begin with "v=BIMI1"',
    });
  const logo = tag("l");
  const authority = tag("a");
  const logoUrls = (logo?.value ?? "")
    .split(",")
    .map((u) => u.trim())
    .filter((u) => u !== "");
  for (const url of logoUrls) {
    const problem = httpsUrlProblem(url);
    if (problem) problems.push({ code: "invalid-value", tag: "l", value: url, reason: problem });
  }
  const authorityUrl = authority?.value.trim() || null;
  if (authorityUrl !== null) {
    const problem = httpsUrlProblem(authorityUrl);
    if (problem) problems.push({ code: "invalid-value", tag: "a", value: authorityUrl, reason: problem });
  }
  const avp = tag("avp");
  if (avp && !["brand", "personal"].includes(avp.value))
    problems.push({
      code: "invalid-value",
      tag: "avp",
      value: avp.value,
      reason: "avp is brand or personal",
    });
  if (!logo && !authority)
    problems.push({ code: "malformed-tag", tag: "l", reason: "the record has no l= (the logo's location)" });
  const declined = logoUrls.length === 0 && authorityUrl === null && logo !== undefined;
  const first = logoUrls[0];
  return {
    logoUrl: first !== undefined && httpsUrlProblem(first) === null ? first : null,
    authorityUrl: authorityUrl !== null && httpsUrlProblem(authorityUrl) === null ? authorityUrl : null,
    declined,
    problems,
  };
}

function httpsUrlProblem(text: string): string | null {
  try {
    const url = new URL(text);
    if (url.protocol !== "https:") return "the location must be an https: URL";
    if (url.hostname === "") return "the URL names no host";
    return null;
  } catch {
    return "not a URL";
  }
}
