import { SaxesParser, type SaxesTagPlain } from "saxes";
import { dropSpaceBeforeDeclaration } from "./leading-space.js";
import { normalizeAuthResult, normalizeEnum, parseCount, parseTimestamp } from "./normalize-values.js";
import { RefusedInput } from "./refusal.js";
import { escapeStrayAngleBrackets } from "./stray-angle-brackets.js";
import type { AggregateReport, ReportHeader, ReportRecord, ReportSchema } from "./types.js";
import { decodeXml } from "./xml-decoding.js";

/**
 * Streaming parser for DMARC aggregate reports (RFC 7489 appendix C, RFC 9990). saxes reads the text
 * as it arrives, so memory stays flat whatever the report size: each record is handed to `onRecord`
 * and forgotten. saxes never expands DTD entities and never fetches anything; we refuse any DOCTYPE
 * outright, since a report has no use for one (billion laughs, XXE).
 *
 * Leniency (docs/reports.md): unknown elements and namespace prefixes are ignored, enumerations are
 * normalized, stray `<` in text is escaped, bytes invalid in the declared encoding become U+FFFD,
 * and markup left unclosed *after* `</feedback>` is ignored. Everything else that is not well-formed,
 * or a report without its identity (report_id, policy domain, date range), is refused.
 */

const DMARC_2_NAMESPACE = "urn:ietf:params:xml:ns:dmarc-2.0";

export interface ParseHandlers {
  /** Called once, before the first record. Return "stop" to skip the rest (e.g. already stored). */
  onHeader?(header: ReportHeader): "stop" | undefined;
  onRecord?(record: ReportRecord): void;
  /**
   * Awaited after each chunk of text is parsed: a store writes the records it has buffered, and the
   * parser waits for it (bounded memory). Return "stop" to skip the rest, as from onHeader.
   */
  afterChunk?(): Promise<"stop" | undefined>;
  /** Receives the decoded XML text, for `--keep-raw`. */
  onText?(text: string): void;
}

export interface ParseOutcome {
  header: ReportHeader;
  recordCount: number;
  messageCount: number;
  warnings: string[];
  /** True when onHeader asked to stop: records were not read. */
  stopped: boolean;
}

class StopParsing extends Error {}

export async function parseAggregateStream(
  bytes: AsyncIterable<Uint8Array>,
  handlers: ParseHandlers = {},
): Promise<ParseOutcome> {
  const { encoding, text } = await decodeXml(bytes);
  const builder = new ReportBuilder(handlers);
  const parser = new SaxesParser({ xmlns: false, position: true });
  parser.on("doctype", () => {
    throw new RefusedInput(
      "has a DOCTYPE declaration: refused (entities are never expanded, external ones never fetched)",
    );
  });
  parser.on("opentag", (tag) => builder.open(tag));
  parser.on("closetag", (tag) => builder.close(tag));
  parser.on("text", (t) => builder.text(t));
  parser.on("cdata", (t) => builder.text(t));
  parser.on("error", (error) => {
    // After </feedback>, leftovers (an unclosed wrapper element) cannot change the report.
    if (builder.feedbackClosed) {
      builder.warnings.add("ignored malformed markup after </feedback>");
      return;
    }
    throw new RefusedInput(`malformed XML: ${error.message.replace(/^undefined:/, "line ")}`);
  });
  const repair = { repairs: 0 };
  const leadingSpace = { count: 0 };
  let replacementChars = false;
  try {
    for await (const chunk of escapeStrayAngleBrackets(
      dropSpaceBeforeDeclaration(text, leadingSpace),
      repair,
    )) {
      if (!replacementChars && chunk.includes("\ufffd")) replacementChars = true;
      handlers.onText?.(chunk);
      parser.write(chunk);
      if (handlers.afterChunk && (await handlers.afterChunk()) === "stop") throw new StopParsing();
    }
    parser.close();
  } catch (error) {
    if (error instanceof StopParsing) return builder.outcome(true);
    throw error;
  }
  if (leadingSpace.count > 0)
    builder.warnings.add(`ignored ${leadingSpace.count} white-space character(s) before the XML declaration`);
  if (repair.repairs > 0) builder.warnings.add(`escaped ${repair.repairs} stray '<' in text`);
  if (replacementChars) builder.warnings.add(`bytes invalid in ${encoding} replaced by U+FFFD`);
  if (!builder.feedbackSeen) throw new RefusedInput("not a DMARC aggregate report (no <feedback> element)");
  return builder.outcome(false);
}

