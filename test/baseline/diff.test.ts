import { describe, expect, it } from "vitest";
import { canonicalize, identityOf } from "../../src/baseline/canonical.js";
import { diffJson } from "../../src/baseline/diff.js";
import { buildLockFile, parseLockFile, serializeLockFile } from "../../src/baseline/lockfile.js";

describe("diffJson", () => {
  it("reports nothing for equal values", () => {
    expect(diffJson({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toEqual([]);
  });

  it("reports added, removed and changed paths, in sorted key order", () => {
    const before = { spf: { tree: { children: [{ domain: "a" }] }, lookupCount: 2 }, z: 1 };
    const after = {
      spf: { tree: { children: [{ domain: "b" }, { domain: "c" }] }, lookupCount: 3 },
      y: true,
    };
    expect(diffJson(before, after)).toEqual([
      { path: "spf.lookupCount", kind: "changed", before: 2, after: 3 },
      { path: "spf.tree.children[0].domain", kind: "changed", before: "a", after: "b" },
      { path: "spf.tree.children[1]", kind: "added", after: { domain: "c" } },
      { path: "y", kind: "added", after: true },
      { path: "z", kind: "removed", before: 1 },
    ]);
  });

  it("matches keyed array elements by identity, not position", () => {
    const before = {
      dkim: [
        { selector: "a", bits: 1 },
        { selector: "b", bits: 2 },
      ],
    };
    const after = { dkim: [{ selector: "b", bits: 2 }] };
    expect(diffJson(before, after, { keyOf: identityOf })).toEqual([
      { path: "dkim[selector=a]", kind: "removed", before: { selector: "a", bits: 1 } },
    ]);
  });

  it("quotes keys that are not identifiers and treats a type change as a change", () => {
    expect(diffJson({ "a.b": 1 }, { "a.b": "1" })).toEqual([
      { path: '["a.b"]', kind: "changed", before: 1, after: "1" },
    ]);
  });
});

describe("lock files", () => {
  it("canonicalizes: sorted keys, answer sets sorted, order-carrying arrays kept", () => {
    expect(
      JSON.stringify(canonicalize({ b: 1, records: ["z", "a"], children: ["z", "a"], a: undefined })),
    ).toBe('{"b":1,"children":["z","a"],"records":["a","z"]}');
  });

  it("round-trips and rejects what is not a lock file", () => {
    const lock = buildLockFile(
      [
        { domain: "b.test", lookupFailures: [] },
        { domain: "a.test", lookupFailures: [] },
      ],
      "2026-01-01T00:00:00Z",
    );
    const text = serializeLockFile(lock);
    expect(Object.keys(lock.domains)).toEqual(["a.test", "b.test"]);
    expect(parseLockFile(text)).toEqual(lock);
    expect(parseLockFile("{}")).toMatch(/schemaVersion/);
    expect(parseLockFile("nope")).toMatch(/^not JSON/);
  });

  it("leaves the answers' TTLs and DNSSEC status out: a TTL counting down is not drift", () => {
    const answered = (ttl: number) =>
      buildLockFile(
        [
          {
            domain: "a.test",
            lookupFailures: [],
            answers: [{ name: "a.test", type: "TXT", result: "ok", ttl, dnssec: "not validated" }],
          },
        ],
        "2026-01-01T00:00:00Z",
      );
    expect(answered(300)).toEqual(answered(17));
    expect(serializeLockFile(answered(300))).not.toMatch(/ttl|dnssec/);
  });
});
