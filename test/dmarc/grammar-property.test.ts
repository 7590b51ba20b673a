/**
 * DMARC records generated along RFC 9989 §4.7–4.8 (test/dmarc/dmarc-abnf.ts: valid, and with one
 * mutation the grammar rejects): the parser accepts exactly the valid ones and names each mutation
 * with the right problem, and the policy derived from a record agrees with the parser's verdict
 * (RFC 9989 §4.10.1: a record without a valid p, or with a repeated tag, never applies its own p).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { appliedPolicyTags } from "../../src/dmarc/effective-policy.js";
import { parseDmarcRecord } from "../../src/dmarc/parse.js";
import type { DmarcProblemCode } from "../../src/dmarc/types.js";
import { fuzzOptions } from "../fuzz/fuzz-kit.js";
import { generatedDmarcRecord } from "./dmarc-abnf.js";

/** Problems that do not make a record invalid: advice about order, or about URI schemes. */
const ADVISORY: readonly DmarcProblemCode[] = ["policy-not-second", "unknown-tag", "unsupported-uri-scheme"];

describe("DMARC records generated along RFC 9989 §4.8", () => {
  it("the parser accepts the valid ones and names each mutation of the others", () => {
    fc.assert(
      fc.property(generatedDmarcRecord, (generated) => {
        const parsed = parseDmarcRecord(generated.record);
        const errors = parsed.problems.filter((p) => !ADVISORY.includes(p.code)).map((p) => p.code);
        const context = JSON.stringify({ generated, problems: parsed.problems });
        if (generated.valid) {
          expect(errors, context).toEqual([]);
          expect(parsed.tags.p, context).toBe(generated.policy);
        } else {
          expect(errors, context).toContain(generated.expected);
        }
      }),
      fuzzOptions(3000),
    );
  });

  it("a record applies its own p exactly when the parser finds it and its tag-list valid", () => {
    fc.assert(
      fc.property(generatedDmarcRecord, (generated) => {
        const parsed = parseDmarcRecord(generated.record);
        const applied = appliedPolicyTags(parsed);
        const context = JSON.stringify({ generated, applied });
        const policyProblem = parsed.problems.some(
          (p) =>
            ["invalid-policy", "missing-policy", "duplicate-tag"].includes(p.code) ||
            (p.code === "invalid-character" && ["p", "sp", "np"].includes(p.tag ?? "")),
        );
        if (!policyProblem) {
          expect(applied, context).toMatchObject({ p: parsed.tags.p, fallback: false });
          return;
        }
        // RFC 9989 §4.10.1: p=none when rua (present once) names a valid URI, else no DMARC at all.
        const validRua = parsed.repeatedTags.includes("rua")
          ? false
          : (parsed.tags.rua ?? []).some((u) => u.valid);
        expect(applied, context).toEqual(validRua ? { p: "none", fallback: true } : null);
      }),
      fuzzOptions(3000),
    );
  });
});
