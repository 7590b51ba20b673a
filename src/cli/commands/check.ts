import { ALL_RULES } from "../../../rules/index.js";
import { audit } from "../../audit/audit.js";
import { FORMATTERS } from "../../format/index.js";
import { ruleMetaMap } from "../../format/rule-meta.js";
import { buildResolver } from "../build-resolver.js";
import { type CheckOptions, checkSettingsFromFlags } from "../check-settings.js";
import { UsageError } from "../errors.js";
import { useColor, writeOut } from "../output.js";

/** `mailaudit check`: settings → audit → format → exit code. */
export async function run(domains: string[], options: CheckOptions): Promise<number> {
  const settings = checkSettingsFromFlags(domains, options);
  const formatter = FORMATTERS[settings.format];
  if (!formatter) throw new UsageError(`--format ${settings.format} is not available yet`);
  const resolver = buildResolver(settings);
  const report = await audit(settings.targets, {
    resolver,
    rules: ALL_RULES,
    failOn: settings.failOn,
    overrides: settings.overrides,
    concurrency: settings.concurrency,
  });
  writeOut(formatter(report, { color: useColor(options.color), rules: ruleMetaMap(ALL_RULES) }));
  return report.exitCode;
}
