/**
 * The DNS a generated SPF record is evaluated in, for the grammar property tests: every name that
 * could exist answers, the same way, so a record's result depends on its text alone and never on
 * which names happen to be published. The record under test is the TXT at DOMAIN; every other name
 * holds "v=spf1 -all", one address of each family (never the client's), one MX host and one PTR
 * name. Names that cannot exist in the DNS are NXDOMAIN, as they would be anywhere: an empty label,
 * a label over 63 octets, a single label, or a last label that is no top-level name (RFC 7208 §7.1
 * toplabel, RFC 3696 §2: letters, digits and hyphens, not all-numeric). Macro expansion builds such
 * names all the time (`%{i}` ends in digits, `%_` in a space).
 *
 * It is an in-process `Resolver` rather than a zone on the loopback DNS server on purpose: no zone
 * file can say "every name under every top label" (a root wildcard), and node:dns refuses to send
 * names holding ":", "%" or a space, which macro expansion builds all the time. Transport is not what
 * these properties are about; test/spf/grammar-cases.test.ts runs the named cases over real DNS.
 * pyspf gets the same universe (pyspf_oracle.py reads UNIVERSE).
 */
import type { DnsAnswer, RecordData, RecordType, Resolver } from "../../../src/dns/types.js";

export const UNIVERSE = {
  /** Where the record under test is published, and the sender's domain. */
  domain: "t.example",
  sender: "first.last-x+tag@t.example",
  helo: "helo.example",
  /** The receiving host's name (%{r}), given to both evaluators. */
  receiver: "mailaudit",
  clientIpv4: "192.0.2.1",
  clientIpv6: "2001:db8::1",
  /** Every other name's TXT, A, AAAA, MX and PTR answers. */
  txt: "v=spf1 -all",
  a: "198.51.100.7",
  aaaa: "2001:db8:ffff::7",
  mx: "mx.example",
  ptr: "ptr.example",
} as const;

export class UniverseResolver implements Resolver {
  constructor(readonly record: string) {}

  async query<T extends RecordType>(name: string, type: T): Promise<DnsAnswer<RecordData[T]>> {
    const owner = name.replace(/\.$/, "").toLowerCase();
    if (!canExist(owner)) return { kind: "nxdomain" };
    const answers: Partial<RecordData> = {
      TXT: [[owner === UNIVERSE.domain ? this.record : UNIVERSE.txt]],
      A: [UNIVERSE.a],
      AAAA: [UNIVERSE.aaaa],
      MX: [{ exchange: UNIVERSE.mx, priority: 10 }],
      PTR: [UNIVERSE.ptr],
    };
    const records = answers[type];
    return records ? { kind: "ok", records: records as RecordData[T] } : { kind: "nodata" };
  }
}

const TOPLABEL = /^(?:[a-z0-9]*[a-z][a-z0-9]*|[a-z0-9]+-[a-z0-9-]*[a-z0-9])$/i;

/** Whether a name (no trailing dot) could be published: the universe's NXDOMAIN rule. */
export function canExist(name: string): boolean {
  const labels = name.split(".");
  return (
    name.length <= 253 &&
    labels.length >= 2 &&
    labels.every((l) => l.length > 0 && Buffer.byteLength(l, "utf8") <= 63) &&
    TOPLABEL.test(labels[labels.length - 1] ?? "")
  );
}
