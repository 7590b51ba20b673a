/** Small snapshot builders for the drift rule tests: only the fields the rules read vary. */
import type { DomainDeclaration } from "../../../src/config/types.js";
import type { DkimAudit } from "../../../src/dkim/types.js";
import type { DmarcAudit, DmarcPolicy } from "../../../src/dmarc/types.js";
import type { DomainSnapshot } from "../../../src/engine/types.js";
import type { SpfAudit, SpfNode } from "../../../src/spf/types.js";
import { node } from "../spf/snapshots.js";

export function declaration(parts: Partial<DomainDeclaration> = {}): DomainDeclaration {
  return { domain: "example.com", subdomains: [], selectors: [], senders: [], ...parts };
}

export function dmarcAudit(
  parts: Partial<DmarcAudit> & { p?: DmarcPolicy | null; rua?: string[] } = {},
): DmarcAudit {
  const { p = "reject", rua = [], ...rest } = parts;
  return {
    record: p ? `v=DMARC1; p=${p}` : null,
    source: p ? "example.com" : null,
    policy: p,
    subdomainPolicy: p,
    effectivePolicy: p,
    policyFallback: false,
    complete: true,
    domainExists: true,
    organizationalDomain: { treeWalk: "example.com", psl: "example.com" },
    sources: { treeWalk: "example.com", psl: "example.com" },
    treeWalk: { queried: ["_dmarc.example.com"], found: [] },
    multipleRecords: [],
    rejectedRecords: [],
    misplaced: [],
    tags: p
      ? {
          v: "DMARC1",
          p,
          rua: rua.map((uri) => ({ raw: uri, uri, scheme: "mailto", host: null, size: null, valid: true })),
        }
      : null,
    problems: [],
    alignment: { spf: "r", dkim: "r" },
    reportAuthorizations: [],
    ...rest,
  };
}

/** An SPF tree node as the walker builds it (see ../spf/snapshots.ts); `parts` override any field. */
export function spfNode(domain: string, parts: Partial<SpfNode> = {}): SpfNode {
  return node(domain, parts.record === undefined ? "v=spf1 -all" : parts.record, parts);
}

export function spfAudit(tree: SpfNode | null, parts: Partial<SpfAudit> = {}): SpfAudit {
  return {
    record: tree?.record ?? null,
    records: tree?.records ?? [],
    lookupCount: 0,
    voidLookupCount: 0,
    lookupCountIsLowerBound: false,
    inconclusive: false,
    tree,
    ...parts,
  };
}

export function dkimAudit(selector: string, parts: Partial<DkimAudit> = {}): DkimAudit {
  return {
    selector,
    name: `${selector}._domainkey.example.com`,
    status: "found",
    record: "v=DKIM1; k=rsa; p=MII…",
    keyType: "rsa",
    keyBits: 2048,
    cnameChain: [],
    cnameTarget: null,
    ...parts,
  };
}

export function snapshot(parts: Partial<DomainSnapshot> = {}): DomainSnapshot {
  return { domain: "example.com", lookupFailures: [], ...parts };
}
