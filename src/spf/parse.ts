/**
 * A pure RFC 7208 SPF record parser (ABNF of §12). It never throws: it returns every term it could
 * read and every syntax problem it found, since any one of them makes check_host() return
 * permerror (§4.6) and the user should see them all at once.
 */
import { isIPv6Text } from "../dns/ipv6-syntax.js";
import { scanMacroString } from "./macro.js";
import {
  MECHANISMS,
  type MechanismName,
  type MechanismTerm,
  type ParsedSpf,
  type Qualifier,
  type SpfTerm,
  type SyntaxProblem,
} from "./types.js";

/** §4.5: a record begins with exactly "v=spf1", followed by a space or the end of the record. */
const SPF_VERSION = /^v=spf1( |$)/i;

export function isSpfRecord(text: string): boolean {
  return SPF_VERSION.test(text);
}

export function parseSpfRecord(record: string): ParsedSpf {
  const terms: SpfTerm[] = [];
  const problems: SyntaxProblem[] = [];
  if (!isSpfRecord(record)) {
    problems.push({
      term: record.slice(0, 16),
      reason: 'the record must begin with exactly "v=spf1" and a space (§4.5)',
    });
    return { terms, problems };
  }
  // Terms are separated by one or more SP (%x20) only; tabs or line breaks are not separators.
  const modifierCounts = new Map<string, number>();
  for (const text of record.slice(6).split(" ")) {
    if (text === "") continue;
    const result = parseTerm(text);
    if ("reason" in result) {
      problems.push(result);
      continue;
    }
    terms.push(result);
    if (result.kind === "modifier" && (result.name === "redirect" || result.name === "exp")) {
      const seen = (modifierCounts.get(result.name) ?? 0) + 1;
      modifierCounts.set(result.name, seen);
      // §6: redirect and exp MUST NOT appear more than once.
      if (seen === 2) problems.push({ term: text, reason: `"${result.name}" appears more than once (§6)` });
    }
  }
  return { terms, problems };
}

/** modifier = name "=" macro-string, with name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." ) (§12). */
const MODIFIER = /^([a-z][a-z0-9._-]*)=(.*)$/is;

function parseTerm(text: string): SpfTerm | SyntaxProblem {
  const modifier = MODIFIER.exec(text);
  if (modifier) return parseModifier(text, (modifier[1] ?? "").toLowerCase(), modifier[2] ?? "");
  return parseDirective(text);
}

function parseModifier(text: string, name: string, value: string): SpfTerm | SyntaxProblem {
  if (name === "redirect" || name === "exp") {
    const problem = checkDomainSpec(value);
    if (problem) return { term: text, reason: `${name}: ${problem}` };
    return { kind: "modifier", text, name, value, hasMacros: scanMacroString(value, "domain").hasMacros };
  }
  // Unknown modifiers are ignored by check_host (§6), but their value must still be a macro-string.
  const scan = scanMacroString(value, "domain");
  if (scan.problem) return { term: text, reason: `modifier ${name}: ${scan.problem}` };
  return { kind: "modifier", text, name, value, hasMacros: scan.hasMacros };
}

const QUALIFIERS = new Set(["+", "-", "~", "?"]);

function parseDirective(text: string): SpfTerm | SyntaxProblem {
  const explicit = QUALIFIERS.has(text[0] ?? "");
  const qualifier = (explicit ? text[0] : "+") as Qualifier;
  const body = explicit ? text.slice(1) : text;
  const nameMatch = /^[a-z0-9]+/i.exec(body);
  const name = (nameMatch?.[0] ?? "").toLowerCase();
  if (!(MECHANISMS as readonly string[]).includes(name)) {
    return {
      term: text,
      reason: name ? `unknown mechanism "${name}" (§5)` : "not a mechanism or modifier (§12)",
    };
  }
  const mechanism = name as MechanismName;
  const rest = body.slice(name.length);
  const base = { kind: "mechanism" as const, text, mechanism, qualifier, hasMacros: false };
  const fail = (reason: string): SyntaxProblem => ({ term: text, reason: `${mechanism}: ${reason}` });

  switch (mechanism) {
    case "all":
      return rest === "" ? base : fail("takes no argument (§5.1)");
    case "include":
    case "exists": {
      if (!rest.startsWith(":")) return fail('needs ":<domain>" (§5.2, §5.7)');
      const domainSpec = rest.slice(1);
      const problem = checkDomainSpec(domainSpec);
      return problem
        ? fail(problem)
        : { ...base, domainSpec, hasMacros: scanMacroString(domainSpec, "domain").hasMacros };
    }
    case "ptr": {
      if (rest === "") return base;
      if (!rest.startsWith(":")) return fail("unexpected text after ptr (§5.5)");
      const domainSpec = rest.slice(1);
      const problem = checkDomainSpec(domainSpec);
      return problem
        ? fail(problem)
        : { ...base, domainSpec, hasMacros: scanMacroString(domainSpec, "domain").hasMacros };
    }
    case "a":
    case "mx":
      return parseAddressMechanism(base, rest, fail);
    case "ip4":
    case "ip6":
      return parseIpMechanism(base, rest, fail);
  }
}

