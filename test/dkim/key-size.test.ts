import { createPublicKey, generateKeyPairSync } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readPublicKey } from "../../src/dkim/key-size.js";
import {
  FAST_PATH_MIN_MODULUS_BITS,
  pkcs1RsaModulusBits,
  spkiRsaModulusBits,
} from "../../src/dkim/rsa-der.js";

const rsa = (bits: number) => generateKeyPairSync("rsa", { modulusLength: bits }).publicKey;
const KEYS = new Map([512, 1024, 2048, 4096].map((bits) => [bits, rsa(bits)]));
const der = (bits: number, type: "spki" | "pkcs1") =>
  (KEYS.get(bits) ?? rsa(bits)).export({ format: "der", type });

/** OpenSSL's verdict on DER bytes, as `readPublicKey` gave it before the DER fast path. */
function opensslBits(bytes: Uint8Array, type: "spki" | "pkcs1"): number | undefined {
  try {
    const key = createPublicKey({ key: Buffer.from(bytes), format: "der", type });
    return key.asymmetricKeyType === "rsa" ? key.asymmetricKeyDetails?.modulusLength : undefined;
  } catch {
    return undefined;
  }
}

/** DER for SEQUENCE { INTEGER n, INTEGER e } from raw content octets (no sign fix-up). */
function pkcs1From(modulus: Uint8Array, exponent: Uint8Array): Buffer {
  const tlv = (tag: number, body: Uint8Array) => {
    const n = body.length;
    const head = n < 0x80 ? [tag, n] : n < 0x100 ? [tag, 0x81, n] : [tag, 0x82, n >> 8, n & 0xff];
    return Buffer.concat([Buffer.from(head), body]);
  };
  return tlv(0x30, Buffer.concat([tlv(0x02, modulus), tlv(0x02, exponent)]));
}

describe("readPublicKey: RSA sizes read from the DER", () => {
  it.each([512, 1024, 2048, 4096])("%i-bit key as SubjectPublicKeyInfo and as bare RSAPublicKey", (bits) => {
    expect(readPublicKey(der(bits, "spki").toString("base64"), "rsa")).toEqual({
      ok: true,
      keyType: "rsa",
      keyBits: bits,
      encoding: "spki",
    });
    expect(readPublicKey(der(bits, "pkcs1").toString("base64"), "rsa")).toEqual({
      ok: true,
      keyType: "rsa",
      keyBits: bits,
      encoding: "pkcs1",
    });
  });

  it("counts bits, not bytes, for a modulus that is not a whole number of octets", () => {
    const key = der(1023, "pkcs1");
    expect(pkcs1RsaModulusBits(key)).toBe(1023);
    expect(readPublicKey(key.toString("base64"), "rsa")).toMatchObject({ ok: true, keyBits: 1023 });
  });

  it("reads Ed25519 raw keys and refuses them as RSA-shaped DER", () => {
    const spki = generateKeyPairSync("ed25519").publicKey.export({ format: "der", type: "spki" });
    expect(readPublicKey(spki.subarray(12).toString("base64"), "ed25519")).toEqual({
      ok: true,
      keyType: "ed25519",
      keyBits: 256,
      encoding: "raw",
    });
    expect(spkiRsaModulusBits(spki)).toBeUndefined();
  });

  it("reports garbage, truncated keys and non-DKIM key types as invalid", () => {
    const full = der(2048, "spki");
    expect(readPublicKey("AAAA", "rsa").ok).toBe(false);
    expect(readPublicKey(Buffer.from("not a key at all").toString("base64"), "rsa").ok).toBe(false);
    expect(readPublicKey(full.subarray(0, full.length - 1).toString("base64"), "rsa").ok).toBe(false);
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({
      format: "der",
      type: "spki",
    });
    expect(readPublicKey(ec.toString("base64"), "rsa").ok).toBe(false);
  });

  it("leaves unusual DER to OpenSSL and keeps its verdict (it tolerates a trailing octet)", () => {
    const padded = Buffer.concat([der(2048, "spki"), Buffer.of(0)]);
    expect(spkiRsaModulusBits(padded)).toBeUndefined();
    expect(readPublicKey(padded.toString("base64"), "rsa")).toMatchObject({ ok: true, keyBits: 2048 });
  });

  it("refuses a negative or zero-padded modulus on the fast path (OpenSSL decides those)", () => {
    const e = Uint8Array.of(1, 0, 1);
    const rest = new Uint8Array(63).fill(0x5a); // with a leading 0x80 octet: a 512-bit modulus
    expect(pkcs1RsaModulusBits(pkcs1From(Uint8Array.of(0x80, ...rest), e))).toBeUndefined();
    expect(pkcs1RsaModulusBits(pkcs1From(Uint8Array.of(0, 0x7f, ...rest), e))).toBeUndefined();
    expect(pkcs1RsaModulusBits(pkcs1From(Uint8Array.of(0, 0x80, ...rest), e))).toBe(512);
  });

  it(`leaves moduli below ${FAST_PATH_MIN_MODULUS_BITS} bits to OpenSSL, and keeps its verdict`, () => {
    const e = Uint8Array.of(1, 0, 1);
    const small = pkcs1From(Uint8Array.of(0x7f, ...new Uint8Array(63).fill(0x5a)), e); // 511 bits
    expect(pkcs1RsaModulusBits(small)).toBeUndefined();
    expect(readPublicKey(small.toString("base64"), "rsa")).toMatchObject({ ok: true, keyBits: 511 });
  });
});

