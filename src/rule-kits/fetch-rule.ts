/**
 * One shape for the rules that judge an HTTPS fetch (the MTA-STS policy, the BIMI logo): the same
 * outcomes, the same messageIds and severities, so a script reading `messageId` learns them once.
 */
import { defineRule } from "../engine/define-rule.js";
import type { DomainSnapshot, MessageSpec, Rule, RuleContext } from "../engine/types.js";
import type { FetchReport } from "../https/types.js";
import { errorRuleMeta, type RuleFacts } from "./rule-facts.js";

export interface FetchRuleSpec extends RuleFacts {
  /** What is fetched, for messages: "The MTA-STS policy", "The BIMI logo". */
  what: string;
  /** The fetch this rule judges, if the snapshot holds one. */
  select(snapshot: DomainSnapshot): FetchReport | null | undefined;
  /** Messages of checks only this fetch has (a policy's Content-Type). */
  extraMessages?: Record<string, string | MessageSpec>;
  /** Runs after a successful fetch. */
  checkFetched?(report: FetchReport, context: RuleContext): void;
}

/** The messageId each way of failing is reported under. */
const FAILURE_MESSAGE = {
  "bad-url": "unreachable",
  "no-address": "unreachable",
  unreachable: "unreachable",
  tls: "unreachable",
  protocol: "unreachable",
  "test-port-refused": "unreachable",
  certificate: "certificate",
  redirect: "redirect",
  "http-status": "httpStatus",
  "too-large": "tooLarge",
} as const;

export function defineFetchRule(rule: FetchRuleSpec): Rule {
  return defineRule({
    meta: errorRuleMeta(rule, {
      unreachable: `${rule.what} at {uri} cannot be fetched: {reason}.`,
      certificate: `${rule.what} at {uri} is served with a certificate that does not verify: {reason}.`,
      redirect: `${rule.what} at {uri} answers with a redirect ({reason}); redirects are never followed.`,
      httpStatus: `${rule.what} at {uri} answers {reason} instead of 200.`,
      tooLarge: `${rule.what} at {uri} is larger than {limit} octets ({reason}).`,
      inconclusive: {
        text: `${rule.what} at {uri} got no verdict ({reason}); results that depend on it are inconclusive.`,
        severity: "warning",
      },
      skipped: {
        text: `${rule.what} at {uri} was not fetched ({reason}); only its DNS records were checked.`,
        severity: "notice",
      },
      ...rule.extraMessages,
    }),
    check(context) {
      const report = rule.select(context.snapshot);
      if (!report) return;
      const data = {
        domain: context.snapshot.domain,
        uri: report.url,
        reason: report.detail ?? report.reason ?? "",
      };
      switch (report.status) {
        case "ok":
          rule.checkFetched?.(report, context);
          return;
        case "skipped":
          // Library callers that give no HTTPS access at all are not told about it on every domain.
          if (report.reason !== "disabled") context.report({ messageId: "skipped", data });
          return;
        case "inconclusive":
          context.report({ messageId: "inconclusive", data });
          return;
        case "failed": {
          const messageId = FAILURE_MESSAGE[report.reason as keyof typeof FAILURE_MESSAGE] ?? "unreachable";
          context.report({
            messageId,
            data: report.limit === undefined ? data : { ...data, limit: report.limit },
          });
        }
      }
    },
  });
}
