import type { AuditReport } from "../audit/audit.js";
import { toJsonText } from "./json-text.js";
import type { Formatter } from "./types.js";

const SCHEMA_VERSION = 1;

/** The public JSON document of docs/cli.md; more fields are welcome, none may be renamed. */
function toJsonDocument(report: AuditReport) {
  return {
    schemaVersion: SCHEMA_VERSION,
    domains: report.domains.map(({ domain, status, snapshot, findings }) => ({
      domain,
      status,
      ...(snapshot.spf ? { spf: snapshot.spf } : {}),
      ...(snapshot.dmarc ? { dmarc: snapshot.dmarc } : {}),
      ...(snapshot.dkim ? { dkim: snapshot.dkim } : {}),
      ...(snapshot.dkimProbe ? { dkimProbe: snapshot.dkimProbe } : {}),
      ...(snapshot.mx ? { mx: snapshot.mx } : {}),
      ...(snapshot.mtaSts ? { mtaSts: snapshot.mtaSts } : {}),
      ...(snapshot.tlsRpt ? { tlsRpt: snapshot.tlsRpt } : {}),
      ...(snapshot.bimi ? { bimi: snapshot.bimi } : {}),
      ...(snapshot.alignment ? { alignment: snapshot.alignment } : {}),
      lookupFailures: snapshot.lookupFailures,
      ...(snapshot.assumedAbsent ? { assumedAbsent: snapshot.assumedAbsent } : {}),
      ...(snapshot.notChecked ? { notChecked: snapshot.notChecked } : {}),
      ...(snapshot.answers ? { answers: snapshot.answers } : {}),
      findings: findings.map(({ rule, severity, message, messageId, data, suggestion }) => ({
        rule,
        severity,
        message,
        messageId,
        data,
        ...(suggestion === undefined ? {} : { suggestion }),
      })),
    })),
    summary: report.summary,
    exitCode: report.exitCode,
  };
}

export const formatJson: Formatter = (report) => toJsonText(toJsonDocument(report));
