import { defineRule } from "../../src/engine/define-rule.js";

/** Lists in messages stay readable: the rest are counted, and the JSON has them all. */
const MAX_LISTED = 16;

export default defineRule({
  meta: {
    id: "dkim/selectors-guessed",
    type: "suggestion",
    severity: "notice",
    docs: {
      description:
        "No DKIM selector was named, so common ones and those seen in reports were probed: a guess, said as one",
      spec: "RFC 6376 §3.6.2.1 (selectors are named only in signatures; DNS cannot list them)",
    },
    messages: {
      found:
        "No DKIM selector was named for {domain}: of {count} selectors guessed (common ones and those seen in reports), {name} have keys, judged below. The list is a guess: DNS cannot list selectors, so keys under other names were not checked.",
      none: "No DKIM selector was named for {domain}, and none of {count} selectors guessed (common ones and those seen in reports) has a key: {value}. The list is a guess: DNS cannot list selectors, so DKIM was not judged.",
    },
    remediation:
      "Name the selectors your senders sign with: `--selector <name>` (repeatable) or `dkim: { selectors: [...] }` in mailaudit.yaml. A signed message's DKIM-Signature header gives it in `s=`.",
  },
  check({ snapshot, report }) {
    const probe = snapshot.dkimProbe;
    if (!probe) return;
    const data = { domain: snapshot.domain, count: probe.candidates.length };
    if (probe.found.length > 0) {
      report({ messageId: "found", data: { ...data, name: listed(probe.found) } });
    } else {
      report({
        messageId: "none",
        data: { ...data, value: listed(probe.candidates.map((c) => c.selector)) },
      });
    }
  },
});

function listed(names: readonly string[]): string {
  const shown = names.slice(0, MAX_LISTED).join(", ");
  return names.length > MAX_LISTED ? `${shown} and ${names.length - MAX_LISTED} more` : shown;
}
