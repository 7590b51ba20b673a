import type { DomainDeclaration } from "../../src/config/types.js";
import { defineRule } from "../../src/engine/define-rule.js";
import type { MtaStsAudit } from "../../src/mta-sts/types.js";

export default defineRule<DomainDeclaration>({
  meta: {
    id: "drift/mta-sts-id",
    type: "drift",
    severity: "error",
    docs: {
      description:
        "When the MTA-STS policy changed since the `--baseline` snapshot, the id= of the _mta-sts record changed too",
      spec: "RFC 8461 §3.1 (id: senders compare it to notice a new policy)",
    },
    messages: {
      idUnchanged:
        "The MTA-STS policy of {domain} changed since the baseline, but {name} still has id={value}: senders that cached the old policy keep it until its max_age runs out.",
    },
    remediation:
      "Change the id= of the _mta-sts TXT record whenever the policy file changes (a timestamp works: `id=20240601T120000`), then refresh the baseline.",
  },
  check({ snapshot, declared, report }) {
    const before = baselineMtaSts(declared?.baseline?.snapshot);
    const now = snapshot.mtaSts;
    if (!before || !now || now.id === null || now.id !== before.id) return;
    const [oldText, newText] = [fetchedText(before), fetchedText(now)];
    // Either side not fetched (offline, a failure, an older baseline): nothing to compare.
    if (oldText === null || newText === null || oldText === newText) return;
    report({ messageId: "idUnchanged", data: { domain: snapshot.domain, name: now.name, value: now.id } });
  },
});

/** The `mtaSts` section of a baseline snapshot (canonical JSON of any mailaudit version), if it holds one. */
function baselineMtaSts(baseline: unknown): Pick<MtaStsAudit, "id" | "policy"> | null {
  if (typeof baseline !== "object" || baseline === null) return null;
  const section = (baseline as { mtaSts?: unknown }).mtaSts;
  if (typeof section !== "object" || section === null) return null;
  const { id, policy } = section as { id?: unknown; policy?: unknown };
  return typeof id === "string" ? { id, policy: (policy ?? null) as MtaStsAudit["policy"] } : null;
}

function fetchedText(sts: Pick<MtaStsAudit, "policy">): string | null {
  const policy = sts.policy;
  return policy?.fetch?.status === "ok" && typeof policy.text === "string" ? policy.text : null;
}
