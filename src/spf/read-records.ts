import type { Resolver } from "../dns/types.js";
import { isVoid } from "../dns/types.js";
import { isSpfRecord } from "./parse.js";

export type SpfRecordLookup =
  /**
   * The SPF records at the name (zero, one or several); `void` when the TXT query itself was void;
   * `answerBytes`: the size RFC 7208 §3.4 asks to keep small (see txtAnswerBytes).
   */
  { kind: "answer"; records: string[]; void: boolean; answerBytes: number } | { kind: "temperror" };

/**
 * Reads the SPF records at `name`: TXT only (§3.1, type 99 is obsolete), each record's
 * character-strings joined with no separator (§3.3), kept when it begins with "v=spf1" (§4.5).
 */
export async function readSpfRecords(resolver: Resolver, name: string): Promise<SpfRecordLookup> {
  const answer = await resolver.query(name, "TXT");
  if (answer.kind === "temperror") return { kind: "temperror" };
  if (answer.kind !== "ok") return { kind: "answer", records: [], void: isVoid(answer), answerBytes: 0 };
  const texts = answer.records.map((strings) => strings.join(""));
  return {
    kind: "answer",
    records: texts.filter(isSpfRecord),
    void: answer.records.length === 0,
    answerBytes: txtAnswerBytes(name, texts),
  };
}

/**
 * RFC 7208 §3.4: "If the size of the DNS message, the combined length of the DNS name and the text
 * of all the records of a given type is under 450 octets, then DNS answers ought to fit in UDP
 * packets. [...] when computing the sizes for replies to queries of the TXT format, one has to take
 * into account any other TXT records published at the domain name." So: the name's octets plus the
 * text of every TXT record there (site verifications included), not the SPF record alone.
 */
function txtAnswerBytes(name: string, texts: readonly string[]): number {
  return texts.reduce(
    (total, text) => total + Buffer.byteLength(text, "utf8"),
    Buffer.byteLength(name, "utf8"),
  );
}
