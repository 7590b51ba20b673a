/**
 * Reads an RSA key's modulus size straight from its DER, without building a key object: on a
 * 500-domain audit `createPublicKey` cost ~0.13 ms a key, this walk microseconds. It accepts only
 * the canonical shapes (strict DER, X.690 §10) and returns `undefined` for anything else, so the
 * caller can hand unusual input (including moduli below `FAST_PATH_MIN_MODULUS_BITS`) to
 * `createPublicKey` and keep its verdict: this is a fast path, never a second opinion.
 */

const SEQUENCE = 0x30;
const INTEGER = 0x02;
const BIT_STRING = 0x03;
const OBJECT_IDENTIFIER = 0x06;
const NULL = 0x05;

/**
 * The smallest modulus the fast path answers for: RFC 6376 §3.3.3 has verifiers handle 512 to 2048
 * bits, so real DKIM keys start there. Smaller moduli are unusual, and some are degenerate (a modulus
 * of 1 reads as "1 bit" here while OpenSSL refuses the key): OpenSSL decides those.
 */
export const FAST_PATH_MIN_MODULUS_BITS = 512;

// rsaEncryption, 1.2.840.113549.1.1.1 (RFC 8017 Appendix C), as DER content bytes.
const RSA_ENCRYPTION_OID = Buffer.from("2a864886f70d010101", "hex");

interface Element {
  tag: number;
  /** Offset of the first content byte. */
  start: number;
  /** Offset just past the last content byte. */
  end: number;
}

/** One TLV at `offset` within `[.., limit)`; lengths must be definite and minimal (DER). */
function readElement(der: Uint8Array, offset: number, limit: number): Element | undefined {
  if (offset + 2 > limit) return undefined;
  const tag = der[offset] as number;
  const first = der[offset + 1] as number;
  let start = offset + 2;
  let length = first;
  if (first & 0x80) {
    const octets = first & 0x7f;
    // 0x80 is BER's indefinite length; more than 3 octets would describe more than 16 MB.
    if (octets === 0 || octets > 3 || start + octets > limit) return undefined;
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + (der[start + i] as number);
    start += octets;
    // Minimal length encoding: long form only from 128, without leading zero octets.
    if (length < 0x80 || (der[offset + 2] as number) === 0) return undefined;
  }
  const end = start + length;
  return end <= limit ? { tag, start, end } : undefined;
}

/** A positive, minimally encoded INTEGER's size in bits; undefined if zero, negative or padded. */
function positiveIntegerBits(der: Uint8Array, element: Element): number | undefined {
  let start = element.start;
  if (element.tag !== INTEGER || start === element.end) return undefined;
  if ((der[start] as number) & 0x80) return undefined; // negative
  if (der[start] === 0) {
    // A leading zero is allowed only as the sign octet of a number whose top bit is set.
    if (start + 1 === element.end || !((der[start + 1] as number) & 0x80)) return undefined;
    start++;
  }
  return (element.end - start - 1) * 8 + (32 - Math.clz32(der[start] as number));
}

/** RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } (RFC 8017 §A.1.1). */
function rsaPublicKeyBits(der: Uint8Array, start: number, end: number): number | undefined {
  const outer = readElement(der, start, end);
  if (!outer || outer.tag !== SEQUENCE || outer.end !== end) return undefined;
  const modulus = readElement(der, outer.start, outer.end);
  if (!modulus) return undefined;
  const exponent = readElement(der, modulus.end, outer.end);
  if (!exponent || exponent.end !== outer.end) return undefined;
  const bits = positiveIntegerBits(der, modulus);
  if (bits === undefined || bits < FAST_PATH_MIN_MODULUS_BITS) return undefined;
  return positiveIntegerBits(der, exponent) !== undefined ? bits : undefined;
}

/**
 * SubjectPublicKeyInfo (RFC 5280 §4.1) with AlgorithmIdentifier rsaEncryption and NULL parameters
 * (RFC 3279 §2.3.1), wrapping an RSAPublicKey in a BIT STRING with no unused bits.
 */
export function spkiRsaModulusBits(der: Uint8Array): number | undefined {
  const spki = readElement(der, 0, der.length);
  if (!spki || spki.tag !== SEQUENCE || spki.end !== der.length) return undefined;
  const algorithm = readElement(der, spki.start, spki.end);
  if (!algorithm || algorithm.tag !== SEQUENCE) return undefined;
  const oid = readElement(der, algorithm.start, algorithm.end);
  if (!oid || oid.tag !== OBJECT_IDENTIFIER) return undefined;
  if (!RSA_ENCRYPTION_OID.equals(der.subarray(oid.start, oid.end))) return undefined;
  const params = readElement(der, oid.end, algorithm.end);
  if (!params || params.tag !== NULL || params.start !== params.end || params.end !== algorithm.end)
    return undefined;
  const key = readElement(der, algorithm.end, spki.end);
  if (!key || key.tag !== BIT_STRING || key.end !== spki.end || key.start === key.end) return undefined;
  if (der[key.start] !== 0) return undefined; // unused-bits octet
  return rsaPublicKeyBits(der, key.start + 1, key.end);
}

/** A bare RSAPublicKey (PKCS#1), as RFC 6376 §3.6.1's text describes `p=`. */
export function pkcs1RsaModulusBits(der: Uint8Array): number | undefined {
  return rsaPublicKeyBits(der, 0, der.length);
}
