import type { DkimAudit } from "../dkim/types.js";
import type { DomainSnapshot } from "../engine/types.js";
import { bimiRow, mtaStsRow, mxRow, tlsRptRow } from "./surrounding-rows.js";

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
      facts: spf.record
        ? `${spf.lookupCountIsLowerBound ? "≥" : ""}${spf.lookupCount}/10 lookups, ${spf.voidLookupCount}/2 void`
        : "",
    });
  }
  if (dmarc) {
    const facts = [
      dmarc.effectivePolicy
        ? `effective policy ${dmarc.effectivePolicy}`
        : dmarc.complete
          ? "no policy applies"
          : "",
      dmarc.source ? `source _dmarc.${dmarc.source}` : "",
      dmarc.tags?.t === "y" ? "testing (t=y)" : "",
    ].filter(Boolean);
    rows.push({ label: "DMARC", record: dmarc.record ?? "—", facts: facts.join(", ") });
  }
  for (const key of dkim ?? []) {
    rows.push({ label: `DKIM ${key.selector}`, record: key.record ?? "—", facts: dkimFacts(key).join(", ") });
  }
  if (snapshot.mx) rows.push(mxRow(snapshot.mx));
  if (snapshot.mtaSts) rows.push(mtaStsRow(snapshot.mtaSts));
  if (snapshot.tlsRpt) rows.push(tlsRptRow(snapshot.tlsRpt));
  if (snapshot.bimi) rows.push(bimiRow(snapshot.bimi, snapshot.domain));
  return rows;
}

function dkimFacts(key: DkimAudit): string[] {
  if (key.status === "missing") return ["no key record"];
  if (key.status === "inconclusive") return ["lookup failed"];
  if (key.status === "not-checked") return ["not checked (dns/not-checked)"];
  return [
    key.revoked
      ? "revoked (empty p=)"
      : key.keyType
        ? `${key.keyType}${key.keyBits ? ` ${key.keyBits} bits` : ""}`
        : "",
    key.testing ? "testing (t=y)" : "",
    key.cnameTarget ? `via CNAME ${key.cnameTarget}` : "",
  ].filter(Boolean);
}