/** Parses a whole report into memory (for `reports parse`: one file, no store). */
export async function parseAggregateReport(bytes: AsyncIterable<Uint8Array>): Promise<AggregateReport> {
  const records: ReportRecord[] = [];
  const outcome = await parseAggregateStream(bytes, { onRecord: (r) => records.push(r) });
  return { ...outcome.header, records, warnings: outcome.warnings };
}

function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon === -1 ? name : name.slice(colon + 1);
}

/**
 * One element path below <feedback>, interned: a report repeats the same few dozen paths for every
 * record, so each is built and classified once instead of joined and matched per element (on a
 * 100 MB report that string work was a quarter of the parse).
 */
interface PathNode {
  /** "feedback/record/row/count" */
  path: string;
  /** `<x>` directly under <policy_published>: the policy tag it names. */
  policyField: string | undefined;
  /** `<domain|selector|scope|result>` under an auth_results `<dkim>` or `<spf>`. */
  authField: string | undefined;
  children: Map<string, PathNode>;
}

const AUTH_FIELD = /^feedback\/record\/auth_results\/(?:dkim|spf)\/(domain|selector|scope|result)$/;
const POLICY_PREFIX = "feedback/policy_published/";

function pathNode(path: string): PathNode {
  const policyField =
    path.startsWith(POLICY_PREFIX) && path.split("/").length === 3
      ? path.slice(POLICY_PREFIX.length)
      : undefined;
  return { path, policyField, authField: AUTH_FIELD.exec(path)?.[1], children: new Map() };
}

/** Real reports have a handful of children per element; a hostile one could invent millions. */
const MAX_INTERNED_CHILDREN = 64;

/** The child for a tag name as written (prefix included), so the local name is worked out once. */
function childNode(parent: PathNode, tagName: string): PathNode {
  const known = parent.children.get(tagName);
  if (known) return known;
  const child = pathNode(`${parent.path}/${localName(tagName)}`);
  if (parent.children.size < MAX_INTERNED_CHILDREN) parent.children.set(tagName, child);
  return child;
}

function emptyRecord(): ReportRecord {
  return {
    sourceIp: "",
    count: 0,
    disposition: "",
    dkim: "",
    spf: "",
    reasons: [],
    headerFrom: "",
    envelopeFrom: "",
    envelopeTo: "",
    dkimResults: [],
    spfResults: [],
  };
}

/** Turns element events into a header and records; paths are relative to <feedback>. */
class ReportBuilder {
  readonly warnings = new Set<string>();
  feedbackSeen = false;
  feedbackClosed = false;
  readonly #handlers: ParseHandlers;
  /** Open elements from <feedback> down (innermost last); empty until <feedback> opens. */
  readonly #path: PathNode[] = [];
  /** `feedback`, the root of every path; its children are interned as they are first seen. */
  readonly #root = pathNode("feedback");
  #outerDepth = 0;
  #text = "";
  #schema: ReportSchema = "rfc7489";
  #version = "";
  readonly #meta = { orgName: "", email: "", reportId: "", begin: "", end: "", errors: [] as string[] };
  /** Which ends of a correctly spelled <date_range> were read (they win over <data_range>). */
  readonly #dateRangeSeen = { begin: false, end: false };
  readonly #policy: Record<string, string> = {};
  #header: ReportHeader | undefined;
  #record: ReportRecord | undefined;
  #auth: Record<string, string> = {};
  #reason: Record<string, string> = {};
  #recordCount = 0;
  #messageCount = 0;

