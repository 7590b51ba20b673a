import { isIP } from "node:net";
import { FailureRecorder } from "../../audit/failure-recorder.js";
import { DeadlineResolver } from "../../dns/deadline-resolver.js";
import { EXIT } from "../../engine/exit-code.js";
import { toJsonText } from "../../format/json-text.js";
import { formatSpfTree, type SpfEvaluation, type SpfView, spfJsonDocument } from "../../format/spf-tree.js";
import { checkHost } from "../../spf/check-host.js";
import { collectSpf } from "../../spf/collect.js";
import { buildResolver, domainBudgetFor } from "../build-resolver.js";
import { validateDomain } from "../check-settings.js";
import { UsageError } from "../errors.js";
import { parseResolvers, parseTimeoutSeconds } from "../option-parsers.js";
import { useColor, writeOut } from "../output.js";

export interface SpfOptions {
  ip?: string;
  sender?: string;
  helo?: string;
  resolver?: string[];
  timeout?: string;
  zone?: string[];
  format: "table" | "json";
  color?: boolean;
}

/** `mailaudit spf`: the include tree with per-node counts, and check_host() for `--ip`. */
export async function run(domainInput: string, options: SpfOptions): Promise<number> {
  const domain = validateDomain(domainInput);
  const identity = options.ip === undefined ? undefined : connectionIdentity(domain, options);
  const settings = {
    servers: parseResolvers(options.resolver ?? []),
    timeoutSeconds: parseTimeoutSeconds(options.timeout),
    zoneFiles: options.zone ?? [],
  };
  const resolver = buildResolver(settings);
  const recorder = new FailureRecorder(new DeadlineResolver(resolver, domainBudgetFor(settings)));
  const [spf, outcome] = await Promise.all([
    collectSpf(recorder, domain),
    identity ? checkHost(identity, resolver) : undefined,
  ]);
  const view: SpfView = { domain, spf, lookupFailures: recorder.failures };
  if (identity && outcome) view.evaluation = evaluation(identity, outcome);
  writeOut(
    options.format === "json"
      ? toJsonText(spfJsonDocument(view))
      : formatSpfTree(view, { color: useColor(options.color) }),
  );
  // With --ip the check_host result decides (a fail is an answer); without, the tree's readability does.
  if (view.evaluation) return view.evaluation.result === "temperror" ? EXIT.inconclusive : EXIT.ok;
  return spf.inconclusive ? EXIT.inconclusive : EXIT.ok;
}

function connectionIdentity(domain: string, options: SpfOptions) {
  const ip = (options.ip ?? "").trim();
  if (isIP(ip) === 0) throw new UsageError(`--ip "${options.ip}": not an IPv4 or IPv6 address`);
  for (const [flag, value] of [
    ["--sender", options.sender],
    ["--helo", options.helo],
  ] as const) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
    if (value !== undefined && /[\u0000-\u0020\u007f]/.test(value))
      throw new UsageError(`${flag} "${value}": contains spaces or control characters`);
  }
  return {
    ip,
    sender: options.sender ?? `postmaster@${domain}`,
    domain,
    ...(options.helo ? { helo: options.helo } : {}),
  };
}

function evaluation(
  identity: ReturnType<typeof connectionIdentity>,
  outcome: Awaited<ReturnType<typeof checkHost>>,
): SpfEvaluation {
  return {
    ip: identity.ip,
    sender: identity.sender,
    helo: identity.helo ?? null,
    result: outcome.result,
    explanation: outcome.explanation,
  };
}
