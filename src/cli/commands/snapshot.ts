import { writeFileSync } from "node:fs";
import { collectDomain } from "../../audit/collect-domain.js";
import { mapWithConcurrency } from "../../audit/pool.js";
import { buildLockFile, serializeLockFile, snapshotProblems } from "../../baseline/lockfile.js";
import { EXIT } from "../../engine/exit-code.js";
import { InputError } from "../../errors.js";
import { reportedSelectors } from "../../store/reported-selectors.js";
import { assumedAbsentNote } from "../assumed-absent-note.js";
import { buildHttps } from "../build-https.js";
import { buildResolver, domainBudgetFor } from "../build-resolver.js";
import { checkSettings } from "../check-settings.js";
import {
  concurrencyOption,
  configOption,
  dnsOptions,
  httpsCaOption,
  offlineOption,
  selectorOption,
  shardOption,
  zoneOptions,
} from "../common-options.js";
import { defineCommand, optionalList, textOption } from "../define-command.js";
import { writeOut } from "../output.js";
import { probing } from "../probe-candidates.js";

/** `mailaudit snapshot`: collect → canonical lock file (the baseline `check --baseline` compares with). */
export default defineCommand({
  name: "snapshot",
  description: "record what DNS publishes now as a baseline lock file (for check --baseline)",
  arguments: [optionalList("domain", "domains to record (default: those in mailaudit.yaml)")],
  options: {
    config: configOption(),
    selector: selectorOption("record"),
    output: textOption("-o, --output <file>", "where to write the lock file (default: stdout)"),
    ...dnsOptions,
    ...zoneOptions,
    offline: offlineOption,
    httpsCa: httpsCaOption,
    shard: shardOption("record"),
    concurrency: concurrencyOption("collected"),
  },
  async run(domains, options) {
    const settings = await checkSettings(domains, { ...options, format: "json" });
    const resolver = buildResolver(settings);
    // The same DKIM guess as check makes, so a check against this baseline finds the same keys.
    const reported =
      settings.reportsDb === undefined ? undefined : await reportedSelectors(settings.reportsDb);
    const { probeSelectors } = await probing(settings.targets, reported);
    const https = buildHttps(settings);
    const snapshots = await mapWithConcurrency(settings.targets, settings.concurrency, (t) =>
      collectDomain(resolver, t.domain, {
        selectors: t.selectors,
        ...(probeSelectors ? { probe: probeSelectors(t.domain) } : {}),
        senders: t.declared?.senders ?? [],
        budgetMs: domainBudgetFor(settings),
        https,
      }),
    );
    // A baseline taken while DNS was failing would make every later run "drift": refuse it.
    const problems = snapshotProblems(snapshots);
    if (problems.length > 0) {
      const more = problems.length > 1 ? ` (and ${problems.length - 1} more domain(s))` : "";
      throw new InputError(`no baseline written: ${problems[0]}${more}`);
    }
    const note = assumedAbsentNote(snapshots);
    if (note) process.stderr.write(note);
    const text = serializeLockFile(buildLockFile(snapshots, new Date().toISOString()));
    if (options.output === undefined || options.output === "-") writeOut(text);
    else writeFileSync(options.output, text);
    return EXIT.ok;
  },
});
