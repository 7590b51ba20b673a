import type { RuleMeta } from "../engine/types.js";

/** What every kit-made rule states about itself; the kit supplies its messages. */
export interface RuleFacts {
  id: string;
  description: string;
  spec: string;
  remediation: string;
}

/** The meta of a kit-made rule: a problem, an error by default (config or a profile may lower it). */
export function errorRuleMeta(facts: RuleFacts, messages: RuleMeta["messages"]): RuleMeta {
  return {
    id: facts.id,
    type: "problem",
    severity: "error",
    docs: { description: facts.description, spec: facts.spec },
    messages,
    remediation: facts.remediation,
  };
}
