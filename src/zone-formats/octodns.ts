/**
 * octoDNS zone YAML (`YamlProvider`, octoDNS docs/records.md): each top-level key is a record name
 * relative to the zone ('' is the apex), holding one record or a list of them; each record has a
 * `type`, an optional `ttl`, and `value` or `values`. TXT values escape semicolons (`\;`); MX values
 * are `{ exchange, preference }` (legacy `value`, `priority`). The zone's name is not in the file:
 * it comes from `--zone-origin` or the file name (`example.com.yaml`).
 *
 * A record with `octodns: { ignored: true }` is one octoDNS does not manage: its plan skips every
 * record marked so, on either side (octoDNS `Zone.changes`; "Ignored record support", octoDNS
 * CHANGELOG v0.8.4), so it neither creates, updates nor deletes it and DNS keeps serving what it
 * serves now. Its values are still read (octoDNS validates them too) but not served: the zone holds
 * it as left as published (asked of DNS, or not checked offline).
 */

import { basename } from "node:path";
import type { Document } from "yaml";
import { normalizeName, type UncheckedRecord } from "../dns/types.js";
import type { Zone, ZoneRecord } from "../dns/zone-records.js";
import { yamlLibrary } from "../yaml-library.js";
import { decodeEscape } from "./character-strings.js";
import { ZoneInputError } from "./input-error.js";
import { lineAt } from "./json-input.js";
import { nameInZone, nameProblem } from "./names.js";
import { splitCharacterStrings, utf8Octets } from "./octets.js";
import { mxRecord, preferenceProblem, simpleRecord, toPreference, txtRecord } from "./record-values.js";
import { blockYamlTree, documentTree, type TreeNode, treeGet } from "./yaml-tree.js";

