/**
 * Reader for RFC 1035 §5 master files ("zone files"): $ORIGIN, $TTL, parentheses, comments,
 * quoted character-strings with \X and \DDD escapes, relative names and @, omitted owner, TTL and
 * class in either order. Used by `--zone` (check records before publishing) and by the test fixtures.
 */
import { normalizeName } from "./types.js";
import type { SoaData, Zone, ZoneRecord } from "./zone-records.js";

export class ZoneFileError extends Error {
  constructor(
    readonly source: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${source}:${line}: ${reason}`);
    this.name = "ZoneFileError";
  }
}

interface Token {
  text: string;
  quoted: boolean;
  line: number;
}

/** One logical entry: its tokens, and whether it started with white space (owner omitted). */
interface Entry {
  tokens: Token[];
  blankOwner: boolean;
  line: number;
}

const CLASSES = new Set(["IN", "CH", "HS", "CS"]);
const MAX_TXT_STRING = 255;

export function parseZoneFile(text: string, options: { origin?: string; source?: string } = {}): Zone {
  const source = options.source ?? "<zone>";
  let origin = options.origin ? normalizeName(options.origin) : "";
  let defaultTtl = 3600;
  let lastOwner: string | undefined;
  let lastTtl: number | undefined;
  const records: ZoneRecord[] = [];

  for (const entry of splitEntries(text, source)) {
    const tokens = [...entry.tokens];
    const first = tokens[0];
    if (!first) continue;
    if (!first.quoted && first.text.startsWith("$")) {
      const directive = first.text.toUpperCase();
      const arg = tokens[1]?.text;
      if (directive === "$ORIGIN") {
        if (!arg) throw new ZoneFileError(source, entry.line, "$ORIGIN needs a domain name");
        origin = absoluteName(arg, origin, source, entry.line);
      } else if (directive === "$TTL") {
        defaultTtl = parseTtl(arg, source, entry.line);
      } else {
        throw new ZoneFileError(source, entry.line, `unsupported directive ${first.text}`);
      }
      continue;
    }
    let owner: string;
    if (entry.blankOwner) {
      if (lastOwner === undefined)
        throw new ZoneFileError(source, entry.line, "record without an owner name");
      owner = lastOwner;
    } else {
      owner = absoluteName(tokens.shift()?.text ?? "", origin, source, entry.line);
    }
    lastOwner = owner;
    let ttl: number | undefined;
    // TTL and class may come in either order before the type (RFC 1035 §5.1).
    for (let i = 0; i < 2; i++) {
      const t = tokens[0];
      if (!t || t.quoted) break;
      if (/^\d/.test(t.text)) {
        ttl = parseTtl(t.text, source, entry.line);
        tokens.shift();
      } else if (CLASSES.has(t.text.toUpperCase())) {
        if (t.text.toUpperCase() !== "IN")
          throw new ZoneFileError(source, entry.line, `unsupported class ${t.text}`);
        tokens.shift();
      }
    }
    const typeToken = tokens.shift();
    if (!typeToken) throw new ZoneFileError(source, entry.line, `no record type for ${owner}`);
    const type = typeToken.text.toUpperCase();
    const effectiveTtl = ttl ?? lastTtl ?? defaultTtl;
    if (ttl !== undefined) lastTtl = ttl;
    records.push(parseRdata(owner, effectiveTtl, type, tokens, origin, source, entry.line));
  }
  if (!origin) {
    const soa = records.find((r) => r.type === "SOA");
    origin = soa?.name ?? shortestName(records);
  }
  return { origin, records, source };
}

function parseRdata(
  name: string,
  ttl: number,
  type: string,
  tokens: Token[],
  origin: string,
  source: string,
  line: number,
): ZoneRecord {
  const need = (n: number) => {
    if (tokens.length < n)
      throw new ZoneFileError(source, line, `${type} record for ${name} needs ${n} field(s)`);
  };
  const text = (i: number) => tokens[i]?.text ?? "";
  switch (type) {
    case "TXT":
    case "SPF": {
      need(1);
      const strings = tokens.map((t) => t.text);
      const long = strings.find((s) => Buffer.byteLength(s, "latin1") > MAX_TXT_STRING);
      if (long !== undefined) {
        throw new ZoneFileError(
          source,
          line,
          `TXT character-string over 255 octets for ${name}; split it into quoted strings`,
        );
      }
      return { name, ttl, type, data: strings };
    }
    case "A":
    case "AAAA":
      need(1);
      return { name, ttl, type, data: text(0) };
    case "CNAME":
    case "NS":
    case "PTR":
      need(1);
      return { name, ttl, type, data: absoluteName(text(0), origin, source, line) };
    case "MX": {
      need(2);
      const priority = Number(text(0));
      if (!Number.isInteger(priority) || priority < 0 || priority > 65535) {
        throw new ZoneFileError(source, line, `MX preference "${text(0)}" is not a number from 0 to 65535`);
      }
      return { name, ttl, type, data: { priority, exchange: absoluteName(text(1), origin, source, line) } };
    }
    case "SOA": {
      need(7);
      const numbers = [2, 3, 4, 5, 6].map((i) => parseTtl(text(i), source, line));
      const data: SoaData = {
        primary: absoluteName(text(0), origin, source, line),
        admin: absoluteName(text(1), origin, source, line),
        serial: numbers[0] ?? 0,
        refresh: numbers[1] ?? 0,
        retry: numbers[2] ?? 0,
        expiration: numbers[3] ?? 0,
        minimum: numbers[4] ?? 0,
      };
      return { name, ttl, type, data };
    }
    default:
      if (!/^[A-Z][A-Z0-9-]*$/.test(type))
        throw new ZoneFileError(source, line, `unknown record type "${type}"`);
      return { name, ttl, type, data: tokens.map((t) => t.text).join(" ") };
  }
}

function absoluteName(raw: string, origin: string, source: string, line: number): string {
  if (raw === "@") {
    if (!origin) throw new ZoneFileError(source, line, "@ used before $ORIGIN is known");
    return origin;
  }
  if (raw === "") throw new ZoneFileError(source, line, "empty domain name");
  if (raw.endsWith(".")) return normalizeName(raw);
  if (!origin) throw new ZoneFileError(source, line, `relative name "${raw}" with no $ORIGIN`);
  return normalizeName(`${raw}.${origin}`);
}

const TTL_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

function parseTtl(raw: string | undefined, source: string, line: number): number {
  if (raw === undefined) throw new ZoneFileError(source, line, "missing TTL");
  if (/^\d+$/.test(raw)) return Number(raw);
  // BIND-style units: 1h30m.
  const parts = raw.toLowerCase().match(/\d+[smhdw]/g);
  if (!parts || parts.join("") !== raw.toLowerCase())
    throw new ZoneFileError(source, line, `invalid TTL "${raw}"`);
  return parts.reduce((sum, p) => sum + Number(p.slice(0, -1)) * (TTL_UNITS[p.slice(-1)] ?? 0), 0);
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;

/** RFC 1035 §5.1: blanks (space, tab), line ends, comments, parentheses and quotes end a token. */
const TOKEN_END = new Set([" ", "\t", "\r", "\n", ";", "(", ")", '"'].map((c) => c.charCodeAt(0)));

function endsToken(code: number): boolean {
  return TOKEN_END.has(code);
}

/** Splits the text into entries, joining lines inside parentheses, dropping comments. */
function* splitEntries(text: string, source: string): Generator<Entry> {
  let tokens: Token[] = [];
  let depth = 0;
  let entryLine = 1;
  let blankOwner = false;
  let line = 1;
  let i = 0;
  let atLineStart = true;
  const flush = function* (): Generator<Entry> {
    if (tokens.length > 0) yield { tokens, blankOwner, line: entryLine };
    tokens = [];
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (atLineStart && depth === 0) {
      yield* flush();
      blankOwner = c === " " || c === "\t";
      entryLine = line;
      atLineStart = false;
    }
    if (c === "\n") {
      line++;
      i++;
      atLineStart = true;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r") {
      i++;
      continue;
    }
    if (c === ";") {
      while (i < text.length && text[i] !== "\n") i++;
      continue;
    }
    if (c === "(") {
      depth++;
      i++;
      continue;
    }
    if (c === ")") {
      if (depth === 0) throw new ZoneFileError(source, line, "unbalanced )");
      depth--;
      i++;
      continue;
    }
    if (c === '"') {
      const start = line;
      let value = "";
      i++;
      // Runs of plain characters are sliced, not appended one by one (large zones, little garbage).
      for (;;) {
        let j = i;
        while (j < text.length) {
          const code = text.charCodeAt(j);
          if (code === QUOTE || code === BACKSLASH) break;
          if (code === NEWLINE) line++;
          j++;
        }
        value += text.slice(i, j);
        i = j;
        if (i >= text.length) throw new ZoneFileError(source, start, "unterminated quoted string");
        if (text.charCodeAt(i) === QUOTE) break;
        const [decoded, length] = decodeEscape(text, i, source, line);
        value += decoded;
        i += length;
      }
      i++;
      tokens.push({ text: value, quoted: true, line: start });
      continue;
    }
    let value = "";
    // The delimiters here must be exactly the characters skipped or handled above: a character that
    // ends a token without being consumed (a vertical tab, form feed or NBSP matched \s) would push
    // empty tokens forever.
    while (i < text.length && !endsToken(text.charCodeAt(i))) {
      let j = i;
      while (j < text.length) {
        const code = text.charCodeAt(j);
        if (code === BACKSLASH || endsToken(code)) break;
        j++;
      }
      value += text.slice(i, j);
      i = j;
      if (i < text.length && text.charCodeAt(i) === BACKSLASH) {
        const [decoded, length] = decodeEscape(text, i, source, line);
        value += decoded;
        i += length;
      }
    }
    tokens.push({ text: value, quoted: false, line });
  }
  if (depth !== 0) throw new ZoneFileError(source, line, "unbalanced (");
  yield* flush();
}

/** \DDD is a decimal octet, \X is X literally (RFC 1035 §5.1). Octets map to Latin-1 code points. */
function decodeEscape(text: string, at: number, source: string, line: number): [string, number] {
  const digits = text.slice(at + 1, at + 4);
  if (/^\d{3}$/.test(digits)) {
    const octet = Number(digits);
    if (octet > 255) throw new ZoneFileError(source, line, `escape \\${digits} is over 255`);
    return [String.fromCharCode(octet), 4];
  }
  const next = text[at + 1];
  if (next === undefined) throw new ZoneFileError(source, line, "dangling backslash");
  return [next, 2];
}

function shortestName(records: ZoneRecord[]): string {
  return records.map((r) => r.name).sort((a, b) => a.length - b.length)[0] ?? "";
}
