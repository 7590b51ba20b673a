/**
 * The parsers of what surrounds SPF, DKIM and DMARC under hostile input: the `_mta-sts` and
 * `_smtp._tls` records, the MTA-STS policy file, the BIMI record and the SVG logo check never throw,
 * stay bounded, and a well-formed input generated from the grammar parses without a problem.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseBimiRecord } from "../../src/bimi/parse.js";
import { checkSvgTinyPs } from "../../src/bimi/svg-profile.js";
import { mxMatchesPattern } from "../../src/mta-sts/mx-pattern.js";
import { parsePolicy, parsePolicyBody } from "../../src/mta-sts/parse-policy.js";
import { parseStsRecord } from "../../src/mta-sts/parse-record.js";
import { parseTlsRptRecord } from "../../src/tls-rpt/parse.js";
import { anyText, domainLike, expectContained, fuzzOptions, nearValid, pathological } from "./fuzz-kit.js";

function contained<T extends { problems: readonly { reason: string }[] }>(parse: () => T): T {
  const result = expectContained(parse);
  if (result instanceof Error) throw result;
  for (const problem of result.problems) expect(problem.reason.length).toBeGreaterThan(0);
  return result;
}

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
/** Host names whose last label starts with a letter: a numeric one makes a URL host an IPv4 address. */
const hostName = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.stringMatching(/^[a-z][a-z0-9]{1,5}$/))
  .map(([labels, tld]) => [...labels, tld].join("."));
const stsId = fc.stringMatching(/^[A-Za-z0-9]{1,32}$/);
const extension = fc
  .tuple(
    fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,10}$/),
    fc.stringMatching(/^[\x21-\x3a\x3c\x3e-\x7e]{1,12}$/),
  )
  .filter(([name]) => name !== "id" && name !== "rua")
  .map(([name, value]) => `${name}=${value}`);
const delimiter = fc.constantFrom(";", "; ", " ;\t", ";  ");

describe("MTA-STS record parser", () => {
  const stsField = fc.oneof(
    stsId.map((id) => `id=${id}`),
    extension,
  );
  it("never throws and stays bounded", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyText(),
          nearValid(stsField, "; ").map((rest) => `v=STSv1; ${rest}`),
        ),
        (text) => void contained(() => parseStsRecord(text)),
      ),
      fuzzOptions(),
    );
    fc.assert(
      fc.property(
        pathological("v=STSv1; ", [";", "id=", " ", "a", "=;"]),
        (t) => void contained(() => parseStsRecord(t)),
      ),
      fuzzOptions(100),
    );
  });

  it("a record built from the grammar has no problem, and its id is read back", () => {
    fc.assert(
      fc.property(
        stsId,
        fc.array(extension, { maxLength: 3 }),
        delimiter,
        fc.boolean(),
        (id, extra, delim, trailing) => {
          const record = ["v=STSv1", `id=${id}`, ...extra].join(delim) + (trailing ? ";" : "");
          const parsed = parseStsRecord(record);
          expect(parsed.problems).toEqual([]);
          expect(parsed.id).toBe(id);
        },
      ),
      fuzzOptions(),
    );
  });
});

describe("TLS-RPT record parser", () => {
  const uri = fc.oneof(
    hostName.map((h) => `mailto:tls@${h}`),
    hostName.map((h) => `https://${h}/tls`),
  );
  it("never throws and stays bounded", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyText(),
          nearValid(
            fc.oneof(
              uri.map((u) => `rua=${u}`),
              extension,
            ),
            "; ",
          ).map((r) => `v=TLSRPTv1; ${r}`),
        ),
        (text) => void contained(() => parseTlsRptRecord(text)),
      ),
      fuzzOptions(),
    );
  });

  it("a record built from the grammar has no problem, and lists its destinations in order", () => {
    fc.assert(
      fc.property(
        fc.array(uri, { minLength: 1, maxLength: 4 }),
        fc.constantFrom(",", ", ", " ,"),
        (uris, comma) => {
          const parsed = parseTlsRptRecord(`v=TLSRPTv1; rua=${uris.join(comma)}`);
          expect(parsed.problems).toEqual([]);
          expect(parsed.rua.map((u) => u.uri)).toEqual(uris);
        },
      ),
      fuzzOptions(),
    );
  });
});

