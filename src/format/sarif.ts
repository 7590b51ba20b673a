import { createHash } from "node:crypto";
import { isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";
import type { Severity } from "../engine/severity.js";
import type { Finding, RuleMeta } from "../engine/types.js";
import { escapeForTerminal } from "./escape.js";
import { toJsonText } from "./json-text.js";
import { ruleDocUrl } from "./rule-docs-url.js";
import type { FormatContext, Formatter } from "./types.js";

/**
 * SARIF 2.1.0 (OASIS), the format GitHub code scanning and other CI dashboards read. The catalogue
 * goes into `tool.driver.rules` (as microsoft/sarif-js-sdk's ESLint formatter does); each finding
 * is a result located logically at its domain and, when it comes from a file (a config key, a zone
 * file), physically there too.
 */
export const formatSarif: Formatter = (report, context) => {
  const rules = [...context.rules.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ruleIndex = new Map(rules.map((rule, i) => [rule.id, i]));
  const results = report.domains
    .flatMap((d) => d.findings)
    .map((finding) => sarifResult(finding, ruleIndex, context));
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "mailaudit",
            ...(context.toolVersion
              ? { version: context.toolVersion, semanticVersion: context.toolVersion }
              : {}),
            informationUri: "https://github.com/mailaudit/mailaudit",
            rules: rules.map(sarifRule),
          },
        },
        // A run cut short by DNS failures is still a complete run of the tool; exit code 3 says the rest.
        invocations: [{ executionSuccessful: true, exitCode: report.exitCode }],
        results,
      },
    ],
  };
  return toJsonText(log);
};

function sarifRule(meta: RuleMeta) {
  return {
    id: meta.id,
    shortDescription: { text: meta.docs.description },
    fullDescription: { text: `${meta.docs.description} (${meta.docs.spec}).` },
    help: {
      text: meta.remediation,
      markdown: `${meta.remediation}\n\n[${meta.id} documentation](${ruleDocUrl(meta.id)})`,
    },
    helpUri: ruleDocUrl(meta.id),
    defaultConfiguration: { level: sarifLevel(meta.severity) },
    // Tags must be unique (the schema says so): a drift rule's group and type are both "drift".
    properties: { tags: [...new Set([meta.id.split("/")[0] ?? meta.id, meta.type])], spec: meta.docs.spec },
  };
}

function sarifResult(finding: Finding, ruleIndex: ReadonlyMap<string, number>, context: FormatContext) {
  const index = ruleIndex.get(finding.rule);
  const physical = (context.locate?.(finding) ?? []).map((location) => ({
    artifactLocation: { uri: toUri(location.file) },
    ...(location.line === undefined ? {} : { region: { startLine: location.line } }),
  }));
  const logical = [{ name: finding.domain, fullyQualifiedName: finding.domain, kind: "resource" }];
  // One location per file, each also naming the domain; with no file, the domain alone.
  const locations =
    physical.length > 0
      ? physical.map((physicalLocation) => ({ physicalLocation, logicalLocations: logical }))
      : [{ logicalLocations: logical }];
  return {
    ruleId: finding.rule,
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: sarifLevel(finding.severity),
    // Escaped: DNS text may carry control or bidi characters that viewers would render.
    message: { text: escapeForTerminal(finding.message) },
    locations,
    partialFingerprints: { "mailaudit/v1": fingerprint(finding) },
    properties: { domain: finding.domain, messageId: finding.messageId, severity: finding.severity },
  };
}

/** SARIF has error, warning, note: notice and info are notes. */
function sarifLevel(severity: Severity): "error" | "warning" | "note" {
  return severity === "error" ? "error" : severity === "warning" ? "warning" : "note";
}

/** Stable across runs for the same problem, so code scanning tracks an alert instead of re-opening it. */
function fingerprint(finding: Finding): string {
  const identity = JSON.stringify([
    finding.rule,
    finding.domain,
    finding.messageId,
    Object.entries(finding.data).sort(),
  ]);
  return createHash("sha256").update(identity).digest("hex").slice(0, 32);
}

/** SARIF artifact locations are URI references: relative paths with `/` (as code scanning wants), else file: URLs. */
function toUri(file: string): string {
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(/[\\/]/).map(encodeURIComponent).join("/");
}
