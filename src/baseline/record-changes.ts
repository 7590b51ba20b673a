/**
 * A baseline compared record by record. What a person reviews is "the DMARC record changed: p reject
 * → quarantine", not the seven JSON paths derived from one edit (`dmarc.record`, `.policy`,
 * `.effectivePolicy`, `.tags.p`, …). Each published record in a snapshot is one unit: every SPF
 * record of the include tree (by name), the DMARC record, each DKIM key (by selector), each declared
 * sender's alignment, and any other section as a whole. A unit that differs gives one change, which
 * says what differs inside it. Pure; works on the canonical JSON a lock file stores (any version of
 * it: fields a baseline never recorded are not drift).
 */
import { type Change, diffJson } from "./diff.js";
import { ALWAYS_PRESENT_SECTIONS, surroundingUnits } from "./surrounding-units.js";

export interface RecordChange {
  kind: "added" | "removed" | "changed" | "dependency";
  /** What the record is, for a person: "SPF record at example.com", "DKIM key at s1._domainkey.example.com". */
  name: string;
  /** The record's text before and after (or a summary when the unit holds no record text). */
  before?: string;
  after?: string;
  /** What changed inside it, shortly: "p: reject → quarantine; sp: reject → none". */
  detail?: string;
}

/** One published record (or section) of a snapshot and the facts that describe it. */
export interface Unit {
  key: string;
  name: string;
  /** The record's text; null for a record-holding unit without one (a missing include target). */
  record: string | null;
  /** Whether the unit is a DNS record (shown by its text) or a section of facts (shown as JSON). */
  isRecord: boolean;
  facts: unknown;
  /** For SPF records below the root: the unit whose include or redirect leads here. */
  parent?: string;
  /** The record as a set of parts (MX hosts, policy lines): a change names the parts added and removed. */
  items?: string[];
  /** What it is could not be known this run (a fetch skipped or without verdict): never compared. */
  unknown?: boolean;
}

/** Values in details are shortened: a whole key or subtree would drown the line. */
const MAX_VALUE = 60;
const MAX_DETAIL_ITEMS = 6;

export function recordChanges(before: unknown, after: unknown, domain: string): RecordChange[] {
  const was = unitsOf(before, domain);
  const now = unitsOf(after, domain);
  // A baseline written before mailaudit described a section says nothing about it: not a change.
  const recorded = new Set(isObject(before) ? Object.keys(before) : []);
  for (const section of ALWAYS_PRESENT_SECTIONS) {
    if (recorded.has(section)) continue;
    for (const unit of surroundingUnits(section, isObject(after) ? after[section] : undefined, domain))
      now.delete(unit.key);
  }
  const changedRecords = new Set(
    [...now.values()].filter((u) => was.has(u.key) && was.get(u.key)?.record !== u.record).map((u) => u.key),
  );
  // A record that entered or left the include tree because its parent's record changed is part of
  // that change (the parent's detail names the include), not a change of its own.
  const explained = (unit: Unit) => unit.parent !== undefined && changedRecords.has(unit.parent);
  const changes: RecordChange[] = [];
  for (const key of [...new Set([...was.keys(), ...now.keys()])]) {
    const old = was.get(key);
    const current = now.get(key);
    if (old?.unknown || current?.unknown) continue;
    if (!old && current) {
      if (!explained(current)) changes.push({ kind: "added", name: current.name, after: describe(current) });
    } else if (old && !current) {
      if (!explained(old)) changes.push({ kind: "removed", name: old.name, before: describe(old) });
    } else if (old && current) {
      const change = compareUnit(old, current);
      if (change) changes.push(change);
    }
  }
  return changes;
}

function compareUnit(old: Unit, current: Unit): RecordChange | undefined {
  if (old.record !== current.record) {
    return {
      kind: "changed",
      name: current.name,
      before: describe(old),
      after: describe(current),
      detail: recordDetail(old, current),
    };
  }
  // Same record text: only facts it depends on (an include's target, an A record behind `a:`, a report
  // destination's authorization) may differ. A field the baseline does not hold at all is a newer
  // mailaudit describing more, not a change in DNS.
  const differences = diffJson(old.facts, current.facts).filter((c) => !isNewField(c));
  if (differences.length === 0) return undefined;
  return { kind: "dependency", name: current.name, detail: summarize(differences) };
}

/** A key the old object lacks entirely (array elements end in "]" and are real additions). */
function isNewField(change: Change): boolean {
  return change.kind === "added" && !change.path.endsWith("]");
}

function describe(unit: Unit): string {
  if (!unit.isRecord) return shorten(unit.facts);
  return unit.record ?? "(no record)";
}