/**
 * a / mx = name [ ":" domain-spec ] [ dual-cidr-length ] (§5.3, §5.4). "/" is a legal character
 * inside a domain-spec (macro-literal, §7.1), so only a trailing "/<digits>" and "//<digits>" are
 * the prefix lengths: `a:slash/ok.example` names the host "slash/ok.example". A domain-spec can
 * never end in "/<digits>" itself (its last label would not be a toplabel), so the split is unique.
 */
const DUAL_CIDR_SUFFIX = /^(.*?)(?:\/(\d+))?(?:\/\/(\d+))?$/s;
/** ip4-cidr-length = "/" ("0" / %x31-39 0*1DIGIT); ip6-cidr-length = "/" ("0" / %x31-39 0*2DIGIT). */
const CIDR4 = /^(?:0|[1-9]\d?)$/;
const CIDR6 = /^(?:0|[1-9]\d{0,2})$/;

function parseAddressMechanism(
  base: MechanismTerm,
  rest: string,
  fail: (reason: string) => SyntaxProblem,
): MechanismTerm | SyntaxProblem {
  const [, head = "", cidr4Text, cidr6Text] = DUAL_CIDR_SUFFIX.exec(rest) ?? [];
  let domainPart = "";
  if (head.startsWith(":")) {
    domainPart = head.slice(1);
    const problem = checkDomainSpec(domainPart);
    if (problem) return fail(problem);
  } else if (head !== "") {
    return fail(head.startsWith("/") ? `invalid CIDR length "${rest}" (§5.6)` : `unexpected text "${rest}"`);
  }
  const cidrProblem =
    prefixProblem(cidr4Text, CIDR4, 32, "IPv4", "/") ?? prefixProblem(cidr6Text, CIDR6, 128, "IPv6", "//");
  if (cidrProblem) return fail(cidrProblem);
  return {
    ...base,
    ...(domainPart
      ? { domainSpec: domainPart, hasMacros: scanMacroString(domainPart, "domain").hasMacros }
      : {}),
    ...(cidr4Text === undefined ? {} : { cidr4: Number(cidr4Text) }),
    ...(cidr6Text === undefined ? {} : { cidr6: Number(cidr6Text) }),
  };
}

function prefixProblem(
  text: string | undefined,
  form: RegExp,
  max: number,
  family: string,
  slash: string,
): string | undefined {
  if (text === undefined) return undefined;
  if (!form.test(text)) return `invalid ${family} prefix length "${slash}${text}": no leading zeros (§5.6)`;
  return Number(text) > max ? `${family} prefix ${slash}${text} is over ${max} (§5.6)` : undefined;
}

const QNUM = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]\\d|\\d)";
const IP4_NETWORK = new RegExp(`^${QNUM}\\.${QNUM}\\.${QNUM}\\.${QNUM}$`);

/** ip4 = "ip4:" ip4-network [ ip4-cidr-length ]; ip6 = "ip6:" ip6-network [ ip6-cidr-length ] (§5.6). */
function parseIpMechanism(
  base: MechanismTerm,
  rest: string,
  fail: (reason: string) => SyntaxProblem,
): MechanismTerm | SyntaxProblem {
  if (!rest.startsWith(":")) return fail('needs ":<network>" (§5.6)');
  const [network = "", prefix, ...extra] = rest.slice(1).split("/");
  if (extra.length > 0) return fail('has more than one "/" (§5.6)');
  const v4 = base.mechanism === "ip4";
  const valid = v4 ? IP4_NETWORK.test(network) : isIPv6Text(network);
  if (!valid) return fail(`"${network}" is not an ${v4 ? "IPv4" : "IPv6"} address (§5.6)`);
  let cidr: number | undefined;
  if (prefix !== undefined) {
    const max = v4 ? 32 : 128;
    if (!/^(0|[1-9]\d*)$/.test(prefix) || Number(prefix) > max)
      return fail(`invalid prefix length "/${prefix}" (§5.6)`);
    cidr = Number(prefix);
  }
  return { ...base, network, ...(cidr === undefined ? {} : v4 ? { cidr4: cidr } : { cidr6: cidr }) };
}

/**
 * domain-spec = macro-string domain-end; domain-end = ( "." toplabel [ "." ] ) / macro-expand;
 * toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum ).
 * Returns the problem, or undefined when the domain-spec is valid.
 */
export function checkDomainSpec(spec: string): string | undefined {
  if (spec === "") return "empty domain-spec";
  const scan = scanMacroString(spec, "domain");
  if (scan.problem) return scan.problem;
  if (scan.endsWithExpand) return undefined;
  const withoutDot = spec.endsWith(".") ? spec.slice(0, -1) : spec;
  const dot = withoutDot.lastIndexOf(".");
  if (dot === -1) return `"${spec}" is not a domain name: it needs a dot and a top label (§7.1)`;
  const toplabel = withoutDot.slice(dot + 1);
  const isToplabel =
    /^[a-z0-9]*[a-z][a-z0-9]*$/i.test(toplabel) || /^[a-z0-9]+-[a-z0-9-]*[a-z0-9]$/i.test(toplabel);
  if (!isToplabel) return `"${toplabel}" is not a valid top label (§7.1)`;
  return undefined;
}