it("counterexample: an https: destination whose host ends in a number is invalid (a URL reads it as an IPv4 address)", () => {
  const parsed = parseTlsRptRecord("v=TLSRPTv1; rua=https://a.0/tls");
  expect(parsed.rua).toEqual([{ uri: "https://a.0/tls", scheme: "https", valid: false }]);
  expect(parsed.problems.map((p) => p.code)).toEqual(["invalid-value"]);
});

describe("MTA-STS policy parser", () => {
  const pattern = fc.oneof(
    hostName,
    hostName.map((h) => `*.${h}`),
  );
  const mode = fc.constantFrom("enforce", "testing", "none");
  const maxAge = fc.integer({ min: 0, max: 31_557_600 });
  const line = fc.oneof(
    mode.map((m) => `mode: ${m}`),
    maxAge.map((a) => `max_age: ${a}`),
    pattern.map((p) => `mx: ${p}`),
    fc.constant("version: STSv1"),
    anyText(40),
  );

  it("never throws and stays bounded, on text and on any bytes", () => {
    fc.assert(
      fc.property(fc.oneof(anyText(), nearValid(line, "\n")), (t) => void contained(() => parsePolicy(t))),
      fuzzOptions(),
    );
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 600 }),
        (bytes) => void contained(() => parsePolicyBody(bytes).fields),
      ),
      fuzzOptions(),
    );
  });

  it("a policy built from the grammar (LF or CRLF) has no problem and reads back", () => {
    fc.assert(
      fc.property(
        mode,
        maxAge,
        fc.array(pattern, { minLength: 1, maxLength: 4 }),
        fc.constantFrom("\n", "\r\n"),
        (m, age, mx, eol) => {
          const lines = ["version: STSv1", `mode: ${m}`, ...mx.map((p) => `mx: ${p}`), `max_age: ${age}`];
          const parsed = parsePolicy(lines.join(eol) + eol);
          expect(parsed.problems).toEqual([]);
          expect(parsed).toMatchObject({ version: "STSv1", mode: m, maxAge: age, mx });
        },
      ),
      fuzzOptions(),
    );
  });

  it("a wildcard pattern matches exactly one more label", () => {
    fc.assert(
      fc.property(label, label, hostName, (a, b, domain) => {
        expect(mxMatchesPattern(`${a}.${domain}`, `*.${domain}`)).toBe(true);
        expect(mxMatchesPattern(`${a}.${b}.${domain}`, `*.${domain}`)).toBe(false);
        expect(mxMatchesPattern(domain, `*.${domain}`)).toBe(false);
      }),
      fuzzOptions(),
    );
    fc.assert(
      fc.property(
        domainLike,
        anyText(40),
        (host, p) => void expectContained(() => mxMatchesPattern(host, p)),
      ),
      fuzzOptions(),
    );
  });
});

describe("BIMI record parser and SVG check", () => {
  const bimiTag = fc.oneof(
    fc.constant("v=BIMI1"),
    hostName.map((h) => `l=https://${h}/logo.svg`),
    hostName.map((h) => `a=https://${h}/vmc.pem`),
    fc.constantFrom("l=", "a=", "avp=brand", "avp=personal", "s=x"),
  );
  it("the record parser never throws and stays bounded", () => {
    fc.assert(
      fc.property(
        fc.oneof(anyText(), nearValid(bimiTag, "; ")),
        (text) => void contained(() => parseBimiRecord(text)),
      ),
      fuzzOptions(),
    );
  });

  it("the SVG check never throws on any bytes or near-SVG text, and hashes what it read", () => {
    const piece = fc.constantFrom(
      '<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny-ps">',
      "<title>x</title>",
      "<script>x</script>",
      '<use href="https://x.test/a"/>',
      "<!DOCTYPE svg [<!ENTITY a 'b'>]>",
      "&a;",
      "</svg>",
      "<![CDATA[",
      "]]>",
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 800 }),
          nearValid(piece, "").map((t) => Buffer.from(t)),
        ),
        (bytes) => {
          const check = contained(() => checkSvgTinyPs(bytes));
          expect(check.bytes).toBe(bytes.length);
          expect(check.sha256).toMatch(/^[0-9a-f]{64}$/);
          expect(check.problems.length).toBeLessThanOrEqual(20);
        },
      ),
      fuzzOptions(),
    );
  });
});
