import { appendFileSync } from "node:fs";
import { ALL_RULES } from "../../../rules/index.js";
import { audit } from "../../audit/audit.js";
import { loadFormatter } from "../../format/index.js";
import { reportedSelectors } from "../../store/reported-selectors.js";
import { buildResolver, domainBudgetFor } from "../build-resolver.js";
import { type CheckOptions, checkSettings, formatContextFor } from "../check-settings.js";
import { domainProgress } from "../domain-progress.js";
import { outputWidth, useColor, writeOut } from "../output.js";
import { probing } from "../probe-candidates.js";

/** `mailaudit check`: settings → audit → format → exit code. */
export async function run(domains: string[], options: CheckOptions): Promise<number> {
  const settings = await checkSettings(domains, options);
  const resolver = buildResolver(settings);
  const progress = domainProgress();
  // Read before any DNS is asked: a store that cannot be read is a usage error (exit 2).
  const reported = settings.reportsDb === undefined ? undefined : await reportedSelectors(settings.reportsDb);
  const report = await audit(settings.targets, {
    resolver,
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
}
