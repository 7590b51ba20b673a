import { appendFileSync } from "node:fs";
import { ALL_RULES } from "../../../rules/index.js";
import { audit } from "../../audit/audit.js";
import { FAIL_ON_LEVELS } from "../../engine/severity.js";
import { loadFormatter } from "../../format/index.js";
import { FORMATS } from "../../format/types.js";
import { reportedSelectors } from "../../store/reported-selectors.js";
import { buildHttps } from "../build-https.js";
import { buildResolver, domainBudgetFor } from "../build-resolver.js";
import { checkSettings, formatContextFor } from "../check-settings.js";
import {
  colorOption,
  concurrencyOption,
  configOption,
  dnsOptions,
  formatOption,
  httpsCaOption,
  offlineOption,
  selectorOption,
  shardOption,
  zoneOptions,
} from "../common-options.js";
import {
  choiceOption,
  defineCommand,
  type OptionValues,
  optionalList,
  textOption,
} from "../define-command.js";
import { domainProgress } from "../domain-progress.js";
import { outputWidth, useColor, writeOut } from "../output.js";
import { probing } from "../probe-candidates.js";

const options = {
  config: configOption(),
  selector: selectorOption("check"),
  ...dnsOptions,
  ...zoneOptions,
  offline: offlineOption,
  reportsDb: textOption(
    "--reports-db <store>",
    "report store (file or postgres:// URL): also check the DKIM selectors seen in its last 30 days of reports",
  ),
  httpsCa: httpsCaOption,
  baseline: textOption("--baseline <file>", "report every change since this snapshot as drift"),
  format: formatOption(FORMATS, "table"),
  failOn: choiceOption("--fail-on <level>", "exit 1 on findings at or above", FAIL_ON_LEVELS),
  profile: textOption("--profile <name>", "rule profile: recommended, strict, bulk-sender, bod-18-01"),
  shard: shardOption("audit"),
  concurrency: concurrencyOption("audited"),
  color: colorOption,
};

export type CheckOptions = OptionValues<typeof options>;

/** `mailaudit check`: settings → audit → format → exit code. */
export default defineCommand({
  name: "check",
  description: "audit domains' SPF, DMARC and DKIM records",
  arguments: [optionalList("domain", "domains to audit (default: those in mailaudit.yaml)")],
  options,
  async run(domains, options) {
    const settings = await checkSettings(domains, options);
    const resolver = buildResolver(settings);
    const https = buildHttps(settings);
    const progress = domainProgress();
    // Read before any DNS is asked: a store that cannot be read is a usage error (exit 2).
    const reported =
      settings.reportsDb === undefined ? undefined : await reportedSelectors(settings.reportsDb);
    const report = await audit(settings.targets, {
      resolver,
      https,
      ...(reported ? { reportedSelectors: reported } : {}),
      ...(await probing(settings.targets, reported)),
      rules: ALL_RULES,
      failOn: settings.failOn,
      overrides: settings.overrides,
      concurrency: settings.concurrency,
      domainBudgetMs: domainBudgetFor(settings),
      ...(progress ? { onDomainDone: progress.onDomainDone } : {}),
    });
    progress?.finish();
    const context = formatContextFor(settings, useColor(options.color), outputWidth());
    const format = await loadFormatter(settings.format);
    writeOut(format(report, context));
    // GitHub renders this file on the run's page; appending is I/O, so it lives here, not in the formatter.
    const summaryFile = process.env.GITHUB_STEP_SUMMARY;
    if (settings.format === "github" && summaryFile)
      appendFileSync(summaryFile, (await loadFormatter("markdown"))(report, context));
    return report.exitCode;
  },
});
