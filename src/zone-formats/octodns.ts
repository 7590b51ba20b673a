/**
 * octoDNS zone YAML (`YamlProvider`, octoDNS docs/records.md): each top-level key is a record name
 * relative to the zone ('' is the apex), holding one record or a list of them; each record has a
 * `type`, an optional `ttl`, and `value` or `values`. TXT values escape semicolons (`\;`); MX values
 * are `{ exchange, preference }` (legacy `value`, `priority`). The zone's name is not in the file:
 * it comes from `--zone-origin` or the file name (`example.com.yaml`).
 */
import { basename } from "node:path";
import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  type YAMLMap,
} from "yaml";
import { normalizeName } from "../dns/types.js";
import type { Zone, ZoneRecord } from "../dns/zone-records.js";
import { decodeEscape } from "./character-strings.js";
import { ZoneInputError } from "./input-error.js";
import { nameInZone, nameProblem } from "./names.js";
import { splitCharacterStrings, utf8Octets } from "./octets.js";
import { mxRecord, preferenceProblem, simpleRecord, toPreference, txtRecord } from "./record-values.js";

/** octoDNS's YamlProvider default. */
const DEFAULT_TTL = 3600;
/** yaml's own default: an alias may stand for at most this many nodes before it is refused. */
const MAX_ALIAS_COUNT = 100;
/** An alias (`*name`) where YAML allows one; a false match only costs the alias check. */
const MAYBE_ALIAS = /(?:^|[\s[{,:-])\*[^\s,\]}'"]/m;
/** Deeper flow nesting than any zone needs; yaml recurses per level and slows down sharply past it. */
export const MAX_FLOW_DEPTH = 64;

type Line = (node: Node | undefined) => number | undefined;

export function readOctoDns(text: string, options: { source: string; origin?: string }): Zone {
  const { source } = options;
  const origin = octoDnsOrigin(options);
  const tooDeep = flowDepthLine(text, MAX_FLOW_DEPTH);
  if (tooDeep !== undefined)
    throw new ZoneInputError(source, tooDeep, `YAML nested deeper than ${MAX_FLOW_DEPTH} levels`);
  const lineCounter = new LineCounter();
  // yaml's own duplicate-key check compares each key with every earlier one (10,000 names: 20 s);
  // names are checked below with a Set instead.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const line: Line = (node) => (node?.range ? lineCounter.linePos(node.range[0]).line : undefined);
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
  const root = doc.contents;
  if (!isMap(root)) throw new ZoneInputError(source, 1, "an octoDNS zone is a mapping of record names");

  const records: ZoneRecord[] = [];
  const seen = new Set<string>();
  for (const pair of root.items) {
    const keyNode = pair.key as Node | null;
    const label = scalarText(keyNode);
    if (label === undefined)
      throw new ZoneInputError(source, line(keyNode ?? undefined), "record name must be a string");
    if (seen.has(label)) {
      const reason = `record name "${label}" appears twice: list its records under one key`;
      throw new ZoneInputError(source, line(keyNode ?? undefined), reason);
    }
    seen.add(label);
    const name = nameInZone(label, origin);
    const problem = nameProblem(label === "" ? origin : label);
    if (problem) throw new ZoneInputError(source, line(keyNode ?? undefined), problem);
    const value = resolve(doc, pair.value as Node | null);
    const entries = isSeq(value) ? value.items.map((item) => resolve(doc, item as Node)) : [value];
    for (const entry of entries) {
      if (!isMap(entry)) {
        throw new ZoneInputError(
          source,
          line(entry ?? keyNode ?? undefined),
          `record "${label}" needs a mapping with a type`,
        );
      }
      // A record written directly under its name is placed at the name; list entries at themselves.
      const where = isSeq(value) ? entry : (keyNode ?? undefined);
      records.push(...readRecord(doc, entry, name, label, source, line, where));
    }
  }
  return { origin, records, source };
}

/** The zone's name: `--zone-origin`, else the file name without `.yaml` (octoDNS names files so). */
export function octoDnsOrigin(options: { source: string; origin?: string }): string {
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

function readRecord(
  doc: Document,
  map: YAMLMap,
  name: string,
  label: string,
  source: string,
  line: Line,
  where: Node | undefined,
): ZoneRecord[] {
  // Lines are found only for an error: looking them up for every record would cost a tenth of the read.
  const fail = (node: Node | undefined, reason: string): never => {
    throw new ZoneInputError(source, line(node) ?? line(where), reason);
  };
  const type = scalarText(resolve(doc, map.get("type", true) as Node | undefined))?.toUpperCase();
  if (!type) return fail(where, `record "${label}" has no type`);
  const ttlNode = resolve(doc, map.get("ttl", true) as Node | undefined);
  const ttlText = ttlNode === undefined ? undefined : scalarText(ttlNode);
  if (ttlNode !== undefined && !/^\d+$/.test(ttlText ?? "")) {
    fail(ttlNode, `${type} record "${label}": ttl must be a whole number`);
  }
  const ttl = ttlText === undefined ? DEFAULT_TTL : Number(ttlText);
  const valuesNode = resolve(doc, (map.get("values", true) ?? map.get("value", true)) as Node | undefined);
  if (valuesNode === undefined || (isScalar(valuesNode) && valuesNode.value === null)) {
    fail(where, `${type} record "${label}" has no value or values`);
  }
  const values = isSeq(valuesNode) ? valuesNode.items.map((v) => resolve(doc, v as Node)) : [valuesNode];
  return values.map((node) => {
    const failHere = (reason: string) => fail(node, reason);
    if (type === "MX") return readMx(doc, node, name, ttl, label, failHere);
    const text = scalarText(node);
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
  doc: Document,
  node: Node | undefined,
  name: string,
  ttl: number,
  label: string,
  fail: (reason: string) => never,
): ZoneRecord {
  if (!isMap(node)) return fail(`MX record "${label}": each value needs exchange and preference`);
  const field = (key: string) => resolve(doc, node.get(key, true) as Node | undefined);
  const exchange = scalarText(field("exchange") ?? field("value"));
  const preferenceNode = field("preference") ?? field("priority");
  const preference = isScalar(preferenceNode) ? preferenceNode.value : undefined;
  if (!exchange) return fail(`MX record "${label}" has no exchange`);
  const problem = preferenceProblem(preference);
  if (problem) return fail(`MX record "${label}": ${problem}`);
  return mxRecord(name, ttl, toPreference(preference), exchange);
}

/**
 * An octoDNS TXT value → character-strings. A value written pre-chunked (`"abc" "def"`) is joined
 * first, as octoDNS does; escapes (`\;`, `\"`, `\DDD`) follow zone-file rules, since octoDNS hands
 * the value to providers as zone text; the result is split into 255-octet strings.
 */
export function octoDnsTxt(value: string, fail: (reason: string) => never): string[] {
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

/** A scalar's text as written (so `1.10` stays "1.10"), or undefined for anything else. */
function scalarText(node: Node | null | undefined): string | undefined {
  if (!isScalar(node) || node.value === null || typeof node.value === "object") return undefined;
  if (typeof node.value === "string") return node.value;
  return node.source ?? String(node.value);
}

function resolve(doc: Document, node: Node | null | undefined): Node | undefined {
  if (node === null || node === undefined) return undefined;
  return isAlias(node) ? (node.resolve(doc) as Node | undefined) : node;
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
