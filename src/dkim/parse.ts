/**
 * Pure DKIM key record parser (RFC 6376 §3.6.1, RFC 8301, RFC 8463): record text in, tags, key
 * type and size, flags and **every** problem out. Unknown tags, hash algorithms, service types and
 * flags are ignored, as §3.6.1 requires of verifiers.
 */
import { readPublicKey } from "./key-size.js";
import { parseTagList } from "./tag-list.js";
import type { DkimKeyFacts, DkimProblem, DkimTags } from "./types.js";

const KNOWN_TAGS = new Set(["v", "h", "k", "n", "p", "s", "t"]);
const KEY_TYPES = new Set(["rsa", "ed25519"]);

export function parseDkimRecord(text: string): DkimKeyFacts {
  const list = parseTagList(text);
  const problems: DkimProblem[] = [...list.problems];
  const tags: DkimTags = {};
  for (const { name, value, index } of list.tags) {
    if (!KNOWN_TAGS.has(name)) continue;
    // §3.6.1: v= is RECOMMENDED; if present it MUST be first and exactly "DKIM1".
    if (name === "v" && (index !== 0 || value !== "DKIM1")) {
      problems.push({
        code: "bad-version",
        tag: "v",
        value,
        reason: index !== 0 ? "v= must be the first tag" : "v= must be exactly DKIM1",
      });
    }
    // The key is base64 that may be folded with white space (§3.6.1 `key-p-tag`).
    tags[name as keyof DkimTags] = name === "p" ? value.replace(/[ \t\r\n]+/g, "") : value;
  }
  const listOf = (value: string | undefined) =>
    value === undefined ? null : value.split(":").map((x) => x.trim().toLowerCase());
  const flags = listOf(tags.t) ?? [];
  const declaredType = (tags.k ?? "rsa").toLowerCase();
  const facts: DkimKeyFacts = {
    tags,
    problems,
    keyType: KEY_TYPES.has(declaredType) ? declaredType : null,
    keyBits: null,
    keyEncoding: null,
    revoked: tags.p === "",
    testing: flags.includes("y"),
    strict: flags.includes("s"),
    hashAlgorithms: listOf(tags.h),
    serviceTypes: listOf(tags.s),
  };
  if (!KEY_TYPES.has(declaredType)) {
    problems.push({
      code: "unknown-key-type",
      tag: "k",
      value: tags.k ?? "",
      reason: "verifiers know k=rsa and k=ed25519 only",
    });
  }
  if (tags.p === undefined) {
    problems.push({ code: "missing-key", tag: "p", reason: "p= is required (an empty p= revokes the key)" });
    return facts;
  }
  if (facts.revoked || !KEY_TYPES.has(declaredType)) return facts;
  const key = readPublicKey(tags.p, declaredType);
  if (!key.ok) {
    problems.push({ code: "invalid-key", tag: "p", value: abbreviate(tags.p), reason: key.reason });
    return facts;
  }
  if (key.keyType !== declaredType) {
    problems.push({
      code: "key-type-mismatch",
      tag: "k",
      value: tags.k ?? "rsa",
      reason: `p= holds an ${key.keyType} key`,
    });
  }
  return { ...facts, keyType: key.keyType, keyBits: key.keyBits, keyEncoding: key.encoding };
}

function abbreviate(text: string): string {
  return text.length > 24 ? `${text.slice(0, 20)}…` : text;
}