  constructor(handlers: ParseHandlers) {
    this.#handlers = handlers;
  }

  open(tag: SaxesTagPlain): void {
    this.#text = "";
    const parent = this.#path.at(-1);
    if (!parent) {
      if (this.feedbackSeen || localName(tag.name) !== "feedback") {
        this.#outerDepth++;
        return;
      }
      this.feedbackSeen = true;
      const namespaces = Object.entries(tag.attributes).filter(
        ([key]) => key === "xmlns" || key.startsWith("xmlns:"),
      );
      if (namespaces.some(([, value]) => value === DMARC_2_NAMESPACE)) this.#schema = "dmarc-2.0";
    }
    const node = parent ? childNode(parent, tag.name) : this.#root;
    this.#path.push(node);
    const path = node.path;
    if (path === "feedback/record") {
      this.#emitHeader();
      this.#record = emptyRecord();
    } else if (path === "feedback/record/auth_results/dkim" || path === "feedback/record/auth_results/spf") {
      this.#auth = {};
    } else if (path === "feedback/record/row/policy_evaluated/reason") {
      this.#reason = {};
    }
  }

  text(text: string): void {
    if (this.#path.length > 0) this.#text += text;
  }

  close(tag: SaxesTagPlain): void {
    if (this.#path.length === 0) {
      if (this.#outerDepth > 0) this.#outerDepth--;
      return;
    }
    void tag;
    const node = this.#path.pop() as PathNode;
    const value = this.#text.trim();
    this.#text = "";
    this.#assign(node, value);
    if (this.#path.length === 0) {
      this.#emitHeader();
      this.feedbackClosed = true;
    }
  }

  #assign(node: PathNode, value: string): void {
    const path = node.path;
    const meta = this.#meta;
    const record = this.#record;
    switch (path) {
      case "feedback/version":
        this.#version = value;
        if (value.startsWith("2")) this.#schema = "dmarc-2.0";
        return;
      case "feedback/report_metadata/org_name":
        meta.orgName = value;
        return;
      case "feedback/report_metadata/email":
        meta.email = value;
        return;
      case "feedback/report_metadata/report_id":
        meta.reportId = value;
        return;
      case "feedback/report_metadata/error":
        if (value) meta.errors.push(value);
        return;
      case "feedback/report_metadata/date_range/begin":
        meta.begin = value;
        this.#dateRangeSeen.begin = true;
        return;
      case "feedback/report_metadata/date_range/end":
        meta.end = value;
        this.#dateRangeSeen.end = true;
        return;
      // KDDI's reports spell <date_range> as <data_range>: the same data under a misspelled name.
      // A correctly spelled <date_range> wins wherever it stands.
      case "feedback/report_metadata/data_range/begin":
      case "feedback/report_metadata/data_range/end": {
        const field = path.endsWith("/begin") ? "begin" : "end";
        if (!this.#dateRangeSeen[field]) meta[field] = value;
        this.warnings.add("read <data_range> as <date_range> (a known misspelling)");
        return;
      }
    }
    if (node.policyField !== undefined) {
      this.#policy[node.policyField] = value;
      return;
    }
    if (!record) return;
    switch (path) {
      case "feedback/record/row/source_ip":
        record.sourceIp = value;
        return;
      case "feedback/record/row/count": {
        const count = parseCount(value);
        if (count === undefined)
          throw new RefusedInput(`record ${this.#recordCount + 1}: <count> "${value}" is not a whole number`);
        record.count = count;
        return;
      }
      case "feedback/record/row/policy_evaluated/disposition":
        record.disposition = normalizeEnum(value);
        return;
      case "feedback/record/row/policy_evaluated/dkim":
        record.dkim = normalizeAuthResult(value);
        return;
      case "feedback/record/row/policy_evaluated/spf":
        record.spf = normalizeAuthResult(value);
        return;
      case "feedback/record/row/policy_evaluated/reason/type":
        this.#reason.type = normalizeEnum(value);
        return;
      case "feedback/record/row/policy_evaluated/reason/comment":
        this.#reason.comment = value;
        return;
      case "feedback/record/row/policy_evaluated/reason":
        if (this.#reason.type || this.#reason.comment)
          record.reasons.push({ type: this.#reason.type ?? "", comment: this.#reason.comment ?? "" });
        return;
      case "feedback/record/identifiers/header_from":
        record.headerFrom = value.toLowerCase();
        return;
      case "feedback/record/identifiers/envelope_from":
        record.envelopeFrom = value.toLowerCase();
        return;
      case "feedback/record/identifiers/envelope_to":
        record.envelopeTo = value.toLowerCase();
        return;
      case "feedback/record/auth_results/dkim":
        record.dkimResults.push({
          domain: (this.#auth.domain ?? "").toLowerCase(),
          selector: this.#auth.selector ?? "",
          result: normalizeAuthResult(this.#auth.result ?? ""),
        });
        return;
      case "feedback/record/auth_results/spf":
        record.spfResults.push({
          domain: (this.#auth.domain ?? "").toLowerCase(),
          scope: normalizeEnum(this.#auth.scope ?? ""),
          result: normalizeAuthResult(this.#auth.result ?? ""),
        });
        return;
      case "feedback/record":
        this.#recordCount++;
        this.#messageCount += record.count;
        this.#handlers.onRecord?.(record);
        this.#record = undefined;
        return;
    }
    if (node.authField !== undefined) this.#auth[node.authField] = value;
  }

  #emitHeader(): void {
    if (this.#header) return;
    const meta = this.#meta;
    const missing: string[] = [];
    if (!meta.reportId) missing.push("report_id");
    if (!this.#policy.domain) missing.push("policy_published/domain");
    const begin = parseTimestamp(meta.begin);
    const end = parseTimestamp(meta.end);
    if (begin === undefined || end === undefined) missing.push("date_range (begin/end in seconds)");
    if (missing.length > 0) {
      const where = this.#record || this.#path.length > 1 ? " before its first <record>" : "";
      throw new RefusedInput(`report lacks ${missing.join(", ")}${where}: it cannot be identified`);
    }
    const p = this.#policy;
    const pct = p.pct === undefined || p.pct === "" ? undefined : Number(p.pct);
    this.#header = {
      schema: this.#schema,
      version: this.#version,
      metadata: {
        orgName: meta.orgName,
        email: meta.email,
        reportId: meta.reportId,
        begin: begin as number,
        end: end as number,
        errors: meta.errors,
      },
      policy: {
        domain: (p.domain as string).toLowerCase(),
        ...optional("adkim", p.adkim),
        ...optional("aspf", p.aspf),
        ...optional("p", p.p),
        ...optional("sp", p.sp),
        ...optional("np", p.np),
        ...(pct !== undefined && Number.isFinite(pct) ? { pct } : {}),
        ...(p.fo ? { fo: p.fo.trim() } : {}),
        ...optional("testing", p.testing),
        ...optional("discoveryMethod", p.discovery_method),
      },
    };
    if (this.#handlers.onHeader?.(this.#header) === "stop") throw new StopParsing();
  }

  outcome(stopped: boolean): ParseOutcome {
    if (!this.#header) throw new RefusedInput("not a DMARC aggregate report (no <feedback> element)");
    if (!stopped && !this.feedbackClosed) throw new RefusedInput("truncated: <feedback> is never closed");
    return {
      header: this.#header,
      recordCount: this.#recordCount,
      messageCount: this.#messageCount,
      warnings: [...this.warnings],
      stopped,
    };
  }
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  const normalized = value === undefined ? "" : normalizeEnum(value);
  return normalized ? ({ [key]: normalized } as Record<K, string>) : {};
}