/** Counterexamples the property tests below found, kept as named cases (see CONTRIBUTING.md). */
describe("fast-check counterexamples", () => {
  it("a modulus of 1 (seen as '1 bit' by the fast path; OpenSSL refuses the key): invalid", () => {
    const bytes = pkcs1From(Uint8Array.from([1]), Uint8Array.from([0, 128]));
    expect(pkcs1RsaModulusBits(bytes)).toBeUndefined();
    expect(opensslBits(bytes, "pkcs1")).toBeUndefined();
    expect(readPublicKey(bytes.toString("base64"), "rsa").ok).toBe(false);
  });
});

describe("the DER fast path never disagrees with OpenSSL", () => {
  const bases = [
    { type: "spki" as const, bytes: der(1024, "spki") },
    { type: "pkcs1" as const, bytes: der(1024, "pkcs1") },
  ];
  const read = (bytes: Uint8Array, type: "spki" | "pkcs1") =>
    type === "spki" ? spkiRsaModulusBits(bytes) : pkcs1RsaModulusBits(bytes);

  it("on keys with one octet changed, cut short or extended", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...bases),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        fc.constantFrom("set", "cut", "append"),
        ({ type, bytes }, at, value, how) => {
          const index = at % bytes.length;
          const mutated =
            how === "cut"
              ? bytes.subarray(0, index)
              : how === "append"
                ? Buffer.concat([bytes, Buffer.of(value)])
                : Buffer.from(bytes).fill(value, index, index + 1);
          const fast = read(mutated, type);
          // Whatever the fast path accepts, OpenSSL reads as the same size.
          if (fast !== undefined) expect(fast).toBe(opensslBits(mutated, type));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("on arbitrary moduli and exponents", () => {
    fc.assert(
      fc.property(
        // Tiny moduli (degenerate ones) and key-sized ones around and above the fast path's floor.
        fc.oneof(
          fc.uint8Array({ minLength: 1, maxLength: 8 }),
          fc.uint8Array({ minLength: 62, maxLength: 300, size: "max" }),
        ),
        fc.uint8Array({ minLength: 1, maxLength: 4 }),
        (modulus, exponent) => {
          const bytes = pkcs1From(modulus, exponent);
          const fast = pkcs1RsaModulusBits(bytes);
          if (fast !== undefined) expect(fast).toBe(opensslBits(bytes, "pkcs1"));
        },
      ),
      { numRuns: 1000, examples: [[Uint8Array.from([1]), Uint8Array.from([0, 128])]] },
    );
  });
});
