import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { ConfigError } from "../../src/config/errors.js";
import { parseConfig } from "../../src/config/parse-config.js";
import { anyText, domainLike, expectContained, fuzzOptions, pathological } from "./fuzz-kit.js";

const RULES = new Set(["spf/ptr", "dmarc/no-rua", "dns/lookup-failed"]);
const parse = (text: string) =>
  expectContained(() => parseConfig(text, { source: "fuzz.yaml", knownRuleIds: RULES }), [ConfigError]);

/** Values that are sometimes right and sometimes of the wrong kind, as a mistaken or hostile PR writes. */
const junk = fc.oneof(
  anyText(40),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 2 }),
);
const maybe = <T>(good: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary: good }, { weight: 1, arbitrary: junk });
const policy = fc.constantFrom("none", "quarantine", "reject");
const validDomain = fc.domain().map((d) => d.toLowerCase());

const domainEntry = fc.record(
  {
    domain: maybe(fc.oneof(validDomain, domainLike)),
    dkim: maybe(
      fc.record({
        selectors: maybe(fc.array(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,10}$/), { maxLength: 3 })),
      }),
    ),
    expect: maybe(
      fc.record(
        {
          dmarc: fc.record(
            {
              policy: maybe(policy),
              subdomainPolicy: maybe(policy),
              rua: maybe(
                fc.array(
                  fc.emailAddress().map((a) => `mailto:${a}`),
                  { maxLength: 2 },
                ),
              ),
            },
            { requiredKeys: [] },
          ),
          spf: fc.record(
            {
              includes: maybe(fc.array(validDomain, { maxLength: 2 })),
              all: maybe(fc.constantFrom("fail", "softfail", "neutral", "pass")),
              maxLookups: maybe(fc.integer({ min: -1, max: 12 })),
            },
            { requiredKeys: [] },
          ),
          dkim: fc.record(
            { minKeyBits: maybe(fc.constantFrom(1024, 2048, 100, 99999)) },
            { requiredKeys: [] },
          ),
        },
        { requiredKeys: [] },
      ),
    ),
    senders: maybe(
      fc.array(
        fc.record(
          {
            name: maybe(fc.string({ minLength: 1, maxLength: 10 })),
            returnPath: maybe(validDomain),
            ips: maybe(fc.array(fc.oneof(fc.ipV4(), fc.ipV6()), { maxLength: 2 })),
          },
          { requiredKeys: ["name"] },
        ),
        { maxLength: 2 },
      ),
    ),
  },
  { requiredKeys: ["domain"] },
);
const configObject = fc.record(
  {
    resolvers: maybe(
      fc.array(
        fc.oneof(
          fc.ipV4(),
          fc.ipV4().map((ip) => `${ip}:5353`),
        ),
        { maxLength: 2 },
      ),
    ),
    timeout: maybe(fc.double({ min: 0.1, max: 300, noNaN: true })),
    failOn: maybe(fc.constantFrom("error", "warning", "never")),
    domains: maybe(fc.array(fc.oneof(domainEntry, validDomain), { minLength: 1, maxLength: 3 })),
    rules: maybe(
      fc.dictionary(
        fc.constantFrom("spf/ptr", "dmarc/no-rua", "nope/x"),
        fc.constantFrom("off", "error", "warning", "loud"),
        { maxKeys: 2 },
      ),
    ),
  },
  { requiredKeys: [] },
);

describe("config loader under hostile input", () => {
  it("throws only ConfigError naming file and line, and stays bounded, on arbitrary text", () => {
    fc.assert(
      fc.property(anyText(600), (text) => {
        const outcome = parse(text);
        if (outcome instanceof ConfigError) {
          expect(outcome.message).toMatch(/^fuzz\.yaml(:\d+(:\d+)?)?: ./);
          expect(outcome.message).not.toContain("\n");
        }
      }),
      fuzzOptions(),
    );
  });

  it("throws only ConfigError on config-shaped YAML with wrong kinds of values", () => {
    fc.assert(
      fc.property(configObject, (object) => {
        const outcome = parse(stringify(object));
        if (outcome instanceof ConfigError)
          expect(outcome.line === undefined || outcome.line >= 1).toBe(true);
      }),
      fuzzOptions(),
    );
  });

  it("stays bounded on deep nesting, anchors and aliases (no alias expansion bomb)", () => {
    const aliasBomb = [
      "a: &a [x, x, x, x, x, x, x, x, x]",
      ...Array.from(
        { length: 20 },
        (_, i) =>
          `${String.fromCharCode(98 + (i % 24))}${i}: &n${i} [${`*${i === 0 ? "a" : `n${i - 1}`}, `.repeat(9)}]`,
      ),
      "domains: [example.com]",
    ].join("\n");
    expect(parse(aliasBomb)).toBeInstanceOf(ConfigError);
    fc.assert(
      fc.property(
        fc.oneof(
          pathological("domains: ", ["[", "{", "- ", "  - ", "&a ", "*a ", "!!str ", "? ", "'", '"']),
          pathological("domains:\n", ["  - ", " ", "-", "\n"]),
        ),
        (t) => void parse(t),
      ),
      fuzzOptions(100),
    );
  });

  it("round-trips: a valid config written as YAML reads back as what was written", () => {
    const valid = fc.record({
      timeout: fc.integer({ min: 1, max: 300 }),
      domains: fc.uniqueArray(
        fc.record({ domain: validDomain, expect: fc.record({ dmarc: fc.record({ policy }) }) }),
        { minLength: 1, maxLength: 3, selector: (d) => d.domain },
      ),
    });
    fc.assert(
      fc.property(valid, (object) => {
        const config = parseConfig(stringify(object), { source: "fuzz.yaml", knownRuleIds: RULES });
        expect(config.timeout).toBe(object.timeout);
        expect(config.domains.map((d) => [d.domain, d.expect?.dmarc?.policy])).toEqual(
          object.domains.map((d) => [d.domain, d.expect.dmarc.policy]),
        );
      }),
      fuzzOptions(),
    );
  });
});
