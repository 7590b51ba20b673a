import { normalizeDomainInput } from "../dns/domain-name.js";
import { ipFamily } from "../dns/ipv6-syntax.js";
import { parseServerAddress } from "../dns/server-address.js";
import { FAIL_ON_LEVELS, SEVERITY_SETTINGS } from "../engine/severity.js";
import type { MtaStsMode } from "../mta-sts/types.js";
import { isProfileName, PROFILE_NAMES } from "../profiles/index.js";
import { yamlLibrary } from "../yaml-library.js";
import { ConfigError } from "./errors.js";
import { selectorProblem } from "./names.js";
import type {
  Config,
  DeclaredSender,
  DkimExpectation,
  DmarcExpectation,
  DmarcPolicy,
  DomainDeclaration,
  Expectations,
  SpfAllQualifier,
  SpfExpectation,
} from "./types.js";
import { YamlCursor } from "./yaml-cursor.js";

export interface ParseConfigOptions {
  /** The file's path, named in every message. */
  source: string;
  /** Rule ids a `rules:` key may name (the catalogue); a typo there must not silently do nothing. */
  knownRuleIds: ReadonlySet<string>;
}

const POLICIES = ["none", "quarantine", "reject"] as const satisfies readonly DmarcPolicy[];
const ALL_QUALIFIERS = ["fail", "softfail", "neutral", "pass"] as const satisfies readonly SpfAllQualifier[];
const MTA_STS_MODES = ["enforce", "testing", "none"] as const satisfies readonly MtaStsMode[];

/**
 * Reads mailaudit.yaml text into a validated `Config` (docs/cli.md "Config file"). Pure; every
 * problem is a `ConfigError` naming the file, line and key. Unknown keys are errors.
 */
export function parseConfig(text: string, options: ParseConfigOptions): Config {
  const { LineCounter, parseDocument } = yamlLibrary();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const [syntax] = doc.errors;
  if (syntax) {
    const position = syntax.linePos?.[0];
    // The first line of yaml's message is the reason; the rest is a source excerpt.
    const reason = (syntax.message.split("\n")[0] ?? syntax.code).replace(/ at line \d+, column \d+:?$/, "");
    throw new ConfigError(options.source, position?.line, "", `invalid YAML: ${reason}`, position?.col);
  }
  const root: YamlCursor = new YamlCursor(options.source, lines, doc.contents, "");
  if (doc.contents === null) root.fail("the file is empty (expected at least `domains:`)");
  const top = root.entries(["resolvers", "timeout", "failOn", "profile", "reportsDb", "domains", "rules"]);

  const config: Config = { source: options.source, domains: [], rules: {} };
  const resolvers = top.get("resolvers");
  if (resolvers) config.resolvers = resolvers.itemsOrOne().map(readResolver);
  const timeout = top.get("timeout");
  if (timeout)
    config.timeout = timeout.number(
      (n) => n > 0 && n <= 300,
      "a number of seconds greater than 0 and at most 300",
    );
  const failOn = top.get("failOn");
  if (failOn) config.failOn = failOn.oneOf(FAIL_ON_LEVELS);
  const profile = top.get("profile");
  if (profile) config.profile = readProfile(profile);
  const reportsDb = top.get("reportsDb");
  if (reportsDb) {
    const location = reportsDb.string();
    if (location.trim() === "") reportsDb.fail("expected the path of a report store (or a postgres:// URL)");
    config.reportsDb = location;
  }
  const rules = top.get("rules");
  if (rules) config.rules = readRuleSeverities(rules, options.knownRuleIds);

  const domains = top.get("domains");
  if (!domains) root.fail("missing `domains:` (a list of the domains to audit)");
  const items = domains.items();
  if (items.length === 0) domains.fail("expected at least one domain");
  const seen = new Set<string>();
  for (const item of items) {
    const declaration = readDomain(item);
    for (const name of [declaration.domain, ...declaration.subdomains]) {
      if (seen.has(name)) item.fail(`${name} is declared more than once`);
      seen.add(name);
    }
    config.domains.push(declaration);
  }
  return config;
}

function readResolver(cursor: YamlCursor): string {
  const value = cursor.text();
  const address = parseServerAddress(value);
  if (!address) cursor.fail(`"${value}" is not an IP address, ip:port or [ipv6]:port`);
  return address;
}

