import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/errors.js";
import { parseConfig } from "../../src/config/parse-config.js";
import { resolveCheckSettings } from "../../src/run-settings/settings.js";
import { parseShard, selectShard } from "../../src/run-settings/shard.js";

const known = new Set(["spf/ptr", "dmarc/policy-none"]);
const parse = (text: string) => parseConfig(text, { source: "mailaudit.yaml", knownRuleIds: known });
const errorOf = (text: string) => {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error("expected a ConfigError");
};

describe("mailaudit.yaml", () => {
  it("reads a config using every documented key", () => {
    const config = parse(`resolvers: [1.1.1.1]
timeout: 5
failOn: error
domains:
  - domain: Example.COM
    subdomains: [news.example.com]
    dkim: { selectors: [google, s1] }
    expect:
      dmarc: { policy: reject, subdomainPolicy: reject, rua: [mailto:dmarc@example.com] }
      spf:   { includes: [_spf.google.com], all: fail, maxLookups: 8 }
      dkim:  { minKeyBits: 2048 }
    senders:
      - name: SendGrid
        returnPath: em123.example.com
        dkimDomain: example.com
        ips: [167.89.0.10]
rules:
  spf/ptr: off
`);
    expect(config.domains[0]).toMatchObject({
      domain: "example.com",
      subdomains: ["news.example.com"],
      selectors: ["google", "s1"],
      expect: { spf: { maxLookups: 8, all: "fail" }, dmarc: { rua: ["mailto:dmarc@example.com"] } },
      senders: [{ name: "SendGrid", ips: ["167.89.0.10"] }],
    });
    // Line 9 is `dmarc: { policy: reject, … }`: where a drift/dmarc-policy finding points.
    expect(config.domains[0]?.lines?.["expect.dmarc.policy"]).toBe(9);
    expect(config).toMatchObject({ resolvers: ["1.1.1.1"], timeout: 5, rules: { "spf/ptr": "off" } });
  });

  it.each([
    [
      "domains:\n  - domain: example.com\n    expect: { spf: { maxLookups: 11 } }\n",
      /^mailaudit\.yaml:3:\d+: domains\[0\]\.expect\.spf\.maxLookups: expected a whole number from 0 to 10, got 11$/,
    ],
    [
      "domains:\n  - domain: example.com\n    expct: {}\n",
      /^mailaudit\.yaml:3:5: domains\[0\]\.expct: unknown key/,
    ],
    [
      "domains:\n  - domain: exa mple.com\n",
      /^mailaudit\.yaml:2:13: domains\[0\]\.domain: invalid domain name/,
    ],
    [
      "domains:\n  - example.com\nrules:\n  spf/ptrr: off\n",
      /^mailaudit\.yaml:4:3: rules\.spf\/ptrr: unknown rule "spf\/ptrr"/,
    ],
    [
      "domains:\n  - domain: example.com\n    subdomains: [news.example.org]\n",
      /:3:18: domains\[0\]\.subdomains\[0\]: news\.example\.org is not a subdomain of example\.com$/,
    ],
    [
      "domains:\n  - example.com\n  - example.com\n",
      /^mailaudit\.yaml:3:5: domains\[1\]: example\.com is declared more than once$/,
    ],
    [
      "resolvers: [dns.google]\ndomains: [example.com]\n",
      /^mailaudit\.yaml:1:13: resolvers\[0\]: "dns\.google" is not an IP address/,
    ],
    [
      "domains: [example.com]\ndomains: [example.org]\n",
      /^mailaudit\.yaml:2:1: invalid YAML: Map keys must be unique/,
    ],
    ["timeout: 5\n", /^mailaudit\.yaml:1:1: missing `domains:`/],
    ["", /^mailaudit\.yaml: the file is empty|^mailaudit\.yaml:1:1: the file is empty/],
    ["profile: lax\ndomains: [example.com]\n", /^mailaudit\.yaml:1:10: profile: unknown profile "lax"/],
  ])("names file, line and key: %j", (text, pattern) => {
    expect(errorOf(text)).toMatch(pattern);
  });

  it("keeps control characters from the file out of the message", () => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence is the point
    expect(errorOf('domains:\n  - domain: "a\\x1b[31m.com"\n')).not.toMatch(/\u001b/);
  });
});

describe("settings from command line and config", () => {
  const config = parse(`profile: strict
failOn: warning
domains:
  - domain: example.com
    subdomains: [news.example.com]
    dkim: { selectors: [s1] }
    expect: { dmarc: { policy: reject, subdomainPolicy: quarantine } }
rules:
  dmarc/policy-none: warning
`);
  const flags = {
    domains: [],
    selectors: ["extra"],
    servers: [],
    zoneFiles: [],
    offline: false,
    format: "json" as const,
    concurrency: 4,
  };

  it("expands subdomains (expected to carry the parent's sp) and layers profile then config rules", () => {
    const settings = resolveCheckSettings(flags, config);
    if ("problem" in settings) throw new Error(settings.problem);
    expect(settings.targets.map((t) => [t.domain, t.selectors])).toEqual([
      ["example.com", ["s1", "extra"]],
      ["news.example.com", ["extra"]],
    ]);
    expect(settings.targets[1]?.declared).toMatchObject({
      parent: "example.com",
      expect: { dmarc: { policy: "quarantine" } },
    });
    expect(settings.overrides["dmarc/policy-none"]).toBe("warning");
    expect(settings.overrides["spf/permissive-all"]).toBe("error");
    expect(settings.failOn).toBe("warning");
  });

  it("command-line values win", () => {
    const settings = resolveCheckSettings(
      { ...flags, domains: ["news.example.com"], failOn: "error", profile: "recommended" },
      config,
    );
    if ("problem" in settings) throw new Error(settings.problem);
    expect(settings.targets.map((t) => t.domain)).toEqual(["news.example.com"]);
    expect(settings.failOn).toBe("error");
    expect(settings.overrides["spf/permissive-all"]).toBeUndefined();
  });

  it("without domains or config there is nothing to do", () => {
    expect(resolveCheckSettings(flags, undefined)).toHaveProperty("problem");
  });
});

describe("--shard", () => {
  it("parses i/n and rejects the rest", () => {
    expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
    for (const bad of ["0/4", "5/4", "2", "a/b", "1/0"]) expect(typeof parseShard(bad)).toBe("string");
  });

  it("covers every domain exactly once whatever the input order, keeping input order", () => {
    const names = Array.from({ length: 23 }, (_, i) => `d${i}.example`);
    const reversed = [...names].reverse();
    const shards = [1, 2, 3].map((index) => selectShard(names, (n) => n, { index, count: 3 }));
    expect(shards.flat().sort()).toEqual([...names].sort());
    expect(selectShard(reversed, (n) => n, { index: 2, count: 3 })).toEqual([...(shards[1] ?? [])].reverse());
  });
});
