/**
 * The command line: options and wiring only. Each command's work lives in its own module, loaded
 * when the command runs, so `mailaudit --version` loads nothing it does not need.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Command, CommanderError, Option } from "commander";
import { EXIT } from "../engine/exit-code.js";
import { FAIL_ON_LEVELS } from "../engine/severity.js";
import { escapeForTerminal } from "../format/escape.js";
import { FORMATS } from "../format/types.js";
import { PACKAGE_ROOT } from "../paths.js";
import { collect } from "./option-parsers.js";
import { ignoreClosedStdout } from "./output.js";

const version = (JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string })
  .version;

// biome-ignore lint/suspicious/noExplicitAny: commander hands each command its own argument shapes
type Action = (...args: any[]) => Promise<number>;

/** Runs a command module's `run`, turning its result into the exit code. */
function lazy(load: () => Promise<{ run: Action }>) {
  return async (...args: unknown[]) => {
    const { run } = await load();
    // commander passes (args…, options, command); the command object is not part of our contract.
    process.exitCode = await run(...args.slice(0, -1));
  };
}

const OFFLINE_HELP = "ask no DNS server: names outside every --zone are taken as non-existent (and listed)";
const ZONE_HELP =
  "answer from these records first: an RFC 1035 zone file, octoDNS zone YAML, DNSControl print-ir JSON or a Terraform plan (terraform show -json); repeatable";
const ZONE_ORIGIN_HELP =
  "the zone's name where a --zone input does not say it (octoDNS files not named <zone>.yaml, Terraform records without their zone)";

const dnsOptions = (command: Command) =>
  command
    .option(
      "-r, --resolver <addr>",
      "DNS server: ip, ip:port or [ipv6]:port; repeatable (default: the system's)",
      collect,
    )
    .option("--timeout <seconds>", "per-query timeout in seconds (decimals allowed)");

