import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule({
  meta: {
    id: "dmarc/discovery-mismatch",
    type: "problem",
    severity: "warning",
    docs: {
      description:
        "RFC 9989 (DNS tree walk) and RFC 7489 (Public Suffix List) receivers find different DMARC policies or organizational domains",
      spec: "RFC 9989 §4.10; RFC 7489 §3.2, §6.6.3",
    },
    messages: {
      sourceDiffers:
        "Receivers disagree on {domain}'s DMARC record: the RFC 9989 tree walk uses _dmarc.{expected}, the RFC 7489 public suffix list method uses _dmarc.{actual}.",
      organizationDiffers:
        "Receivers disagree on {domain}'s organizational domain: {expected} by the RFC 9989 tree walk, {actual} by the public suffix list; relaxed alignment differs between them.",
    },
    remediation:
      "Publish a record at the domain itself (or at the organizational domain both methods agree on), and use psd=n on your organizational domain's record.",
  },
  check({ snapshot, report }) {
    const dmarc = snapshot.dmarc;
    if (!dmarc?.complete) return;
    const { sources, organizationalDomain: org } = dmarc;
    // Without any record the methods only disagree on nothing; dmarc/missing says what matters.
    if (sources.treeWalk === null && sources.psl === null) return;
    const show = (v: string | null) => v ?? "(none)";
    if (sources.treeWalk !== sources.psl) {
      report({
        messageId: "sourceDiffers",
        data: { domain: snapshot.domain, expected: show(sources.treeWalk), actual: show(sources.psl) },
      });
    } else if (org.treeWalk !== org.psl) {
      report({
        messageId: "organizationDiffers",
        data: { domain: snapshot.domain, expected: show(org.treeWalk), actual: show(org.psl) },
      });
    }
  },
});
