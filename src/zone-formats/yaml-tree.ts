/**
 * The little of a YAML document the octoDNS reader walks: mappings, sequences and scalars with their
 * offsets. Two sources make it: `blockYamlTree`, a fast reader for the plain block style that
 * octodns-dump writes and people copy (10,000 records in a fraction of yaml's time), and
 * `documentTree`, which converts a `yaml` Document for everything else (flow collections, anchors and
 * aliases, tags, block and multi-line scalars). The fast reader answers `undefined` for any text
 * outside its subset, so the two never disagree: yaml decides.
 */

import type { Document, Node } from "yaml";
import { yamlLibrary } from "../yaml-library.js";

export type TreeNode =
  | { kind: "map"; pairs: Array<{ key: TreeNode; value: TreeNode }>; offset: number }
  | { kind: "seq"; items: TreeNode[]; offset: number }
  /** `text` is the string as written (a plain `1.10` stays "1.10"); null for YAML's null. */
  | { kind: "scalar"; text: string | null; offset: number }
  /** Anything the reader never needs to look inside (past the depth octoDNS records use). */
  | { kind: "other"; offset: number };

/** The value of `key` in a mapping (the first, as yaml's `get` answers), or undefined. */
export function treeGet(node: TreeNode | undefined, key: string): TreeNode | undefined {
  if (node?.kind !== "map") return undefined;
  for (const pair of node.pairs) if (pair.key.kind === "scalar" && pair.key.text === key) return pair.value;
  return undefined;
}

/** octoDNS records nest five levels (name → list → record → values → MX fields): deeper is "other". */
const MAX_TREE_DEPTH = 8;

/** A yaml Document as a tree, aliases resolved (cycles end at the depth bound). */
export function documentTree(doc: Document, node: unknown = doc.contents, depth = 0): TreeNode {
  const { isAlias, isMap, isScalar, isSeq } = yamlLibrary();
  const resolved = isAlias(node) ? node.resolve(doc) : node;
  const offset = (resolved as Node | undefined)?.range?.[0] ?? 0;
  if (depth > MAX_TREE_DEPTH || resolved === undefined || resolved === null) {
    return resolved ? { kind: "other", offset } : { kind: "scalar", text: null, offset };
  }
  if (isScalar(resolved)) {
    const v = resolved.value;
    const text =
      v === null
        ? null
        : typeof v === "string"
          ? v
          : typeof v === "object"
            ? undefined
            : (resolved.source ?? String(v));
    return text === undefined ? { kind: "other", offset } : { kind: "scalar", text, offset };
  }
  if (isMap(resolved)) {
    return {
      kind: "map",
      offset,
      pairs: resolved.items.map((pair) => ({
        key: documentTree(doc, pair.key, depth + 1),
        value: documentTree(doc, pair.value, depth + 1),
      })),
    };
  }
  if (isSeq(resolved)) {
    return { kind: "seq", offset, items: resolved.items.map((item) => documentTree(doc, item, depth + 1)) };
  }
  return { kind: "other", offset };
}

interface Line {
  indent: number;
  /** The line from its first non-blank character, comment-only lines excluded. */
  text: string;
  /** Offset of `text` in the document. */
  offset: number;
}

class Unsupported extends Error {}

/**
 * Reads the block-style subset: `key: value`, `- item`, nested by spaces; plain, single- and
 * double-quoted scalars on one line; comments. Anything else (flow `[`/`{`, `&`/`*`/`!`, `|`/`>`,
 * continuation lines, several documents, tabs) → undefined.
 */