export function buildProgram(): Command {
  const program = new Command("mailaudit")
    .description(
      "Audit SPF, DKIM and DMARC in DNS, ingest DMARC aggregate reports, and gate CI on policy drift.",
    )
    .version(version, "-V, --version")
    .exitOverride();

  const check = program
    .command("check")
    .description("audit domains' SPF, DMARC and DKIM records")
    .argument("[domain...]", "domains to audit (default: those in mailaudit.yaml)")
    .option("-c, --config <file>", "mailaudit.yaml (used by default when present and no domain is given)")
    .option("-s, --selector <name>", "DKIM selector to check; repeatable", collect);
  dnsOptions(check)
    .option("--zone <file>", ZONE_HELP, collect)
    .option("--zone-origin <name>", ZONE_ORIGIN_HELP)
    .option("--offline", OFFLINE_HELP)
    .option(
      "--reports-db <store>",
      "report store (file or postgres:// URL): also check the DKIM selectors seen in its last 30 days of reports",
    )
    .option("--baseline <file>", "report every change since this snapshot as drift")
    .addOption(new Option("-f, --format <fmt>", "output format").choices(FORMATS).default("table"))
    .addOption(new Option("--fail-on <level>", "exit 1 on findings at or above").choices(FAIL_ON_LEVELS))
    .option("--profile <name>", "rule profile: recommended, strict, bulk-sender, bod-18-01")
    .option("--shard <i/n>", "audit only the i-th of n equal shares of the domains (1-based)")
    .option("--concurrency <n>", "domains audited at once", "16")
    .option("--no-color", "never colour the output")
    .action(lazy(() => import("./commands/check.js")));

  const snapshot = program
    .command("snapshot")
    .description("record what DNS publishes now as a baseline lock file (for check --baseline)")
    .argument("[domain...]", "domains to record (default: those in mailaudit.yaml)")
    .option("-c, --config <file>", "mailaudit.yaml (used by default when present and no domain is given)")
    .option("-s, --selector <name>", "DKIM selector to record; repeatable", collect)
    .option("-o, --output <file>", "where to write the lock file (default: stdout)");
  dnsOptions(snapshot)
    .option("--zone <file>", ZONE_HELP, collect)
    .option("--zone-origin <name>", ZONE_ORIGIN_HELP)
    .option("--offline", OFFLINE_HELP)
    .option("--shard <i/n>", "record only the i-th of n equal shares of the domains (1-based)")
    .option("--concurrency <n>", "domains collected at once", "16")
    .action(lazy(() => import("./commands/snapshot.js")));

  const init = program
    .command("init")
    .description("write a mailaudit.yaml declaring what DNS shows for a domain today")
    .argument("<domain>", "the domain to declare")
    .option("-o, --output <file>", "file to write", "mailaudit.yaml")
    .option("--force", "overwrite an existing file");
  dnsOptions(init)
    .option("--zone <file>", ZONE_HELP, collect)
    .option("--zone-origin <name>", ZONE_ORIGIN_HELP)
    .option("--offline", OFFLINE_HELP)
    .action(lazy(() => import("./commands/init.js")));

  const spf = program
    .command("spf")
    .description("show a domain's SPF include tree, or evaluate check_host for a connection")
    .argument("<domain>", "domain whose SPF record to read")
    .option("--ip <addr>", "client IP address: evaluate check_host (RFC 7208 §4)")
    .option("--sender <addr>", "MAIL FROM address (default: postmaster@<domain>)")
    .option("--helo <name>", "HELO/EHLO name");
  dnsOptions(spf)
    .option("--zone <file>", ZONE_HELP, collect)
    .option("--zone-origin <name>", ZONE_ORIGIN_HELP)
    .addOption(new Option("-f, --format <fmt>", "output format").choices(["table", "json"]).default("table"))
    .option("--no-color", "never colour the output")
    .action(lazy(() => import("./commands/spf.js")));

  program
    .command("rules")
    .description("list the rule catalogue, or print one rule's documentation")
    .argument("[id]", "rule id, e.g. spf/lookup-limit")
    .option("--no-color", "never colour the output")
    .action(lazy(() => import("./commands/rules.js")));

  const reports = program
    .command("reports")
    .description("DMARC aggregate reports: ingest, summarize, prune, parse");
  reports
    .command("ingest")
    .description(
      "store aggregate reports from files, .gz, .zip, .eml, mbox, Maildir, folders (- for stdin) or IMAP mailboxes",
    )
    .argument("<input...>", "files, folders, or mailboxes as imaps://user@host[:port]/Folder")
    .option(
      "--db <file|url>",
      "SQLite file or postgres://user@host:port/dbname (default: a SQLite file in the per-user data directory)",
    )
    .option("--keep-raw", "keep each report's raw XML in the store")
    .option("--max-size <MB>", "refuse inputs (and decompressed contents) larger than this", "64")
    .option("--no-progress", "no progress line on stderr")
    .option("--imap-move-to <folder>", "move each message once its reports are stored (created if missing)")
    .option("--imap-ca <file>", "trust this CA (PEM) for the IMAP server, beside the system's")
    .option(
      "--imap-password-file <file>",
      "read the IMAP password from this file (else MAILAUDIT_IMAP_PASSWORD; MAILAUDIT_IMAP_TOKEN for XOAUTH2)",
    )
    .option("--watch", "keep the mailbox open (IMAP IDLE) and ingest mail as it arrives, until SIGTERM")
    .action(lazy(() => import("./commands/reports-ingest.js")));
  reports
    .command("summary")
    .description("summarize stored reports per domain and source")
    .option(
      "--db <file|url>",
      "SQLite file or postgres://user@host:port/dbname (default: a SQLite file in the per-user data directory)",
    )
    .option("--domain <domain>", "only this policy domain")
    .option("--since <date>", "only reports whose period ends on or after this date (YYYY-MM-DD)")
    .addOption(
      new Option("-f, --format <fmt>", "output format")
        .choices(["table", "json", "csv", "html"])
        .default("table"),
    )
    .option("--fail-above <percent>", "exit 1 when a domain's DMARC failure rate is above this percentage")
    .option("--fail-on-new-sources", "exit 1 when a source IP appears that was not seen before --since")
    .option(
      "--fail-if-silent <days>",
      "exit 1 when a domain has no report whose period ended in the last <days> days (a broken rua=)",
    )
    .option("-c, --config <file>", "with --fail-if-silent: watch the domains of this mailaudit.yaml")
    .option("--no-dns", "skip reverse DNS names for source IPs");
  dnsOptions(reports.commands.at(-1) as Command)
    .option("--no-color", "never colour the output")
    .action(lazy(() => import("./commands/reports-summary.js")));
  reports
    .command("prune")
    .description("delete stored reports whose period ended before a date (retention)")
    .requiredOption("--before <date>", "YYYY-MM-DD, an ISO date-time, or a number of days ago like 400d")
    .option(
      "--db <file|url>",
      "SQLite file or postgres://user@host:port/dbname (default: a SQLite file in the per-user data directory)",
    )
    .action(lazy(() => import("./commands/reports-prune.js")));
  reports
    .command("parse")
    .description("print one report, normalized, without storing it")
    .argument("<file>", "report file (xml, gz, zip, eml) or - for stdin")
    .addOption(new Option("-f, --format <fmt>", "output format").choices(["json", "csv"]).default("json"))
    .option("--max-size <MB>", "refuse inputs (and decompressed contents) larger than this", "64")
    .action(lazy(() => import("./commands/reports-parse.js")));

  return program;
}

async function main(argv: string[]): Promise<void> {
  ignoreClosedStdout();
  const program = buildProgram();
  program.configureOutput({
    // Commander's own errors become one line with our exit code 2 (see the catch below).
    outputError: (text, write) => write(text),
  });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    process.exitCode = handleError(error);
  }
}

/** Maps any error to its exit code, printing one clean line; stacks only with MAILAUDIT_DEBUG=1. */
function handleError(error: unknown): number {
  if (error instanceof CommanderError) {
    if (
      error.code === "commander.helpDisplayed" ||
      error.code === "commander.version" ||
      error.code === "commander.help"
    ) {
      return EXIT.ok;
    }
    return EXIT.usage;
  }
  const exitCode = (error as { exitCode?: unknown }).exitCode;
  if (error instanceof Error && typeof exitCode === "number") {
    process.stderr.write(`mailaudit: ${escapeForTerminal(error.message)}\n`);
    return exitCode;
  }
  process.stderr.write(
    `mailaudit: internal error: ${escapeForTerminal(error instanceof Error ? error.message : String(error))}\n`,
  );
  if (process.env.MAILAUDIT_DEBUG === "1" && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return EXIT.inconclusive;
}

await main(process.argv);
