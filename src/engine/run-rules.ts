import { renderMessage } from "./message.js";
import type { DomainSnapshot, Finding, Rule, SeverityOverrides } from "./types.js";

export interface RunRulesOptions {
  rules: readonly Rule<never>[];
  overrides?: SeverityOverrides;
  declared?: unknown;
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
  return [...notFound, ...findings.filter((f) => f.rule !== DOMAIN_NOT_FOUND && f.rule.startsWith("dns/"))];
}

/** Judges one snapshot with every enabled rule. Pure: no I/O, same input → same findings, in rule order. */
export function runRules(snapshot: DomainSnapshot, options: RunRulesOptions): Finding[] {
  return focusOnAbsentDomain(judgeWithEveryRule(snapshot, options));
}

function judgeWithEveryRule(snapshot: DomainSnapshot, options: RunRulesOptions): Finding[] {
  const findings: Finding[] = [];
  for (const rule of options.rules as readonly Rule[]) {
    const override = options.overrides?.[rule.meta.id];
    if (override === "off") continue;
    rule.check({
      snapshot,
      declared: options.declared,
      report({ messageId, data = {}, suggestion }) {
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
    });
  }
  return findings;
}
