import { collectDkim } from "../dkim/collect.js";
import { collectDmarc } from "../dmarc/collect.js";
import type { DeclaredSender } from "../config/types.js";
import type { Resolver } from "../dns/types.js";
import type { DomainSnapshot } from "../engine/types.js";
import { collectSpf } from "../spf/collect.js";
import { FailureRecorder } from "./failure-recorder.js";

export interface CollectOptions {
  /** DKIM selectors to look up; none means DKIM is not audited. */
  selectors: readonly string[];
  /** Declared senders whose alignment and sending IPs are checked. */
  senders?: readonly DeclaredSender[];
}

/** All DNS I/O for one domain happens here and below; what comes out is plain data (a snapshot). */
export async function collectDomain(resolver: Resolver, domain: string, options: CollectOptions): Promise<DomainSnapshot> {
  const recorder = new FailureRecorder(resolver);
  const [spf, dmarc, dkim] = await Promise.all([
    collectSpf(recorder, domain),
    collectDmarc(recorder, domain),
    collectDkim(recorder, domain, options.selectors),
  ]);
  return { domain, spf, dmarc, ...(options.selectors.length > 0 ? { dkim } : {}), lookupFailures: recorder.failures };
}
