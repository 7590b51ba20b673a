/**
 * Where a rule's documentation lives on the web (SARIF `helpUri`, links in Markdown and GitHub
 * output). PLACEHOLDER: the project has no public home yet; change this one line when it has.
 */
const RULE_DOCS_BASE = "https://github.com/mailaudit/mailaudit/blob/main/rules/";

export function ruleDocUrl(ruleId: string): string {
  return `${RULE_DOCS_BASE}${ruleId}.md`;
}
