import { defineRule } from "../../src/engine/define-rule.js";

export default defineRule({
  meta: {
    id: "dkim/reported-selector-missing",
    type: "problem",
    severity: "error",
    docs: {
      description:
        "A DKIM selector seen signing passing mail in the last 30 days of reports has no key record",
      spec: "RFC 6376 §3.6.2.2, §6.1.2; RFC 7489 §7.2",
    },
    messages: {
      liveMailFails:
        "DKIM selector {selector} signed {count} passing message(s) as {domain} in the last 30 days of reports, but {name} has no key record: mail still signed with it will fail DKIM.",
      onlyFailingMail: {
        text: "DKIM selector {selector} was seen only on mail that failed DKIM ({count} message(s) in the last 30 days) and {name} has no key record: spoofed, or a retired selector.",
        severity: "notice",
      },
    },
    remediation:
      "Publish the selector's key again at <selector>._domainkey.<domain> (or the CNAME your provider gives) until nothing signs with it, or find the sender still using it and move it to a current selector.",
  },
  check({ snapshot, report }) {
    for (const reported of snapshot.reportedSelectors ?? []) {
      if (reported.key.status !== "missing") continue;
      const data = { selector: reported.selector, name: reported.key.name, domain: snapshot.domain };
      if (reported.passMessages > 0)
        report({ messageId: "liveMailFails", data: { ...data, count: reported.passMessages } });
      else report({ messageId: "onlyFailingMail", data: { ...data, count: reported.messages } });
    }
  },
});
