import type { Resolver } from "../dns/types.js";
import { lookupVersionedTxt } from "../dns/versioned-txt.js";
import { parseTlsRptRecord } from "./parse.js";
import type { TlsRptAudit } from "./types.js";

/** Asks `_smtp._tls.<domain>` TXT (RFC 8460 §3). The only place TLS-RPT asks DNS. */
export async function collectTlsRpt(resolver: Resolver, domain: string): Promise<TlsRptAudit> {
  const txt = await lookupVersionedTxt(resolver, `_smtp._tls.${domain}`, "v=TLSRPTv1");
  const record = txt.records.length === 1 ? (txt.records[0] as string) : null;
  const parsed = record === null ? null : parseTlsRptRecord(record);
  return {
    name: txt.name,
    status: txt.status,
    record,
    records: txt.records,
    rua: parsed?.rua ?? [],
    problems: parsed?.problems ?? [],
  };
}
