import { defineRule } from "../../src/engine/define-rule.js";
import { spfNodes } from "../../src/spf/tree.js";

/** A DNS message over UDP without EDNS0 carries at most 512 octets (RFC 1035 §2.3.4). */
export const UDP_LIMIT = 512;
/** RFC 7208 §3.4's guideline for the name plus the text of every TXT record there. */
export const SAFE_LENGTH = 450;

export default defineRule({
  meta: {
    id: "spf/record-too-long",
    type: "problem",
    severity: "warning",
    docs: {
      description: "The TXT answer holding an SPF record is too large for a plain 512-octet UDP answer",
      spec: "RFC 7208 §3.4",
    },
    messages: {
      overUdp:
        "The TXT answer at {name} is {count} octets (the name and every TXT record there), over {limit}: receivers need TCP or EDNS0 to read its SPF record, and a network that blocks them sees a temperror.",
      nearUdp: {
        text: "The TXT answer at {name} is {count} octets (the name and every TXT record there), over RFC 7208's guideline of {limit}: with the DNS header it may not fit a 512-octet UDP answer.",
        severity: "notice",
      },
    },
    remediation:
      "Shrink the answer: drop unused SPF terms, merge ip4 ranges into wider prefixes, move senders into an include on another name, or remove stale TXT records (old site verifications) at the same name.",
  },
  check({ snapshot, report }) {
    const seen = new Set<string>();
    for (const node of spfNodes(snapshot.spf)) {
      // Size alone never breaks SPF (RFC 7208 §3.4 is a SHOULD; EDNS0 and TCP carry large answers),
      // so this stays a warning at most. Each name once, though a tree may include it twice.
      if ((node.status !== "ok" && node.status !== "multiple") || seen.has(node.domain)) continue;
      seen.add(node.domain);
      const data = { domain: snapshot.domain, name: node.domain, count: node.answerBytes };
      if (node.answerBytes > UDP_LIMIT) report({ messageId: "overUdp", data: { ...data, limit: UDP_LIMIT } });
      else if (node.answerBytes > SAFE_LENGTH)
        report({ messageId: "nearUdp", data: { ...data, limit: SAFE_LENGTH } });
    }
  },
});