/** What changed inside a record: its tags (DMARC, DKIM), its parts (MX, a policy) or its terms (SPF). */
function recordDetail(old: Unit, current: Unit): string {
  if (old.items && current.items) return partsDetail(old.items, current.items);
  const oldTags = field(old.facts, "tags");
  const newTags = field(current.facts, "tags");
  if (isObject(oldTags) && isObject(newTags)) {
    const items: string[] = [];
    for (const tag of [...new Set([...Object.keys(oldTags), ...Object.keys(newTags)])].sort()) {
      const [a, b] = [tagValue(oldTags[tag]), tagValue(newTags[tag])];
      if (a !== b) items.push(`${tag}: ${a ?? "(none)"} → ${b ?? "(none)"}`);
    }
    const [oldBits, newBits] = [field(old.facts, "keyBits"), field(current.facts, "keyBits")];
    if (oldBits !== newBits) items.push(`key bits: ${oldBits ?? "(none)"} → ${newBits ?? "(none)"}`);
    return items.length > 0 ? limit(items) : "spacing or order only";
  }
  return partsDetail(terms(old.record), terms(current.record));
}

function partsDetail(oldParts: readonly string[], newParts: readonly string[]): string {
  const removed = oldParts.filter((t) => !newParts.includes(t)).map((t) => `removed ${t}`);
  const added = newParts.filter((t) => !oldParts.includes(t)).map((t) => `added ${t}`);
  const items = [...removed, ...added];
  return items.length > 0 ? limit(items) : "spacing or order only";
}

function tagValue(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map((v) => String(field(v, "uri") ?? shorten(v))).join(",");
  if (typeof value === "object") return shorten(value);
  const text = String(value);
  // A public key is long and says nothing by itself: that it changed is what matters.
  return text.length > MAX_VALUE ? `${text.slice(0, 12)}…(${text.length} characters)` : text;
}

function terms(record: string | null): string[] {
  return (record ?? "").split(/\s+/).filter((t) => t !== "");
}

function summarize(changes: Change[]): string {
  return limit(
    changes.map((c) =>
      c.kind === "removed"
        ? `${c.path}: ${shorten(c.before)} → (none)`
        : `${c.path}: ${shorten(c.before)} → ${shorten(c.after)}`,
    ),
  );
}

function limit(items: string[]): string {
  const shown = items.slice(0, MAX_DETAIL_ITEMS).join("; ");
  return items.length > MAX_DETAIL_ITEMS ? `${shown}; and ${items.length - MAX_DETAIL_ITEMS} more` : shown;
}

function shorten(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** The units of a snapshot's canonical JSON, by key. */
function unitsOf(view: unknown, domain: string): Map<string, Unit> {
  const units = new Map<string, Unit>();
  const add = (unit: Unit) => {
    if (!units.has(unit.key)) units.set(unit.key, unit);
  };
  if (!isObject(view)) return units;
  for (const [section, value] of Object.entries(view)) {
    switch (section) {
      case "spf":
        spfUnits(field(value, "tree"), undefined, add);
        break;
      case "dmarc":
        if (isObject(value) && (value.record !== null || hasItems(value.multipleRecords))) {
          const source = typeof value.source === "string" ? value.source : domain;
          add({
            key: "dmarc",
            name: `DMARC record at _dmarc.${source}`,
            record: text(value.record),
            isRecord: true,
            facts: value,
          });
        }
        break;
      case "dkim":
        for (const key of Array.isArray(value) ? value : []) {
          if (!isObject(key) || key.record === null || key.record === undefined) continue;
          add({
            key: `dkim ${key.selector}`,
            name: `DKIM key at ${key.name}`,
            record: text(key.record),
            isRecord: true,
            facts: key,
          });
        }
        break;
      case "alignment":
        for (const sender of Array.isArray(value) ? value : [])
          add({
            key: `sender ${field(sender, "name")}`,
            name: `declared sender ${field(sender, "name")}`,
            record: null,
            isRecord: false,
            facts: sender,
          });
        break;
      case "mx":
      case "mtaSts":
      case "tlsRpt":
      case "bimi":
        for (const unit of surroundingUnits(section, value, domain)) add(unit);
        break;
      default:
        // Sections a later mailaudit adds are compared as a whole until they get units.
        add({ key: section, name: section, record: null, isRecord: false, facts: value });
    }
  }
  return units;
}

/** Every SPF record of the tree, once per name (the first place it appears), with its parent. */
function spfUnits(node: unknown, parent: string | undefined, add: (unit: Unit) => void): void {
  if (!isObject(node) || typeof node.domain !== "string") return;
  const key = `spf ${node.domain}`;
  const records = Array.isArray(node.records) ? node.records.map(String) : [];
  const { children, subtreeLookups: _a, subtreeVoidLookups: _b, ...own } = node;
  add({
    key,
    name: `SPF record at ${node.domain}`,
    record: text(node.record) ?? (records.length > 0 ? records.join(" | ") : null),
    isRecord: true,
    facts: own,
    ...(parent === undefined ? {} : { parent }),
  });
  for (const child of Array.isArray(children) ? children : []) spfUnits(child, key, add);
}

function field(value: unknown, key: string): unknown {
  return isObject(value) ? value[key] : undefined;
}

function text(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

function hasItems(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