/** octoDNS's YamlProvider default. */
const DEFAULT_TTL = 3600;
/** yaml's own default: an alias may stand for at most this many nodes before it is refused. */
const MAX_ALIAS_COUNT = 100;
/** An alias (`*name`) where YAML allows one; a false match only costs the alias check. */
const MAYBE_ALIAS = /(?:^|[\s[{,:-])\*[^\s,\]}'"]/m;
/** Deeper flow nesting than any zone needs; yaml recurses per level and slows down sharply past it. */
export const MAX_FLOW_DEPTH = 64;

export interface OctoDnsOptions {
  source: string;
  origin?: string;
  /** Tests compare the two YAML paths; "auto" takes the fast block reader when the text allows. */
  parser?: "auto" | "yaml";
}

export function readOctoDns(text: string, options: OctoDnsOptions): Zone {
  const { source } = options;
  const origin = octoDnsOrigin(options);
  const root = (options.parser !== "yaml" && blockYamlTree(text)) || yamlTree(text, source);
  const line = (node: TreeNode | undefined) => (node ? lineAt(text, node.offset) : undefined);
  const fail = (node: TreeNode | undefined, reason: string): never => {
    throw new ZoneInputError(source, line(node), reason);
  };
  if (root.kind !== "map") return fail(undefined, "an octoDNS zone is a mapping of record names");

  const records: ZoneRecord[] = [];
  const unchecked: UncheckedRecord[] = [];
  const seen = new Set<string>();
  for (const { key, value } of root.pairs) {
    const label = key.kind === "scalar" ? key.text : null;
    if (label === null) return fail(key, "record name must be a string");
    if (seen.has(label)) fail(key, `record name "${label}" appears twice: list its records under one key`);
    seen.add(label);
    const name = nameInZone(label, origin);
    const problem = nameProblem(label === "" ? origin : label);
    if (problem) fail(key, problem);
    const entries = value.kind === "seq" ? value.items : [value];
    for (const entry of entries) {
      if (entry.kind !== "map") fail(entry, `record "${label}" needs a mapping with a type`);
      // A record written directly under its name is placed at the name; list entries at themselves.
      const where = value.kind === "seq" ? entry : key;
      const failHere: Fail = (node, reason) => fail(node ?? where, reason);
      const read = readRecord(entry, name, label, failHere);
      if (!isIgnored(entry, label, failHere)) {
        records.push(...read);
        continue;
      }
      unchecked.push({
        name,
        type: scalarOf(treeGet(entry, "type"))?.toUpperCase() as string,
        source: `${source}:${line(where)}`,
        reason: "octodns ignored: true, so octoDNS leaves it as DNS publishes it",
        kind: "left-as-published",
      });
    }
  }
  return { origin, records, source, ...(unchecked.length > 0 ? { unchecked } : {}) };
}

/** YAML's booleans as octoDNS reads them (PyYAML: YAML 1.1, so `yes` and `on` too). */
const YAML_TRUE = /^(?:true|True|TRUE|yes|Yes|YES|on|On|ON)$/;
const YAML_FALSE = /^(?:false|False|FALSE|no|No|NO|off|Off|OFF)$/;

/** `octodns: { ignored: true }`; any other value of `ignored` than a boolean is refused. */
function isIgnored(map: TreeNode, label: string, fail: Fail): boolean {
  const node = treeGet(treeGet(map, "octodns"), "ignored");
  if (node === undefined) return false;
  const text = scalarOf(node);
  if (text !== undefined && YAML_TRUE.test(text)) return true;
  if (text !== undefined && YAML_FALSE.test(text)) return false;
  return fail(node, `record "${label}": octodns.ignored must be true or false`);
}

/** The yaml package's reading, for text beyond the block subset; bounded against hostile YAML. */
function yamlTree(text: string, source: string): TreeNode {
  const tooDeep = flowDepthLine(text, MAX_FLOW_DEPTH);
  if (tooDeep !== undefined)
    throw new ZoneInputError(source, tooDeep, `YAML nested deeper than ${MAX_FLOW_DEPTH} levels`);
  const { LineCounter, parseDocument } = yamlLibrary();
  const lineCounter = new LineCounter();
  // yaml's own duplicate-key check compares each key with every earlier one (10,000 names: 20 s);
  // names are checked with a Set instead.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const firstError = doc.errors[0];
  if (firstError) {
    throw new ZoneInputError(
      source,
      lineCounter.linePos(firstError.pos[0]).line,
      `not valid YAML (${firstError.message.split("\n")[0]})`,
    );
  }
  // Expanding the document to test its aliases costs a tenth of the parse: only when it may have one.
  if (MAYBE_ALIAS.test(text)) refuseAliasBombs(doc, source);
  return documentTree(doc);
}

/** The zone's name: `--zone-origin`, else the file name without `.yaml` (octoDNS names files so). */
function octoDnsOrigin(options: { source: string; origin?: string }): string {
  if (options.origin) return normalizeName(options.origin);
  const file = basename(options.source).replace(/\.ya?ml$/i, "");
  const origin = normalizeName(file);
  if (!origin.includes(".") || nameProblem(origin)) {
    throw new ZoneInputError(
      options.source,
      undefined,
      "octoDNS zone files do not hold the zone's name: name the file <zone>.yaml (example.com.yaml) or give --zone-origin",
    );
  }
  return origin;
}

type Fail = (node: TreeNode | undefined, reason: string) => never;

function readRecord(map: TreeNode, name: string, label: string, fail: Fail): ZoneRecord[] {
  const type = scalarOf(treeGet(map, "type"))?.toUpperCase();
  if (!type) return fail(undefined, `record "${label}" has no type`);
  const ttlNode = treeGet(map, "ttl");
  const ttlText = ttlNode === undefined ? undefined : scalarOf(ttlNode);
  if (ttlNode !== undefined && !/^\d+$/.test(ttlText ?? "")) {
    fail(ttlNode, `${type} record "${label}": ttl must be a whole number`);
  }
  const ttl = ttlText === undefined ? DEFAULT_TTL : Number(ttlText);
  const valuesNode = treeGet(map, "values") ?? treeGet(map, "value");
  if (valuesNode === undefined || (valuesNode.kind === "scalar" && valuesNode.text === null)) {
    return fail(undefined, `${type} record "${label}" has no value or values`);
  }
  const values = valuesNode.kind === "seq" ? valuesNode.items : [valuesNode];
  return values.map((node) => {
    const failHere = (reason: string) => fail(node, reason);
    if (type === "MX") return readMx(node, name, ttl, label, failHere);
    const text = scalarOf(node);
    if (text === undefined) return failHere(`${type} record "${label}": value must be a string`);
    if (type === "TXT" || type === "SPF") return txtRecord(name, ttl, type, octoDnsTxt(text, failHere));
    if ((type === "CNAME" || type === "NS" || type === "PTR") && !text.endsWith(".")) {
      failHere(
        `${type} record "${label}": "${text}" needs a trailing dot (octoDNS takes only absolute names)`,
      );
    }
    return simpleRecord(name, ttl, type, text);
  });
}

function readMx(
  node: TreeNode,
  name: string,
  ttl: number,
  label: string,
  fail: (reason: string) => never,
): ZoneRecord {
  if (node.kind !== "map") return fail(`MX record "${label}": each value needs exchange and preference`);
  const exchange = scalarOf(treeGet(node, "exchange") ?? treeGet(node, "value"));
  const preferenceNode = treeGet(node, "preference") ?? treeGet(node, "priority");
  const preference = preferenceNode?.kind === "scalar" ? (preferenceNode.text ?? undefined) : undefined;
  if (!exchange) return fail(`MX record "${label}" has no exchange`);
  const problem = preferenceProblem(preference);
  if (problem) return fail(`MX record "${label}": ${problem}`);
  return mxRecord(name, ttl, toPreference(preference), exchange);
}

/** A scalar's text, or undefined for null and for anything that is not a scalar. */
function scalarOf(node: TreeNode | undefined): string | undefined {
  return node?.kind === "scalar" && node.text !== null ? node.text : undefined;
}

/**
 * An octoDNS TXT value → character-strings. A value written pre-chunked (`"abc" "def"`) is joined
 * first, as octoDNS does; escapes (`\;`, `\"`, `\DDD`) follow zone-file rules, since octoDNS hands
 * the value to providers as zone text; the result is split into 255-octet strings.
 */
function octoDnsTxt(value: string, fail: (reason: string) => never): string[] {
  let text = value;
  if (text.startsWith('"') && text.endsWith('"') && text.length >= 2)
    text = text.slice(1, -1).replaceAll('" "', "");
  const octets = utf8Octets(text);
  let decoded = "";
  for (let i = 0; i < octets.length; ) {
    const c = octets[i] as string;
    if (c !== "\\") {
      const next = octets.indexOf("\\", i);
      const end = next === -1 ? octets.length : next;
      decoded += octets.slice(i, end);
      i = end;
      continue;
    }
    const decodedEscape = decodeEscape(octets, i, 10);
    if (typeof decodedEscape === "object") fail(`TXT value: ${decodedEscape.reason}`);
    decoded += decodedEscape;
    i += /^\d{3}$/.test(octets.slice(i + 1, i + 4)) ? 4 : 2;
  }
  return splitCharacterStrings(decoded);
}

/** Aliases are legal YAML and octoDNS reads them; an alias that expands exponentially is refused. */
function refuseAliasBombs(doc: Document, source: string): void {
  try {
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (error instanceof ReferenceError || error instanceof RangeError) {
      throw new ZoneInputError(source, undefined, `YAML aliases expand too far (${error.message})`);
    }
    throw error;
  }
}

/**
 * The line where flow nesting (`[`, `{`) first exceeds `limit`. Quotes and comments are skipped
 * roughly; the bound is far above any real zone, so a rough count only has to be conservative.
 */
function flowDepthLine(text: string, limit: number): number | undefined {
  let depth = 0;
  let line = 1;
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") {
      line++;
      continue;
    }
    if (quote !== "") {
      if (c === quote) quote = "";
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === "#") {
      const end = text.indexOf("\n", i);
      i = end === -1 ? text.length : end - 1;
    } else if (c === "[" || c === "{") {
      if (++depth > limit) return line;
    } else if (c === "]" || c === "}") depth--;
  }
  return undefined;
}
