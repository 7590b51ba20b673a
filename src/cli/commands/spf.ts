import { FailureRecorder } from "../../audit/failure-recorder.js";
import { DeadlineResolver } from "../../dns/deadline-resolver.js";
import { normalizeDomainInput } from "../../dns/domain-name.js";
import { describeUnchecked } from "../../dns/unchecked-record.js";
import { EXIT } from "../../engine/exit-code.js";
import { UsageError } from "../../errors.js";
import { toJsonText } from "../../format/json-text.js";
import { formatSpfTree, type SpfEvaluation, type SpfView, spfJsonDocument } from "../../format/spf-tree.js";
import { type CheckHostOutcome, checkHost } from "../../spf/check-host.js";
import { collectSpf, noSpfAudit } from "../../spf/collect.js";
import { buildResolver, domainBudgetFor, resolverSettingsFrom } from "../build-resolver.js";
import { colorOption, dnsOptions, formatOption, zoneOptions } from "../common-options.js";
import { defineCommand, requiredArgument, textOption } from "../define-command.js";
import { useColor, writeOut } from "../output.js";
import { type ConnectionIdentity, connectionIdentity } from "../spf-identity.js";

/** `mailaudit spf`: the include tree with per-node counts, and check_host() for `--ip`. */
export default defineCommand({
  name: "spf",
  description: "show a domain's SPF include tree, or evaluate check_host for a connection",
  arguments: [requiredArgument("domain", "domain whose SPF record to read")],
  options: {
    ip: textOption("--ip <addr>", "client IP address: evaluate check_host (RFC 7208 §4)"),
    sender: textOption("--sender <addr>", "MAIL FROM address (default: postmaster@<domain>)"),
    helo: textOption("--helo <name>", "HELO/EHLO name"),
    ...dnsOptions,
    ...zoneOptions,
    format: formatOption(["table", "json"], "table"),
    color: colorOption,
  },
  async run(domainInput, options) {
    if (domainInput.trim() === "") throw new UsageError("missing <domain>: the domain whose SPF to read");
    const name = normalizeDomainInput(domainInput);
    const domain = name.ok ? name.domain : domainInput.trim();
    const identity = options.ip === undefined ? undefined : connectionIdentity(domain, options);
    const settings = resolverSettingsFrom(options);
    const resolver = buildResolver(settings);
    const recorder = new FailureRecorder(new DeadlineResolver(resolver, domainBudgetFor(settings)));
    // A malformed name (empty label, label over 63 octets, a domain literal…) has no record to read:
    // RFC 7208 §4.3 makes check_host return none at once, and no question is sent for it.
    const [spf, outcome] = await Promise.all([
      name.ok ? collectSpf(recorder, domain) : noSpfAudit(),
      identity ? checkHost(identity, resolver) : undefined,
    ]);
    const view: SpfView = { domain, spf, lookupFailures: recorder.failures, notices: [] };
    if (!name.ok)
      view.notices.push(
        `"${domain}" is not a valid domain name (${name.reason}): its SPF result is none (RFC 7208 §4.3); nothing was asked of DNS for it`,
      );
    for (const record of recorder.notChecked) view.notices.push(`not checked: ${describeUnchecked(record)}`);
    if (identity && outcome) view.evaluation = evaluation(identity, outcome);
    writeOut(
      options.format === "json"
        ? toJsonText(spfJsonDocument(view))
        : formatSpfTree(view, { color: useColor(options.color) }),
    );
    // With --ip the check_host result decides (a fail is an answer); without, the tree's readability does.
    if (view.evaluation) return view.evaluation.result === "temperror" ? EXIT.inconclusive : EXIT.ok;
    return spf.inconclusive ? EXIT.inconclusive : EXIT.ok;
  },
});

function evaluation(identity: ConnectionIdentity, outcome: CheckHostOutcome): SpfEvaluation {
  return {
    ip: identity.ip,
    sender: identity.sender,
    helo: identity.helo ?? null,
    result: outcome.result,
    explanation: outcome.explanation,
  };
}
