import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDkimRecord } from "../../src/dkim/parse.js";
import { parseTagList } from "../../src/dkim/tag-list.js";
import { parseDmarcRecord } from "../../src/dmarc/parse.js";
import { parseDmarcUri } from "../../src/dmarc/uri.js";
import { anyText, domainLike, expectContained, fuzzOptions, nearValid, pathological } from "./fuzz-kit.js";

/** RFC 9989 §4.8 / RFC 7489 §6.4 tags, mostly with valid values. */
const policy = fc.constantFrom("none", "quarantine", "reject", "Reject", "n", "");
const mailto = fc
  .tuple(fc.emailAddress(), fc.constantFrom("", "!10m", "!5"))
  .map(([a, size]) => `mailto:${a}${size}`);
const dmarcTag = fc.oneof(
  policy.map((p) => `p=${p}`),
  policy.map((p) => `sp=${p}`),
  policy.map((p) => `np=${p}`),
  fc.constantFrom("r", "s", "x").map((v) => `adkim=${v}`),
  fc.constantFrom("r", "s").map((v) => `aspf=${v}`),
  fc.integer({ min: -1, max: 1000 }).map((v) => `pct=${v}`),
  fc.array(mailto, { minLength: 1, maxLength: 3 }).map((uris) => `rua=${uris.join(",")}`),
  fc.array(mailto, { minLength: 1, maxLength: 2 }).map((uris) => `ruf=${uris.join(", ")}`),
  fc.constantFrom("0", "1", "d", "s", "0:1", "1:d:s").map((v) => `fo=${v}`),
  fc.constantFrom("afrf", "iodef").map((v) => `rf=${v}`),
  fc.constantFrom("86400", "0", "99999999999").map((v) => `ri=${v}`),
  fc.constantFrom("y", "n").map((v) => `t=${v}`),
  fc.constantFrom("y", "n", "u").map((v) => `psd=${v}`),
  fc
    .tuple(
      fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,6}$/),
      fc.stringMatching(/^[\x21-\x3a\x3c-\x7e]{0,10}$/),
    )
    .map(([n, v]) => `${n}=${v}`),
);
const dmarcRecord = nearValid(dmarcTag, "; ").map((rest) => `v=DMARC1; ${rest}`);

/** RFC 6376 §3.6.1 key record tags; keys are random bytes in base64 (mostly unreadable keys). */
const dkimTag = fc.oneof(
  fc.constant("v=DKIM1"),
  fc.constantFrom("sha256", "sha1", "sha1:sha256", "").map((h) => `h=${h}`),
  fc.constantFrom("rsa", "ed25519", "dsa", "").map((k) => `k=${k}`),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => `p=${Buffer.from(bytes).toString("base64")}`),
  fc.constantFrom("", "MCowBQYDK2VwAyEA", "not base64!", "AAAA AAAA\r\n AAAA").map((p) => `p=${p}`),
  fc.constantFrom("*", "email", "email:*").map((s) => `s=${s}`),
  fc.constantFrom("y", "s", "y:s", "x").map((t) => `t=${t}`),
  fc.string({ maxLength: 30 }).map((n) => `n=${n}`),
);
const dkimRecord = nearValid(dkimTag, "; ");

describe("DMARC record parser under hostile input", () => {
  const parse = (text: string) => {
    const parsed = expectContained(() => parseDmarcRecord(text));
    if (parsed instanceof Error) throw parsed;
    for (const problem of parsed.problems) expect(problem.reason.length).toBeGreaterThan(0);
    return parsed;
  };

  it("never throws and stays bounded on arbitrary and near-valid text", () => {
    fc.assert(
      fc.property(fc.oneof(anyText(), dmarcRecord), (text) => void parse(text)),
      fuzzOptions(),
    );
  });

  it("stays bounded on long repetitions", () => {
    const fragments = ["v=DMARC1;", ";", "=", " ", "\t", "mailto:a@", "a.", "%2", "rua=mailto:", "fo=0:"];
    fc.assert(
      fc.property(
        fc.oneof(pathological("v=DMARC1; ", fragments), pathological("v=DMARC1; rua=mailto:", fragments)),
        (t) => void parse(t),
      ),
      fuzzOptions(100),
    );
  });

  it("round-trips: the tags it read, written back as a record, read the same", () => {
    fc.assert(
      fc.property(dmarcRecord, (record) => {
        const first = parseDmarcRecord(record);
        const { v, unknown, rua, ruf, ...simple } = first.tags;
        const parts = [`v=${v}`, ...Object.entries(simple).map(([k, value]) => `${k}=${value}`)];
        if (rua) parts.push(`rua=${rua.map((u) => u.raw).join(",")}`);
        if (ruf) parts.push(`ruf=${ruf.map((u) => u.raw).join(",")}`);
        for (const [k, value] of Object.entries(unknown ?? {})) parts.push(`${k}=${value}`);
        const again = parseDmarcRecord(parts.join("; "));
        expect(again.tags).toEqual(first.tags);
      }),
      fuzzOptions(),
    );
  });

  it("report URIs: never throw, and a host is only ever a lower-case DNS name", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyText(120),
          mailto,
          domainLike.map((d) => `mailto:x@${d}`),
        ),
        (raw) => {
          const check = expectContained(() => parseDmarcUri(raw));
          if (check instanceof Error) throw check;
          if (check.value.host !== null) expect(check.value.host).toMatch(/^[a-z0-9_.-]+$/);
        },
      ),
      fuzzOptions(),
    );
  });
});

describe("DKIM key record parser under hostile input", () => {
  const parse = (text: string) => {
    const facts = expectContained(() => parseDkimRecord(text));
    if (facts instanceof Error) throw facts;
    for (const problem of facts.problems) expect(problem.reason.length).toBeGreaterThan(0);
    // A size is only ever claimed for a key that was actually read.
    if (facts.keyBits !== null) expect(facts.keyEncoding).not.toBeNull();
    return facts;
  };

  it("never throws and stays bounded on arbitrary and near-valid text", () => {
    fc.assert(
      fc.property(fc.oneof(anyText(), dkimRecord), (text) => void parse(text)),
      fuzzOptions(),
    );
  });

  it("stays bounded on long repetitions and long keys", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          pathological("v=DKIM1; p=", ["A", "AA==", " A", "\t", "=", ";"]),
          pathological("v=DKIM1; ", ["; ", "a=b;", "=", "k=rsa;"]),
        ),
        (t) => void parse(t),
      ),
      fuzzOptions(100),
    );
  });

  it("tag lists: every tag read has a well-formed name, and each name once", () => {
    fc.assert(
      fc.property(fc.oneof(anyText(), dkimRecord, dmarcRecord), (text) => {
        const list = expectContained(() => parseTagList(text));
        if (list instanceof Error) throw list;
        const names = list.tags.map((t) => t.name);
        for (const name of names) expect(name).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
        expect(new Set(names).size).toBe(names.length);
      }),
      fuzzOptions(),
    );
  });
});
