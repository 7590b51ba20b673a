import { EXIT } from "../../engine/exit-code.js";
import { escapeForTerminal } from "../../format/escape.js";
import { reverseNames } from "../../reports/reverse-dns.js";
import { alertReasons, summarize } from "../../reports/summary.js";
import { SUMMARY_FORMATTERS, type SummaryFormat } from "../../reports/summary-format.js";
import { defaultStorePath } from "../../store/default-path.js";
import { openReportStore } from "../../store/open-report-store.js";
import { buildResolver } from "../build-resolver.js";
import { validateDomain } from "../check-settings.js";
import { UsageError } from "../errors.js";
import { parseResolvers, parseTimeoutSeconds } from "../option-parsers.js";
import { writeData, writeOut } from "../output.js";
import { parsePercent, parseSince } from "./reports-options.js";

interface SummaryFlags {
  db?: string;
  domain?: string;
  since?: string;
  format: SummaryFormat;
  failAbove?: string;
  failOnNewSources?: boolean;
  dns?: boolean;
  resolver?: string[];
  timeout?: string;
}

/** `mailaudit reports summary`: store → summary (+ reverse DNS) → format → exit 1 on alert conditions. */
export async function run(flags: SummaryFlags): Promise<number> {
  const since = flags.since === undefined ? undefined : parseSince(flags.since);
  const failAbove = flags.failAbove === undefined ? undefined : parsePercent(flags.failAbove, "--fail-above");
  if (flags.failOnNewSources && since === undefined)
    throw new UsageError("--fail-on-new-sources needs --since (new since when?)");
  const domain = flags.domain === undefined ? undefined : validateDomain(flags.domain);
  const store = await openReportStore(flags.db ?? defaultStorePath());
  let summary: Awaited<ReturnType<typeof summarize>>;
  try {
    summary = await summarize(store, {
      ...(domain ? { domain } : {}),
      ...(since !== undefined ? { since } : {}),
    });
  } finally {
    await store.close();
  }
  if (flags.dns !== false) {
    const resolver = buildResolver({
      servers: parseResolvers(flags.resolver ?? []),
      timeoutSeconds: parseTimeoutSeconds(flags.timeout),
    });
    const names = await reverseNames(
      resolver,
      summary.domains.flatMap((d) => d.sources.map((s) => s.ip)),
    );
    for (const source of summary.domains.flatMap((d) => d.sources))
      source.name = names.get(source.ip) ?? null;
  }
  const text = SUMMARY_FORMATTERS[flags.format](summary);
  if (flags.format === "csv") writeData(text);
  else writeOut(text);
  const alerts = alertReasons(summary, {
    ...(failAbove !== undefined ? { failAbove } : {}),
    failOnNewSources: flags.failOnNewSources === true,
  });
  for (const alert of alerts) process.stderr.write(`mailaudit: ${escapeForTerminal(alert)}\n`);
  return alerts.length > 0 ? EXIT.findings : EXIT.ok;
}
