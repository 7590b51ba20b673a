import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule({
  meta: {
    id: "mx/no-address",
    type: "problem",
    severity: "warning",
    docs: {
      description:
        "An MX host has no A or AAAA record (every host without one: mail cannot be delivered at all)",
      spec: "RFC 5321 §5.1",
    },
    messages: {
      hostWithoutAddress:
        "MX host {name} of {domain} has no A or AAAA record; senders skip it and try the others.",
      noHostReachable: {
        text: "None of the {count} MX host(s) of {domain} has an A or AAAA record: mail to it cannot be delivered.",
        severity: "error",
      },
    },
    remediation:
      "Publish the A/AAAA records of the MX hosts, or point the MX records at hosts that have them; remove MX records of hosts that are gone.",
  },
  check({ snapshot, report }) {
    const hosts = snapshot.mx?.hosts ?? [];
    const without = hosts.filter((h) => h.status === "no-address");
    if (without.length === 0) return;
    // IP literals have no address either; mx/ip-literal reports them, but they count as unreachable.
    const reachable = hosts.some((h) => h.status === "ok" || h.status === "inconclusive");
    if (!reachable && (snapshot.mx?.hostsNotChecked ?? 0) === 0) {
      report({ messageId: "noHostReachable", data: { domain: snapshot.domain, count: hosts.length } });
      return;
    }
    for (const host of without)
      report({ messageId: "hostWithoutAddress", data: { domain: snapshot.domain, name: host.name } });
  },
});
