import { collectAlignment } from "../alignment/collect.js";
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
export async function collectDomain(
  resolver: Resolver,
  domain: string,
  options: CollectOptions,
): Promise<DomainSnapshot> {
  const recorder = new FailureRecorder(resolver);
  const senders = options.senders ?? [];
  const dmarcCollected = collectDmarc(recorder, domain);
  const [spf, dmarc, dkim, alignment] = await Promise.all([
    collectSpf(recorder, domain),
    dmarcCollected,
    collectDkim(recorder, domain, options.selectors, (failure) => recorder.note(failure)),
    // Alignment modes come from the DMARC record (aspf/adkim), so it waits for DMARC.
    dmarcCollected.then((d) => collectAlignment(recorder, domain, senders, { modes: d.alignment })),
  ]);
  return {
    domain,
    spf,
    dmarc,
    ...(options.selectors.length > 0 ? { dkim } : {}),
    ...(senders.length > 0 ? { alignment } : {}),
    lookupFailures: recorder.failures,
  };
}
