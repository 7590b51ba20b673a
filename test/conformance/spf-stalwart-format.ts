/**
 * Reader for Stalwart's line-oriented SPF suite (fixtures/conformance/spf/stalwart-mail-auth,
 * format in the README there; not YAML-safe: `records:` repeats keys). Lines are read in order, as
 * Stalwart does: a record line sets that type at its owner (replacing what was there, so a later
 * `spf:` line changes the record for the tests after it), and each `expect:` runs with the values
 * seen so far. Every run of tests that share the same records becomes one scenario.
 */
import { isIPv4 } from "node:net";
import type { ZoneData } from "./spf-zonedata.js";

export interface StalwartCase {
  helo: string;
  sender: string;
  ip: string;
  result: string;
  /** Expected explanation, when the line gives one. */
  explanation?: string;
}

export interface StalwartScenario {
  name: string;
  zonedata: ZoneData;
  /** Names Stalwart's test resolver fails on purpose (`_dns_error…`): served as SERVFAIL. */
  errors: string[];
  cases: StalwartCase[];
}

export function parseStalwartSuite(text: string): StalwartScenario[] {
  return text.split(/^---\s*$/m).flatMap(parseDocument);
}

function parseDocument(text: string): StalwartScenario[] {
  const scenarios: StalwartScenario[] = [];
  let title = "";
  /** owner → type → entries; a record line replaces one type at one owner. */
  const records = new Map<string, Map<string, Record<string, unknown>[]>>();
  let changed = true;
  const set = (owner: string, type: string, entries: Record<string, unknown>[]) => {
    const name = owner.toLowerCase();
    if (!records.has(name)) records.set(name, new Map());
    records.get(name)?.set(type, entries);
    changed = true;
  };
  const current = (): StalwartScenario => {
    if (changed || scenarios.length === 0) {
      const zonedata: ZoneData = {};
      for (const [owner, types] of records) zonedata[owner] = [...types.values()].flat();
      scenarios.push({
        name: `${title} (records #${scenarios.length + 1})`,
        zonedata,
        errors: [],
        cases: [],
      });
      changed = false;
    }
    return scenarios.at(-1) as StalwartScenario;
  };
  let helo = "";
  let sender = "";
  let ip = "";
  let mxLine = 0;
  for (const raw of text.split("\n")) {
    const line = raw.trim().replace(/^-\s*/, "");
    if (line.startsWith("#") || !line.includes(":")) continue;
    const colon = line.indexOf(":");
    const key = line.slice(0, colon);
    const value = line.slice(colon + 1).trim();
    const [owner = "", ...rest] = value.split(" ");
    const list = rest
      .join(" ")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    switch (key) {
      case "name":
        if (!title) title = value;
        break;
      case "spf":
      case "exp":
        set(owner, "TXT", [{ TXT: rest.join(" ") }]);
        break;
      case "a":
        set(
          owner,
          "A",
          list.map((address) => ({ A: address })),
        );
        break;
      case "aaaa":
        set(
          owner,
          "AAAA",
          list.map((address) => ({ AAAA: address })),
        );
        break;
      case "ptr":
        set(
          reverseName(owner),
          "PTR",
          list.map((name) => ({ PTR: name })),
        );
        break;
      case "mx":
        // Stalwart names the hosts after their IPs; any name will do.
        mxLine++;
        set(
          owner,
          "MX",
          list.map((_, pos) => ({ MX: [pos + 1, `mx${mxLine}-${pos + 1}.${owner}`] })),
        );
        for (const [pos, address] of list.entries()) {
          const type = isIPv4(address) ? "A" : "AAAA";
          set(`mx${mxLine}-${pos + 1}.${owner}`, type, [{ [type]: address }]);
        }
        break;
      case "domain":
        helo = value;
        break;
      case "sender":
        sender = value;
        break;
      case "ip":
        ip = value;
        break;
      case "expect": {
        const [result = "", ...explanation] = value.split(" ");
        current().cases.push({
          helo,
          sender,
          ip,
          result,
          ...(explanation.length > 0 ? { explanation: explanation.join(" ") } : {}),
        });
        break;
      }
    }
  }
  for (const scenario of scenarios) scenario.errors = dnsErrorNames(scenario);
  return scenarios;
}

/** Stalwart's test resolver fails every name beginning with `_dns_error`: find those the scenario uses. */
function dnsErrorNames(scenario: StalwartScenario): string[] {
  const text = JSON.stringify([scenario.zonedata, scenario.cases]);
  return [...new Set(text.match(/_dns_error[\w.-]*[\w]/g) ?? [])];
}

function reverseName(ip: string): string {
  if (isIPv4(ip)) return `${ip.split(".").reverse().join(".")}.in-addr.arpa`;
  const [head = "", tail = ""] = ip.split("::");
  const groups = (s: string) => (s ? s.split(":") : []);
  const h = groups(head);
  const t = groups(tail);
  const full = [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
  return `${full
    .map((g) => g.padStart(4, "0"))
    .join("")
    .split("")
    .reverse()
    .join(".")}.ip6.arpa`;
}
