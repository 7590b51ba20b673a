import { renderMessage } from "./message.js";
import type { DomainSnapshot, Finding, Rule, SeverityOverrides } from "./types.js";

export interface RunRulesOptions {
  rules: readonly Rule<never>[];
  overrides?: SeverityOverrides;
  declared?: unknown;
}

/** Judges one snapshot with every enabled rule. Pure: no I/O, same input → same findings, in rule order. */
export function runRules(snapshot: DomainSnapshot, options: RunRulesOptions): Finding[] {
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
