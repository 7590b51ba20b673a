import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule({
  meta: {
    id: "alignment/sender-not-authorized",
    type: "problem",
    severity: "error",
    docs: {
      description: "A declared sender's IP address does not pass SPF at its return-path domain",
      spec: "RFC 7208 §2.6, §4; RFC 9989 §4.4.2",
    },
    messages: {
      notAuthorized: "Sender {name}: {ip} gets SPF {actual} at {domain}, not pass: its mail fails SPF.",
    },
    remediation:
      "Add the sender's include: (or its ip4:/ip6: ranges) to the SPF record of the return-path domain, or correct the declared addresses.",
  },
  check({ snapshot, report }) {
    for (const sender of snapshot.alignment ?? []) {
      for (const { ip, domain, result } of sender.ips) {
        // temperror is inconclusive (dns/lookup-failed), never a verdict.
        if (result === "pass" || result === "temperror") continue;
        report({ messageId: "notAuthorized", data: { name: sender.name, ip, domain, actual: result } });
      }
    }
  },
});
