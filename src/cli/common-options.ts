/** Options several commands share, declared once: the same flags, help text and defaults everywhere. */
import { DEFAULT_CONCURRENCY } from "../audit/pool.js";
import { DEFAULT_MAX_MB } from "../reports/limits.js";
import { choiceOption, negatedOption, repeatableOption, switchOption, textOption } from "./define-command.js";

/** `-c`: the mailaudit.yaml to read; `help` says what the command reads it for. */
export const configOption = (help = "mailaudit.yaml (used by default when present and no domain is given)") =>
  textOption("-c, --config <file>", help);

/** `-s`: the DKIM selectors to look at; `verb` says what the command does with them. */
export const selectorOption = (verb: string) =>
  repeatableOption("-s, --selector <name>", `DKIM selector to ${verb}; repeatable`);

/** Where DNS questions go and how long each may take (read by `resolverSettingsFrom`). */
export const dnsOptions = {
  resolver: repeatableOption(
    "-r, --resolver <addr>",
    "DNS server: ip, ip:port or [ipv6]:port; repeatable (default: the system's)",
  ),
  timeout: textOption("--timeout <seconds>", "per-query timeout in seconds (decimals allowed)"),
};

/** `--zone` inputs answered before DNS is asked, and the zone's name where an input does not say it. */
export const zoneOptions = {
  zone: repeatableOption(
    "--zone <file>",
    "answer from these records first: an RFC 1035 zone file, octoDNS zone YAML, DNSControl print-ir JSON or a Terraform plan (terraform show -json); repeatable",
  ),
  zoneOrigin: textOption(
    "--zone-origin <name>",
    "the zone's name where a --zone input does not say it (octoDNS files not named <zone>.yaml, Terraform records without their zone)",
  ),
};

export const offlineOption = switchOption(
  "--offline",
  "ask no DNS server: names outside every --zone are taken as non-existent (and listed)",
);

/** `--https-ca`: read by `buildHttps` (the MTA-STS policy and BIMI logo fetches of check, snapshot, init). */
export const httpsCaOption = textOption(
  "--https-ca <file>",
  "trust this CA (PEM) for HTTPS fetches (MTA-STS policy, BIMI logo), beside Node's default store",
);

/** `--shard i/n`; `verb` says what the command does with its share. */
export const shardOption = (verb: string) =>
  textOption("--shard <i/n>", `${verb} only the i-th of n equal shares of the domains (1-based)`);

/** `--concurrency n`; `done` says what happens to that many domains at once. */
export const concurrencyOption = (done: string) =>
  textOption("--concurrency <n>", `domains ${done} at once`, String(DEFAULT_CONCURRENCY));

/** `-f`: the command's own output formats. */
export const formatOption = <const Formats extends readonly string[]>(
  formats: Formats,
  defaultFormat: Formats[number],
) => choiceOption("-f, --format <fmt>", "output format", formats, defaultFormat);

export const colorOption = negatedOption("--no-color", "never colour the output");

export const dbOption = textOption(
  "--db <file|url>",
  "SQLite file or postgres://user@host:port/dbname (default: a SQLite file in the per-user data directory)",
);

export const maxSizeOption = textOption(
  "--max-size <MB>",
  "refuse inputs (and decompressed contents) larger than this",
  String(DEFAULT_MAX_MB),
);
