import type { DomainDeclaration } from "../../src/config/types.js";
import { defineRule } from "../../src/engine/define-rule.js";
import type { MtaStsMode } from "../../src/mta-sts/types.js";

const RANK = { none: 0, testing: 1, enforce: 2 } as const satisfies Record<MtaStsMode, number>;

export default defineRule<DomainDeclaration>({
  meta: {
    id: "drift/mta-sts-mode",
    type: "drift",
    severity: "error",
    docs: {
      description:
        "The MTA-STS policy's mode is at least the one declared in `expect.mtaSts.mode` (none < testing < enforce)",
      spec: "RFC 8461 §3.2 (mode), §5",
    },
    messages: {
      weaker: "The MTA-STS policy of {domain} has mode {actual}, weaker than the declared {expected}.",
      noPolicy:
        "{domain} has no MTA-STS policy senders can use ({reason}); the config declares mode {expected}.",
    },
    remediation:
      "Restore the _mta-sts record and the policy with the declared mode (and a new id=); if the weaker mode is intended, change `expect.mtaSts.mode` in the same change.",
  },
  check({ snapshot, declared, report }) {
    const expected = declared?.expect?.mtaSts?.mode;
    const sts = snapshot.mtaSts;
    if (!expected || !sts || sts.status === "inconclusive") return;
    const data = { domain: snapshot.domain, expected };
    if (sts.status === "none")
      return report({ messageId: "noPolicy", data: { ...data, reason: `no record at ${sts.name}` } });
    const fetch = sts.policy?.fetch;
    // Not fetched (--offline, --zone) or no verdict: nothing to compare, and the fetch rule says why.
    if (!fetch || fetch.status === "skipped" || fetch.status === "inconclusive") return;
    const mode = sts.policy?.mode ?? null;
    if (fetch.status === "failed" || mode === null)
      return report({
        messageId: "noPolicy",
        data: { ...data, reason: fetch.detail ?? "the policy has no valid mode" },
      });
    if (RANK[mode] < RANK[expected]) report({ messageId: "weaker", data: { ...data, actual: mode } });
  },
});
