import { renderMessage } from "./message.js";
import type { DomainSnapshot, Finding, Rule, RuleContext, SeverityOverrides } from "./types.js";

export interface RunRulesOptions<Declared> {
  rules: readonly Rule<Declared>[];
  overrides?: SeverityOverrides;
  /** What the user declared for the domain (the config's entry), handed to every rule as is. */
  declared?: Declared;
}

/**
 * The messageId of the finding that stands in for a rule that threw while judging a domain. It names
 * the rule (its `rule`) and the domain; the domain's result is then inconclusive (exit 3), since what
 * that rule would have said is unknown, while every other rule and every other domain still run.
 */
export const RULE_FAILED = "ruleFailed";

/** Whether a rule failed on this domain's findings, so its result is inconclusive. */
export function someRuleFailed(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.messageId === RULE_FAILED);
}

/** The finding that makes every other finding about the domain a restatement of itself. */
const DOMAIN_NOT_FOUND = "dns/domain-not-found";

/**
 * A domain that does not exist publishes nothing: "no SPF record", "no DMARC record", every declared
 * expectation unmet would only restate that, and a typo would read as a misconfiguration. When the
 * rule saying so reports, it comes first, and only the other DNS-level findings (what failed, what
 * was assumed offline) stay beside it.
 */
function focusOnAbsentDomain(findings: Finding[]): Finding[] {
  const notFound = findings.filter((f) => f.rule === DOMAIN_NOT_FOUND);
  if (notFound.length === 0) return findings;
  const kept = findings.filter(
    (f) => f.rule !== DOMAIN_NOT_FOUND && (f.rule.startsWith("dns/") || f.messageId === RULE_FAILED),
  );
  return [...notFound, ...kept];
}

/** Judges one snapshot with every enabled rule. Pure: no I/O, same input → same findings, in rule order. */
export function runRules<Declared>(snapshot: DomainSnapshot, options: RunRulesOptions<Declared>): Finding[] {
  return focusOnAbsentDomain(judgeWithEveryRule(snapshot, options));
}

function judgeWithEveryRule<Declared>(
  snapshot: DomainSnapshot,
  options: RunRulesOptions<Declared>,
): Finding[] {
  const findings: Finding[] = [];
  // One context for all the rules, reporting for the rule being run: a context object and a
  // closure per rule per domain were 81 of each per domain (rules judge synchronously, so `report`
  // always belongs to the current rule). 500 bench domains: ~48 -> ~42 ms in runRules.
  let rule: Rule<Declared> | undefined;
  let override: Exclude<SeverityOverrides[string], "off"> | undefined;
  const context: RuleContext<Declared> = {
    snapshot,
    declared: options.declared,
    report({ messageId, data = {}, suggestion }) {
      if (rule === undefined) throw new Error("a rule reported after judging");
      const spec = rule.meta.messages[messageId];
      if (spec === undefined)
        throw new Error(`rule ${rule.meta.id} reported unknown messageId "${messageId}"`);
      const template = typeof spec === "string" ? spec : spec.text;
      const defaultSeverity = (typeof spec === "string" ? undefined : spec.severity) ?? rule.meta.severity;
      findings.push({
        rule: rule.meta.id,
        severity: override ?? defaultSeverity,
        message: renderMessage(template, data),
        domain: snapshot.domain,
        messageId,
        data,
        ...(suggestion === undefined ? {} : { suggestion }),
      });
    },
  };
  for (const current of options.rules) {
    const setting = options.overrides?.[current.meta.id];
    if (setting === "off") continue;
    override = setting;
    rule = current;
    try {
      current.check(context);
    } catch (error) {
      // A bug in one rule (or data it did not expect) must not take the whole run down with it.
      findings.push(ruleFailure(current.meta.id, snapshot.domain, error));
    }
  }
  rule = undefined;
  return findings;
}

function ruleFailure(ruleId: string, domain: string, error: unknown): Finding {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    rule: ruleId,
    severity: "warning",
    message: `Rule ${ruleId} failed while judging ${domain} (${reason}): a bug in mailaudit; ${domain}'s result is inconclusive.`,
    domain,
    messageId: RULE_FAILED,
    data: { domain, name: ruleId, reason },
  };
}
