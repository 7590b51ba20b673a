import { EXIT } from "../../engine/exit-code.js";
import { UsageError } from "../../errors.js";
import { escapeForTerminal } from "../../format/escape.js";
import { buildSummary, dnsLeftSourcesUndecided } from "../../reports/build-summary.js";
import { dailyVolumes } from "../../reports/daily-volumes.js";
import { silenceReason, silentDomains } from "../../reports/silence.js";
import { alertReasons, type ReportSummary } from "../../reports/summary.js";
import { SUMMARY_FORMATTERS } from "../../reports/summary-format.js";
import { findConfig } from "../../run-settings/read-inputs.js";
import { defaultStorePath } from "../../store/default-path.js";
import { openReportStore } from "../../store/open-report-store.js";
import type { ReportStore } from "../../store/store.js";
import { latestReportEnds } from "../../store/summary-queries.js";
import { buildResolver, resolverSettingsFrom } from "../build-resolver.js";
import { colorOption, configOption, dbOption, dnsOptions, formatOption } from "../common-options.js";
import { defineCommand, negatedOption, switchOption, textOption } from "../define-command.js";
import { validateDomain } from "../option-parsers.js";
import { outputWidth, writeData, writeOut } from "../output.js";
import { parseDays, parsePercent, parseSince } from "./reports-options.js";

/**
 * `mailaudit reports summary`: store → summary with every source explained (live DNS unless
 * --no-dns) → format → exit 1 on alert conditions, 3 when DNS failures left sources unclassified.
 */
export default defineCommand({
  name: "summary",
  description: "summarize stored reports per domain and source",
  arguments: [],
  options: {
    db: dbOption,
    domain: textOption("--domain <domain>", "only this policy domain"),
    since: textOption("--since <date>", "only reports whose period ends on or after this date (YYYY-MM-DD)"),
    format: formatOption(["table", "json", "csv", "html"], "table"),
    failAbove: textOption(
      "--fail-above <percent>",
      "exit 1 when a domain's DMARC failure rate is above this percentage",
    ),
    failOnNewSources: switchOption(
      "--fail-on-new-sources",
      "exit 1 when a source IP appears that was not seen before --since",
    ),
    failIfSilent: textOption(
      "--fail-if-silent <days>",
      "exit 1 when a domain has no report whose period ended in the last <days> days (a broken rua=)",
    ),
    config: configOption("with --fail-if-silent: watch the domains of this mailaudit.yaml"),
    dns: negatedOption("--no-dns", "skip reverse DNS names for source IPs"),
    ...dnsOptions,
    color: colorOption,
  },
  async run(flags) {
    const since = flags.since === undefined ? undefined : parseSince(flags.since);
    const failAbove =
      flags.failAbove === undefined ? undefined : parsePercent(flags.failAbove, "--fail-above");
    if (flags.failOnNewSources && since === undefined)
      throw new UsageError("--fail-on-new-sources needs --since (new since when?)");
    const domain = flags.domain === undefined ? undefined : validateDomain(flags.domain);
    const silentDays = flags.failIfSilent === undefined ? undefined : parseDays(flags.failIfSilent);
    // The same resolver construction as `check`; none at all with --no-dns.
    const resolver = flags.dns === false ? undefined : buildResolver(resolverSettingsFrom(flags));
    const store = await openReportStore(flags.db ?? defaultStorePath(), "existing");
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
  },
});

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
