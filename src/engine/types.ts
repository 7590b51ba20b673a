import type { SenderAlignment } from "../alignment/types.js";
import type { BimiAudit } from "../bimi/types.js";
import type { DkimProbe } from "../dkim/probe.js";
import type { ReportedKey } from "../dkim/reported.js";
import type { DkimAudit } from "../dkim/types.js";
import type { DmarcAudit } from "../dmarc/types.js";
import type { AnsweredQuestion, LookupFailure, UncheckedRecord } from "../dns/types.js";
import type { MtaStsAudit } from "../mta-sts/types.js";
import type { MxAudit } from "../mx/types.js";
import type { SpfAudit } from "../spf/types.js";
import type { TlsRptAudit } from "../tls-rpt/types.js";
import type { Severity, SeveritySetting } from "./severity.js";

/**
 * Everything DNS said about one domain, as plain JSON data. Rules judge this and nothing else, so a
 * snapshot can be saved and judged again offline (`--baseline`).
 */
export interface DomainSnapshot {
  domain: string;
  spf?: SpfAudit;
  dmarc?: DmarcAudit;
  dkim?: DkimAudit[];
  /** MX records and their hosts. */
  mx?: MxAudit;
  /** `_mta-sts` and the policy it announces (RFC 8461). */
  mtaSts?: MtaStsAudit;
  /** `_smtp._tls` (RFC 8460). */
  tlsRpt?: TlsRptAudit;
  /** `default._bimi` and its logo. */
  bimi?: BimiAudit;
  /**
   * With `--reports-db`: the selectors the stored reports saw signing as this domain in the last 30
   * days (not already named) and what DNS holds for each. Like `lookupFailures`, a fact of the run.
   */
  reportedSelectors?: ReportedKey[];
  /**
   * With no selector named: which common or reported selectors were tried, and which have keys (those
   * are in `dkim`). A guess, describing the run rather than what is published.
   */
  dkimProbe?: DkimProbe;
  /** Declared senders' SPF/DKIM alignment and IP checks (only when the config declares senders). */
  alignment?: SenderAlignment[];
  /** Questions that got no verdict (timeout, SERVFAIL…): the audit of this domain is inconclusive. */
  lookupFailures: LookupFailure[];
  /**
   * Names taken as non-existent without asking DNS (`--offline`: outside every zone given), sorted.
   * Absent when nothing was assumed. Like `lookupFailures`, a fact of the run, not of what is published.
   */
  assumedAbsent?: string[];
  /**
   * Records a `--zone` input holds without their data (a Terraform value known only after apply,
   * an octoDNS record left as published, offline) that the domain's questions met. Neither missing
   * nor present: what depends on them has no verdict. Absent when none. A fact of the run.
   */
  notChecked?: UncheckedRecord[];
  /** Questions that were answered (sorted by name, then type), with TTL and DNSSEC status when known. */
  answers?: AnsweredQuestion[];
}

/** Values a message template may interpolate; names from the argument vocabulary in rules/README.md. */
export type MessageData = Record<string, string | number>;

export interface Finding {
  /** Stable rule id, `<group>/<name>`. */
  rule: string;
  severity: Severity;
  /** The rendered message (plain text; may contain DNS data: escape it before printing to a terminal). */
  message: string;
  domain: string;
  messageId: string;
  data: MessageData;
  /** A proposed record value that would fix it, when the rule knows one. */
  suggestion?: string;
}

export type RuleType = "problem" | "suggestion" | "drift";

export interface MessageSpec {
  text: string;
  /** Overrides the rule's default severity for this message (e.g. `?all` is weaker than `+all`). */
  severity?: Severity;
}

export interface RuleMeta {
  id: string;
  type: RuleType;
  /** Default severity; config or a profile may override it or turn the rule off. */
  severity: Severity;
  docs: { description: string; spec: string };
  messages: Record<string, string | MessageSpec>;
  remediation: string;
  /**
   * For a rule that checks what the user declared (`drift/*`): the key of the domain entry in
   * mailaudit.yaml it checks (a path such as "expect.spf.all"); findings point at that line.
   */
  configKey?: string;
}

export interface ReportInput {
  messageId: string;
  data?: MessageData;
  suggestion?: string;
}

export interface RuleContext<Declared = unknown> {
  snapshot: DomainSnapshot;
  /** What the user declared for this domain in the config (expectations, senders), if anything. */
  declared: Declared | undefined;
  report(input: ReportInput): void;
}

export interface Rule<Declared = unknown> {
  meta: RuleMeta;
  check(context: RuleContext<Declared>): void;
}

/** Severity settings by rule id, as the engine reads them: a profile's, the config's `rules:` on top. */
export type SeverityOverrides = Readonly<Record<string, SeveritySetting>>;