function readProfile(cursor: YamlCursor): string {
  const name = cursor.string();
  if (!isProfileName(name))
    cursor.fail(`unknown profile "${name}" (expected one of: ${PROFILE_NAMES.join(", ")})`);
  return name;
}

function readRuleSeverities(
  cursor: YamlCursor,
  known: ReadonlySet<string>,
): Record<string, (typeof SEVERITY_SETTINGS)[number]> {
  const result: Record<string, (typeof SEVERITY_SETTINGS)[number]> = {};
  for (const { key, value } of cursor.pairs()) {
    const id = key.string();
    if (!known.has(id)) key.fail(`unknown rule "${id}" (run "mailaudit rules" for the list)`);
    result[id] = value.oneOf(SEVERITY_SETTINGS);
  }
  return result;
}

/** A domain entry: a mapping, or just the name (`- example.com`). */
function readDomain(cursor: YamlCursor): DomainDeclaration {
  const lines: Record<string, number> = { "": cursor.line };
  const relative = (c: YamlCursor) => c.path.slice(cursor.path.length + 1);
  const mark = (c: YamlCursor) => {
    lines[relative(c)] = c.line;
    return c;
  };
  if (yamlLibrary().isScalar(cursor.node)) {
    return { domain: readDomainName(cursor), subdomains: [], selectors: [], senders: [], lines };
  }
  const keys = cursor.entries(["domain", "subdomains", "dkim", "expect", "senders"]);
  const nameCursor = keys.get("domain");
  if (!nameCursor) cursor.fail("missing `domain:`");
  const domain = readDomainName(nameCursor);
  const declaration: DomainDeclaration = { domain, subdomains: [], selectors: [], senders: [], lines };

  const subdomains = keys.get("subdomains");
  if (subdomains) {
    declaration.subdomains = subdomains.itemsOrOne().map((item) => {
      const name = readDomainName(mark(item));
      if (!name.endsWith(`.${domain}`)) item.fail(`${name} is not a subdomain of ${domain}`);
      return name;
    });
  }
  const dkim = keys.get("dkim");
  if (dkim) {
    const selectors = dkim.entries(["selectors"]).get("selectors");
    if (selectors) declaration.selectors = mark(selectors).itemsOrOne().map(readSelector);
  }
  const expect = keys.get("expect");
  if (expect) declaration.expect = readExpectations(expect, mark);
  const senders = keys.get("senders");
  if (senders) declaration.senders = senders.items().map((s) => readSender(mark(s)));
  return declaration;
}

function readExpectations(cursor: YamlCursor, mark: (c: YamlCursor) => YamlCursor): Expectations {
  const keys = cursor.entries(["dmarc", "spf", "dkim", "mx", "mtaSts", "tlsRpt", "bimi"]);
  const result: Expectations = {};
  const dmarc = keys.get("dmarc");
  if (dmarc) {
    const d = dmarc.entries(["policy", "subdomainPolicy", "rua"]);
    const out: DmarcExpectation = {};
    const policy = d.get("policy");
    if (policy) out.policy = mark(policy).oneOf(POLICIES);
    const sp = d.get("subdomainPolicy");
    if (sp) out.subdomainPolicy = mark(sp).oneOf(POLICIES);
    const rua = d.get("rua");
    if (rua) out.rua = mark(rua).itemsOrOne().map(readReportUri);
    result.dmarc = out;
  }
  const spf = keys.get("spf");
  if (spf) {
    const s = spf.entries(["includes", "all", "maxLookups"]);
    const out: SpfExpectation = {};
    const includes = s.get("includes");
    if (includes) out.includes = mark(includes).itemsOrOne().map(readDomainName);
    const all = s.get("all");
    if (all) out.all = mark(all).oneOf(ALL_QUALIFIERS);
    const max = s.get("maxLookups");
    // RFC 7208 §4.6.4: more than 10 is a permerror, so a budget above 10 could never hold.
    if (max)
      out.maxLookups = mark(max).number(
        (n) => Number.isInteger(n) && n >= 0 && n <= 10,
        "a whole number from 0 to 10",
      );
    result.spf = out;
  }
  const dkim = keys.get("dkim");
  if (dkim) {
    const bits = dkim.entries(["minKeyBits"]).get("minKeyBits");
    const out: DkimExpectation = {};
    if (bits)
      out.minKeyBits = mark(bits).number(
        (n) => Number.isInteger(n) && n >= 256 && n <= 16384,
        "a key size in bits, e.g. 2048",
      );
    result.dkim = out;
  }
  Object.assign(result, readSurroundingExpectations(keys, mark));
  return result;
}

