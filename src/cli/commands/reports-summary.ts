import { EXIT } from "../../engine/exit-code.js";
import { escapeForTerminal } from "../../format/escape.js";
import { buildSummary, dnsLeftSourcesUndecided } from "../../reports/build-summary.js";
import { dailyVolumes } from "../../reports/daily-volumes.js";
import { silenceReason, silentDomains } from "../../reports/silence.js";
import { alertReasons, type ReportSummary } from "../../reports/summary.js";
import { SUMMARY_FORMATTERS, type SummaryFormat } from "../../reports/summary-format.js";
import { defaultStorePath } from "../../store/default-path.js";
import { openReportStore } from "../../store/open-report-store.js";
import type { ReportStore } from "../../store/store.js";
import { latestReportEnds } from "../../store/summary-queries.js";
import { buildResolver } from "../build-resolver.js";
import { findConfig, validateDomain } from "../check-settings.js";
import { UsageError } from "../errors.js";
import { parseResolvers, parseTimeoutSeconds } from "../option-parsers.js";
import { outputWidth, writeData, writeOut } from "../output.js";
import { parseDays, parsePercent, parseSince } from "./reports-options.js";

interface SummaryFlags {
  db?: string;
  domain?: string;
  since?: string;
  format: SummaryFormat;
  failAbove?: string;
  failOnNewSources?: boolean;
  failIfSilent?: string;
  config?: string;
  dns?: boolean;
  resolver?: string[];
  timeout?: string;
}

/**
 * `mailaudit reports summary`: store → summary with every source explained (live DNS unless
 * --no-dns) → format → exit 1 on alert conditions, 3 when DNS failures left sources unclassified.
 */
export async function run(flags: SummaryFlags): Promise<number> {
  const since = flags.since === undefined ? undefined : parseSince(flags.since);
  const failAbove = flags.failAbove === undefined ? undefined : parsePercent(flags.failAbove, "--fail-above");
  if (flags.failOnNewSources && since === undefined)
    throw new UsageError("--fail-on-new-sources needs --since (new since when?)");
  const domain = flags.domain === undefined ? undefined : validateDomain(flags.domain);
  const silentDays = flags.failIfSilent === undefined ? undefined : parseDays(flags.failIfSilent);
  // The same resolver construction as `check`; none at all with --no-dns.
  const resolver =
    flags.dns === false
      ? undefined
      : buildResolver({
          servers: parseResolvers(flags.resolver ?? []),
          timeoutSeconds: parseTimeoutSeconds(flags.timeout),
        });
  const store = await openReportStore(flags.db ?? defaultStorePath());
  const filter = { ...(domain ? { domain } : {}), ...(since !== undefined ? { since } : {}) };
  let summary: ReportSummary;
  let silences: string[] = [];
  // The page stacks each day's mail by class: the day volumes of the sources that failed (-f html only).
  let volumes: Awaited<ReturnType<typeof dailyVolumes>> | undefined;
  try {
    summary = await buildSummary(store, filter, resolver ? { resolver } : {});
    if (flags.format === "html") volumes = await dailyVolumes(store, filter);
    if (silentDays !== undefined) silences = await silenceAlerts(store, silentDays, domain, flags.config);
  } finally {
    await store.close();
  }
  const text = SUMMARY_FORMATTERS[flags.format](summary, outputWidth(), volumes ? { volumes } : {});
  if (flags.format === "csv") writeData(text);
  else writeOut(text);
  const alerts = alertReasons(summary, {
    ...(failAbove !== undefined ? { failAbove } : {}),
    failOnNewSources: flags.failOnNewSources === true,
  });
  alerts.push(...silences);
  for (const alert of alerts) process.stderr.write(`mailaudit: ${escapeForTerminal(alert)}\n`);
  if (alerts.length > 0) return EXIT.findings;
  if (dnsLeftSourcesUndecided(summary)) {
    process.stderr.write(
      "mailaudit: DNS failures left some sources unclassified (see their explanation); run again\n",
    );
    return EXIT.inconclusive;
  }
  return EXIT.ok;
}

/**
 * `--fail-if-silent N`: the domains watched are `--domain`, else those declared in the config
 * (`-c`, or ./mailaudit.yaml when present), else every domain in the store.
 */
async function silenceAlerts(
  store: ReportStore,
  days: number,
  domain: string | undefined,
  configFile: string | undefined,
): Promise<string[]> {
  const latest = new Map(
    (await latestReportEnds(store)).map((row) => [String(row.domain), Number(row.latest)]),
  );
  let watched: string[];
  if (domain !== undefined) watched = [domain];
  else {
    const config = await findConfig(configFile, false, process.cwd());
    // Reports are sent for the declared domains; a `subdomains:` entry is covered by its parent's.
    watched = config
      ? config.domains.filter((d) => d.parent === undefined).map((d) => d.domain)
      : [...latest.keys()];
  }
  return silentDomains(watched, latest, days, Math.floor(Date.now() / 1000)).map((s) =>
    silenceReason(s, days),
  );
}
