/**
 * The MX facts gathered for one domain (the `mx` object of `check -f json`): plain data, judged by
 * the `mx/*` rules and shown in every format.
 */

/** One host mail is delivered to, and what DNS says of it. */
export interface MxHost {
  /** The exchange as published: ASCII letters in lower case, no trailing dot. */
  name: string;
  priority: number;
  /**
   * ok: it has an address; no-address: NXDOMAIN or no A/AAAA; inconclusive: DNS did not answer;
   * ip-literal: the exchange is an IP address written as a name (never looked up: it names no host).
   */
  status: "ok" | "no-address" | "inconclusive" | "ip-literal";
  /** The CNAMEs its address lookups went through: an MX target must not be an alias (RFC 2181 §10.3). */
  cnames: string[];
  /** Its A and AAAA addresses. */
  addresses: string[];
}

export interface MxAudit {
  /** found: MX records; none: NODATA or NXDOMAIN; inconclusive: the MX question failed. */
  status: "found" | "none" | "inconclusive";
  /** Every MX record, sorted by priority, then exchange; a null MX's exchange is ".". */
  records: { priority: number; exchange: string }[];
  /** A null MX (RFC 7505: exchange "."), alone or not. */
  nullMx: boolean;
  /** The hosts of the non-null records, by priority; at most `MAX_MX_HOSTS_CHECKED` looked up. */
  hosts: MxHost[];
  /** Hosts beyond the lookup cap, not looked up (a hostile answer may list hundreds). */
  hostsNotChecked: number;
  /**
   * Without MX records: the domain's own A/AAAA, where senders deliver instead (RFC 5321 §5.1,
   * the implicit MX); null when there are MX records or DNS did not answer.
   */
  implicitAddresses: string[] | null;
}
