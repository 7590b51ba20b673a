import { existsSync, writeFileSync } from "node:fs";
import { collectDomain } from "../../audit/collect-domain.js";
import { domainIsAbsent } from "../../audit/domain-absent.js";
import { DEFAULT_CONFIG_FILE } from "../../config/default-file.js";
import { initialConfig } from "../../config/init-config.js";
import { EXIT } from "../../engine/exit-code.js";
import { InputError, UsageError } from "../../errors.js";
import { escapeForTerminal } from "../../format/escape.js";
import { assumedAbsentNote } from "../assumed-absent-note.js";
import { buildHttps } from "../build-https.js";
import { buildResolver, domainBudgetFor, resolverSettingsFrom } from "../build-resolver.js";
import { dnsOptions, httpsCaOption, offlineOption, zoneOptions } from "../common-options.js";
import { defineCommand, requiredArgument, switchOption, textOption } from "../define-command.js";
import { notCheckedNote } from "../not-checked-note.js";
import { validateDomain } from "../option-parsers.js";
import { probeCandidates, reportedInDefaultStore } from "../probe-candidates.js";

/** `mailaudit init <domain>`: write a mailaudit.yaml declaring what DNS shows today. */
export default defineCommand({
  name: "init",
  description: "write a mailaudit.yaml declaring what DNS shows for a domain today",
  arguments: [requiredArgument("domain", "the domain to declare")],
  options: {
    output: textOption("-o, --output <file>", "file to write", DEFAULT_CONFIG_FILE),
    force: switchOption("--force", "overwrite an existing file"),
    ...dnsOptions,
    ...zoneOptions,
    offline: offlineOption,
    httpsCa: httpsCaOption,
  },
  async run(domainInput, options) {
    const domain = validateDomain(domainInput);
    const file = options.output;
    if (existsSync(file) && !options.force)
      throw new UsageError(`${file} already exists (use --force to overwrite it)`);
    const settings = resolverSettingsFrom(options);
    const resolver = buildResolver(settings);
    const https = buildHttps({
      ...settings,
      ...(options.httpsCa === undefined ? {} : { httpsCa: options.httpsCa }),
    });
    // No selector is known yet: the common ones and those seen in stored reports are probed.
    const snapshot = await collectDomain(resolver, domain, {
      selectors: [],
      probe: probeCandidates(domain, await reportedInDefaultStore()),
      budgetMs: domainBudgetFor(settings),
      https,
    });
    // Declaring answers DNS failed to give would write wrong expectations; better to write nothing.
    const [failure] = snapshot.lookupFailures;
    if (failure)
      throw new InputError(
        `${file} not written: DNS lookup of ${failure.type} ${failure.name} failed (${failure.reason})`,
      );
    // Declaring a domain that does not exist would write an empty config that passes forever.
    if (domainIsAbsent(snapshot)) {
      process.stderr.write(
        `mailaudit: ${escapeForTerminal(file)} not written: ${domain} does not exist (NXDOMAIN); check the spelling\n`,
      );
      return EXIT.findings;
    }
    for (const note of [assumedAbsentNote([snapshot]), notCheckedNote([snapshot])])
      if (note) process.stderr.write(note);
    writeFileSync(file, initialConfig(snapshot));
    process.stderr.write(`wrote ${file}\n`);
    return EXIT.ok;
  },
});
