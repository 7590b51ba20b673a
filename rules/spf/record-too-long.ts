import { defineRule } from "../../src/engine/define-rule.js";
import { spfNodes } from "../../src/spf/tree.js";

/** A DNS answer over UDP without EDNS0 carries at most 512 octets (RFC 1035 §2.3.4, RFC 7208 §3.4). */
export const UDP_LIMIT = 512;
/** Leaves room for the header, the question and the RR's own fields in the 512-octet answer. */
export const SAFE_LENGTH = 450;

export default defineRule({
  meta: {
    id: "spf/record-too-long",
    type: "problem",
    severity: "warning",
    docs: { description: "An SPF record too long to fit a 512-octet DNS answer", spec: "RFC 7208 §3.4" },
    messages: {
      overUdp: {
        text: "The SPF record at {name} is {count} octets, over {limit}: its answer cannot fit in a plain UDP DNS message.",
        severity: "error",
      },
      nearUdp:
        "The SPF record at {name} is {count} octets, over {limit}: with the DNS header its answer may not fit in 512 octets.",
    },
    remediation:
      "Shorten the record: drop unused terms, merge ip4 ranges into wider prefixes, or move senders into an include on another name.",
  },
  check({ snapshot, report }) {
    for (const node of spfNodes(snapshot.spf)) {
      if (node.status !== "ok") continue;
      const data = { domain: snapshot.domain, name: node.domain, count: node.recordBytes };
      if (node.recordBytes > UDP_LIMIT) report({ messageId: "overUdp", data: { ...data, limit: UDP_LIMIT } });
      else if (node.recordBytes > SAFE_LENGTH)
        report({ messageId: "nearUdp", data: { ...data, limit: SAFE_LENGTH } });
    }
  },
});