/** `expect.mx`, `expect.mtaSts`, `expect.tlsRpt`, `expect.bimi`: what surrounds SPF, DKIM and DMARC. */
function readSurroundingExpectations(
  keys: Map<string, YamlCursor>,
  mark: (c: YamlCursor) => YamlCursor,
): Pick<Expectations, "mx" | "mtaSts" | "tlsRpt" | "bimi"> {
  const result: Pick<Expectations, "mx" | "mtaSts" | "tlsRpt" | "bimi"> = {};
  const mx = keys.get("mx");
  if (mx) {
    const m = mx.entries(["hosts", "receivesMail"]);
    const hosts = m.get("hosts");
    const receivesMail = m.get("receivesMail");
    result.mx = {
      ...(hosts ? { hosts: mark(hosts).itemsOrOne().map(readDomainName) } : {}),
      ...(receivesMail ? { receivesMail: mark(receivesMail).boolean() } : {}),
    };
  }
  const mtaSts = keys.get("mtaSts");
  if (mtaSts) {
    const mode = mtaSts.entries(["mode"]).get("mode");
    result.mtaSts = mode ? { mode: mark(mode).oneOf(MTA_STS_MODES) } : {};
  }
  const tlsRpt = keys.get("tlsRpt");
  if (tlsRpt) {
    const rua = tlsRpt.entries(["rua"]).get("rua");
    result.tlsRpt = rua ? { rua: mark(rua).itemsOrOne().map(readReportUri) } : {};
  }
  const bimi = keys.get("bimi");
  if (bimi) {
    const b = bimi.entries(["logo", "authority"]);
    const logo = b.get("logo");
    const authority = b.get("authority");
    result.bimi = {
      ...(logo ? { logo: readHttpsUrl(mark(logo)) } : {}),
      ...(authority ? { authority: mark(authority).boolean() } : {}),
    };
  }
  return result;
}

function readHttpsUrl(cursor: YamlCursor): string {
  const value = cursor.string();
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    // reported below
  }
  if (url?.protocol !== "https:") cursor.fail(`"${value}" is not an https: URL`);
  return value;
}

function readSender(cursor: YamlCursor): DeclaredSender {
  const keys = cursor.entries(["name", "returnPath", "dkimDomain", "ips"]);
  const name = keys.get("name");
  if (!name) cursor.fail("missing `name:`");
  const sender: DeclaredSender = { name: name.string() };
  const returnPath = keys.get("returnPath");
  if (returnPath) sender.returnPath = readDomainName(returnPath);
  const dkimDomain = keys.get("dkimDomain");
  if (dkimDomain) sender.dkimDomain = readDomainName(dkimDomain);
  const ips = keys.get("ips");
  if (ips) {
    sender.ips = ips.itemsOrOne().map((ip) => {
      const value = ip.text();
      if (ipFamily(value) === 0) ip.fail(`"${value}" is not an IPv4 or IPv6 address`);
      return value;
    });
  }
  return sender;
}

function readDomainName(cursor: YamlCursor): string {
  const value = cursor.text();
  const result = normalizeDomainInput(value);
  if (!result.ok) cursor.fail(`invalid domain name "${value}": ${result.reason}`);
  return result.domain;
}

function readSelector(cursor: YamlCursor): string {
  const value = cursor.text();
  const problem = selectorProblem(value);
  if (problem) cursor.fail(`invalid DKIM selector "${value}": ${problem}`);
  return value.toLowerCase();
}

/** DMARC rua/ruf values are URIs (RFC 7489 §6.3); the scheme is required, `mailto:` being usual. */
function readReportUri(cursor: YamlCursor): string {
  const value = cursor.string();
  if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(value))
    cursor.fail(`"${value}" is not a URI (expected e.g. mailto:dmarc@example.com)`);
  return value;
}
