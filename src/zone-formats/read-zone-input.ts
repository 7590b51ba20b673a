/**
 * `--zone <file>`: the records a change proposes, in whichever form the team keeps them. The format
 * is told from the content: JSON is a Terraform plan or DNSControl's IR, YAML that opens with a
 * record name is an octoDNS zone, anything else an RFC 1035 zone file. All become the same `Zone`s.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { parseZoneFile } from "../dns/zone-file.js";
import { looksLikeDnsControl, readDnsControl } from "./dnscontrol.js";
import { ZoneInputError } from "./input-error.js";
import { parseJsonInput } from "./json-input.js";
import { readOctoDns } from "./octodns.js";
import { looksLikeTerraformPlan } from "./terraform/plan-json.js";
import { readTerraformPlan } from "./terraform/read-plan.js";
import type { ZoneInput, ZoneInputFormat, ZoneInputOptions } from "./types.js";

/** Larger inputs are refused before they are read: a zone (or plan) this size is not a mail zone. */
export const MAX_ZONE_INPUT_BYTES = 32 * 1024 * 1024;

/** Reads and parses one `--zone` file; throws ZoneInputError, or ZoneFileError for a zone file, naming it. */
export function readZoneInputFile(path: string, options: Omit<ZoneInputOptions, "source"> = {}): ZoneInput {
  return parseZoneInput(readBounded(path), { ...options, source: path });
}

export function parseZoneInput(bytes: Buffer, options: ZoneInputOptions): ZoneInput {
  const format = detectZoneFormat(bytes);
  const { source } = options;
  if (format === "zone-file") {
    // Zone files are octets (\DDD escapes are octets too): Latin-1 keeps each byte one character.
    const zone = parseZoneFile(bytes.toString("latin1"), {
      source,
      ...(options.origin ? { origin: options.origin } : {}),
    });
    return { format, zones: [zone], notices: [] };
  }
  const text = withoutBom(bytes.toString("utf8"));
  if (format === "octodns") return { format, zones: [readOctoDns(text, options)], notices: [] };
  const json = parseJsonInput(text, source);
  if (looksLikeTerraformPlan(json)) {
    return { format: "terraform", ...readTerraformPlan(json as Record<string, unknown>, text, options) };
  }
  if (looksLikeDnsControl(json))
    return { format: "dnscontrol", zones: readDnsControl(json, text, source), notices: [] };
  throw new ZoneInputError(
    source,
    undefined,
    "JSON that is neither a Terraform plan (terraform show -json) nor DNSControl's print-ir output",
  );
}

/**
 * The format, from the first meaningful line: `{`/`[` opens JSON; `---` or a YAML key (`www:`,
 * `'':`) opens an octoDNS zone; a zone file opens with a directive, an owner name, `@` or blanks.
 */
function detectZoneFormat(bytes: Buffer): ZoneInputFormat | "json" {
  const head = withoutBom(bytes.subarray(0, 64 * 1024).toString("latin1"));
  for (const raw of head.split("\n")) {
    const line = raw.trimEnd();
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith(";") || trimmed.startsWith("#")) continue;
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) return "json";
    if (trimmed === "---" || trimmed.startsWith("--- ")) return "octodns";
    if (/^(?:'[^']*'|"[^"]*"|[^\s'"$@;(][^\s:]*):(?:\s|$)/.test(line)) return "octodns";
    return "zone-file";
  }
  return "zone-file";
}

/** A byte-order mark, read as UTF-8 (U+FEFF) or as Latin-1 (its three octets), is not content. */
function withoutBom(text: string): string {
  return text.replace(/^(?:\uFEFF|\u00EF\u00BB\u00BF)/, "");
}

/** Reads a file or a pipe (`--zone <(terraform show -json plan)`), refusing it past the limit. */
function readBounded(path: string): Buffer {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    throw new ZoneInputError(
      path,
      undefined,
      `cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new ZoneInputError(path, undefined, "a folder, not a file");
    // A file says its size: refuse it unread. A pipe is read up to the limit.
    if (stat.isFile() && stat.size > MAX_ZONE_INPUT_BYTES) throw tooLarge(path);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(1024 * 1024);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > MAX_ZONE_INPUT_BYTES) {
        throw new ZoneInputError(
          path,
          undefined,
          `over the ${MAX_ZONE_INPUT_BYTES / 1024 / 1024} MB limit for zone inputs`,
        );
      }
      chunks.push(chunk.subarray(0, n));
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

function tooLarge(path: string): ZoneInputError {
  return new ZoneInputError(
    path,
    undefined,
    `over the ${MAX_ZONE_INPUT_BYTES / 1024 / 1024} MB limit for zone inputs`,
  );
}
