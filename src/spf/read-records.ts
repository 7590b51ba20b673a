import type { Resolver } from "../dns/types.js";
import { isVoid } from "../dns/types.js";
import { isSpfRecord } from "./parse.js";

export type SpfRecordLookup =
  /** The SPF records at the name (zero, one or several); `void` when the TXT query itself was void. */
  { kind: "answer"; records: string[]; void: boolean } | { kind: "temperror" };

/**
 * Reads the SPF records at `name`: TXT only (§3.1, type 99 is obsolete), each record's
 * character-strings joined with no separator (§3.3), kept when it begins with "v=spf1" (§4.5).
 */
export async function readSpfRecords(resolver: Resolver, name: string): Promise<SpfRecordLookup> {
  const answer = await resolver.query(name, "TXT");
  if (answer.kind === "temperror") return { kind: "temperror" };
  if (answer.kind !== "ok") return { kind: "answer", records: [], void: isVoid(answer) };
  const records = answer.records.map((strings) => strings.join("")).filter(isSpfRecord);
  return { kind: "answer", records, void: answer.records.length === 0 };
}