export function blockYamlTree(text: string): TreeNode | undefined {
  const lines = contentLines(text);
  if (lines === undefined) return undefined;
  if (lines.length === 0) return { kind: "scalar", text: null, offset: 0 };
  try {
    const reader = new BlockReader(lines);
    const first = lines[0] as Line;
    const tree = reader.block(0, first.indent);
    if (reader.next < lines.length) return undefined;
    return tree.node;
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

function contentLines(text: string): Line[] | undefined {
  const lines: Line[] = [];
  let start = 0;
  let first = true;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    let line = text.slice(start, end);
    if (line.endsWith("\r")) line = line.slice(0, -1);
    let indent = 0;
    while (line.charCodeAt(indent) === 0x20) indent++;
    const rest = line.slice(indent);
    // YAML's rules for tabs (never indentation, sometimes separation) are left to yaml.
    if (rest.includes("\t")) return undefined;
    if (rest.trim() !== "" && !rest.startsWith("#")) {
      if (first && indent === 0 && (rest === "---" || rest.startsWith("--- #"))) {
        first = false;
      } else {
        if (indent === 0 && (rest.startsWith("---") || rest.startsWith("...") || rest.startsWith("%")))
          return undefined;
        first = false;
        lines.push({ indent, text: rest.trimEnd(), offset: start + indent });
      }
    }
    start = end + 1;
  }
  return lines;
}

class BlockReader {
  next = 0;
  constructor(private readonly lines: Line[]) {}

  /** The node whose first line is `i`, at exactly `indent`. */
  block(i: number, indent: number): { node: TreeNode } {
    const line = this.lines[i] as Line;
    if (line.indent !== indent) throw new Unsupported();
    return { node: isSeqEntry(line.text) ? this.seq(i, indent) : this.map(i, indent) };
  }

  map(i: number, indent: number): TreeNode {
    const pairs: Array<{ key: TreeNode; value: TreeNode }> = [];
    const offset = (this.lines[i] as Line).offset;
    let at = i;
    while (at < this.lines.length) {
      const line = this.lines[at] as Line;
      if (line.indent < indent) break;
      if (line.indent > indent || isSeqEntry(line.text)) throw new Unsupported();
      const { key, rest, restOffset } = splitKey(line);
      const keyNode: TreeNode = { kind: "scalar", text: key, offset: line.offset };
      this.next = at + 1;
      const value = rest === "" ? this.nested(at + 1, indent, true) : this.inline(rest, restOffset, indent);
      pairs.push({ key: keyNode, value });
      at = this.next;
    }
    this.next = at;
    return { kind: "map", pairs, offset };
  }

  seq(i: number, indent: number): TreeNode {
    const items: TreeNode[] = [];
    const offset = (this.lines[i] as Line).offset;
    let at = i;
    while (at < this.lines.length) {
      const line = this.lines[at] as Line;
      if (line.indent < indent || (line.indent === indent && !isSeqEntry(line.text))) break;
      if (line.indent > indent) throw new Unsupported();
      const after = line.text.slice(1);
      const spaces = after.length - after.trimStart().length;
      const rest = after.trimStart();
      if (rest === "" || rest.startsWith("#")) {
        this.next = at + 1;
        items.push(this.nested(at + 1, indent, false));
      } else if (isSeqEntry(rest) || looksLikeKey(rest)) {
        // "- key: value" (or "- - x"): a compact collection whose indentation is its column.
        const column = indent + 1 + spaces;
        this.lines[at] = { indent: column, text: rest, offset: line.offset + 1 + spaces };
        items.push(this.block(at, column).node);
      } else {
        this.next = at + 1;
        items.push(this.inline(rest, line.offset + 1 + spaces, indent));
      }
      at = this.next;
    }
    this.next = at;
    return { kind: "seq", items, offset };
  }

  /** The value on the lines after a `key:` or `-` that ends its line. */
  nested(i: number, indent: number, sameIndentSeq: boolean): TreeNode {
    const line = this.lines[i];
    if (line && line.indent > indent) return this.block(i, line.indent).node;
    // YAML lets a mapping's sequence value sit at the key's own indentation.
    if (sameIndentSeq && line && line.indent === indent && isSeqEntry(line.text)) return this.seq(i, indent);
    this.next = i;
    return { kind: "scalar", text: null, offset: this.lines[i - 1]?.offset ?? 0 };
  }

  /** A scalar written on the same line; a more indented next line would continue it: unsupported. */
  inline(text: string, offset: number, indent: number): TreeNode {
    const next = this.lines[this.next];
    if (next && next.indent > indent) throw new Unsupported();
    return { kind: "scalar", text: scalar(text), offset };
  }
}

function isSeqEntry(text: string): boolean {
  return text === "-" || text.startsWith("- ");
}

function looksLikeKey(text: string): boolean {
  if (text.startsWith('"') || text.startsWith("'")) {
    const end = quotedEnd(text);
    return end !== -1 && /^\s*:(\s|$)/.test(text.slice(end + 1));
  }
  return /^[^\s#][^#]*?:(\s|$)/.test(text) && plainStartOk(text);
}

/** A `key: rest` line: the key's text, and the rest of the line after the colon. */
function splitKey(line: Line): { key: string; rest: string; restOffset: number } {
  const text = line.text;
  let key: string;
  let after: number;
  if (text.startsWith('"') || text.startsWith("'")) {
    const end = quotedEnd(text);
    if (end === -1) throw new Unsupported();
    key = decodeQuoted(text.slice(0, end + 1));
    after = end + 1;
    while (text[after] === " ") after++;
    if (text[after] !== ":") throw new Unsupported();
  } else {
    if (!plainStartOk(text)) throw new Unsupported();
    const match = /:(\s|$)/.exec(text);
    if (!match) throw new Unsupported();
    after = match.index;
    key = text.slice(0, after).trimEnd();
    if (key.includes(" #") || key === "") throw new Unsupported();
  }
  const restRaw = text.slice(after + 1);
  const rest = restRaw.trimStart();
  const restOffset = line.offset + after + 1 + (restRaw.length - rest.length);
  return { key, rest: rest.startsWith("#") ? "" : rest, restOffset };
}

/** One scalar that fills the rest of its line (a trailing comment allowed). */
function scalar(text: string): string | null {
  if (text.startsWith('"') || text.startsWith("'")) {
    const end = quotedEnd(text);
    if (end === -1) throw new Unsupported();
    // Only blanks may follow, then a comment that a blank separates (`'x'#` is an error to yaml).
    if (!/^(\s+(#.*)?)?$/.test(text.slice(end + 1))) throw new Unsupported();
    return decodeQuoted(text.slice(0, end + 1));
  }
  if (!plainStartOk(text)) throw new Unsupported();
  const comment = text.search(/\s#/);
  const value = (comment === -1 ? text : text.slice(0, comment)).trimEnd();
  // "a: b: c" is an error, "a: [x]" flow: leave both to yaml.
  if (/:(\s|$)/.test(value)) throw new Unsupported();
  return value === "" || value === "~" || value === "null" || value === "Null" || value === "NULL"
    ? null
    : value;
}

/** Plain scalars may not start with an indicator (YAML 1.2 §7.3.3). */
function plainStartOk(text: string): boolean {
  const c = text[0] ?? "";
  if ("[]{},#&*!|>'\"%@`".includes(c)) return false;
  if ((c === "-" || c === "?" || c === ":") && (text.length === 1 || text[1] === " ")) return false;
  return true;
}

/** Index of the quote closing the quoted scalar that opens `text`, or -1 (not on this line). */
function quotedEnd(text: string): number {
  const quote = text[0];
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (quote === '"' && c === "\\") {
      i++;
      continue;
    }
    if (c === quote) {
      if (quote === "'" && text[i + 1] === "'") {
        i++;
        continue;
      }
      return i;
    }
  }
  return -1;
}

const DOUBLE_QUOTED_ESCAPES: Record<string, string> = {
  "0": "\0",
  a: "\x07",
  b: "\b",
  t: "\t",
  "\t": "\t",
  n: "\n",
  v: "\v",
  f: "\f",
  r: "\r",
  e: "\x1b",
  " ": " ",
  '"': '"',
  "/": "/",
  "\\": "\\",
  N: "\u0085",
  _: "\u00a0",
  L: "\u2028",
  P: "\u2029",
};

function decodeQuoted(quoted: string): string {
  const body = quoted.slice(1, -1);
  if (quoted[0] === "'") return body.replaceAll("''", "'");
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c !== "\\") {
      out += c;
      continue;
    }
    const e = body[++i] ?? "";
    const simple = DOUBLE_QUOTED_ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
      continue;
    }
    const width = e === "x" ? 2 : e === "u" ? 4 : e === "U" ? 8 : 0;
    const hex = body.slice(i + 1, i + 1 + width);
    if (width === 0 || !new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex)) throw new Unsupported();
    const code = Number.parseInt(hex, 16);
    if (code > 0x10ffff) throw new Unsupported();
    out += String.fromCodePoint(code);
    i += width;
  }
  return out;
}
