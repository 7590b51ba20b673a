import type { DomainSnapshot } from "../engine/types.js";

export interface PublishedRow {
  label: string;
  record: string;
  facts: string;
}

/** What DNS shows for a domain, one row per mechanism (and per DKIM selector). */
export function publishedRows(snapshot: DomainSnapshot): PublishedRow[] {
  const rows: PublishedRow[] = [];
  const { spf, dmarc, dkim } = snapshot;
  if (spf) {
    rows.push({
      label: "SPF",
      record: spf.record ?? (spf.records.length > 1 ? `${spf.records.length} records` : "—"),
      facts: spf.record ? `${spf.lookupCount}/10 lookups, ${spf.voidLookupCount}/2 void` : "",
    });
  }
  if (dmarc) {
    const facts = [
      dmarc.effectivePolicy ? `effective policy ${dmarc.effectivePolicy}` : "",
      dmarc.source && dmarc.source !== snapshot.domain ? `from ${dmarc.source}` : "",
    ].filter(Boolean);
    rows.push({ label: "DMARC", record: dmarc.record ?? "—", facts: facts.join(", ") });
  }
  for (const key of dkim ?? []) {
    const facts = key.keyType ? `${key.keyType}${key.keyBits ? ` ${key.keyBits} bits` : ""}` : "";
    rows.push({ label: `DKIM ${key.selector}`, record: key.record ?? "—", facts });
  }
  return rows;
}
