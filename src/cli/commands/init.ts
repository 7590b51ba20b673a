import { existsSync, writeFileSync } from "node:fs";
import { collectDomain } from "../../audit/collect-domain.js";
import { domainIsAbsent } from "../../audit/domain-absent.js";
import { initialConfig } from "../../config/init-config.js";
import { DEFAULT_CONFIG_FILE } from "../../config/load.js";
import { EXIT } from "../../engine/exit-code.js";
import { escapeForTerminal } from "../../format/escape.js";
import { assumedAbsentNote } from "../assumed-absent-note.js";
import { buildResolver, domainBudgetFor } from "../build-resolver.js";
import { validateDomain } from "../check-settings.js";
import { InputError, UsageError } from "../errors.js";
import { parseResolvers, parseTimeoutSeconds } from "../option-parsers.js";
import { probeCandidates, reportedInDefaultStore } from "../probe-candidates.js";

export interface InitOptions {
  output?: string;
  force?: boolean;
  resolver?: string[];
  timeout?: string;
  zone?: string[];
  zoneOrigin?: string;
  offline?: boolean;
}

/** `mailaudit init <domain>`: write a mailaudit.yaml declaring what DNS shows today. */
export async function run(domainInput: string, options: InitOptions): Promise<number> {
  const domain = validateDomain(domainInput);
  const file = options.output ?? DEFAULT_CONFIG_FILE;
  if (existsSync(file) && !options.force)
    throw new UsageError(`${file} already exists (use --force to overwrite it)`);
  const settings = {
    servers: parseResolvers(options.resolver ?? []),
    zoneFiles: options.zone ?? [],
    ...(options.zoneOrigin === undefined ? {} : { zoneOrigin: options.zoneOrigin }),
    offline: options.offline === true,
    ...(options.timeout === undefined ? {} : { timeoutSeconds: parseTimeoutSeconds(options.timeout) }),
  };
  const resolver = buildResolver(settings);
  // No selector is known yet: the common ones and those seen in stored reports are probed.
  const snapshot = await collectDomain(resolver, domain, {
    selectors: [],
    probe: probeCandidates(domain, await reportedInDefaultStore()),
    budgetMs: domainBudgetFor(settings),
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
  const note = assumedAbsentNote([snapshot]);
  if (note) process.stderr.write(note);
  writeFileSync(file, initialConfig(snapshot));
  process.stderr.write(`wrote ${file}\n`);
  return EXIT.ok;
}
