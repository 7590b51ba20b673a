import { createPublicKey, type KeyObject } from "node:crypto";
import { pkcs1RsaModulusBits, spkiRsaModulusBits } from "./rsa-der.js";

export type KeyRead =
  | { ok: true; keyType: "rsa" | "ed25519"; keyBits: number; encoding: "spki" | "pkcs1" | "raw" }
  | { ok: false; reason: string };

// DER SubjectPublicKeyInfo header for an Ed25519 key (RFC 8410 §4): the raw 32 bytes follow.
const ED25519_SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

/**
 * Reads the key in a `p=` value (base64, white space already removed) and reports its type and size
 * from the key itself, not from `k=`. RSA keys are SubjectPublicKeyInfo in practice (RFC 6376
 * Appendix C); RFC 6376 §3.6.1's text names a bare RSAPublicKey, so that is accepted too. Ed25519
 * `p=` is the raw 32-byte key (RFC 8463 §4.2).
 */
export function readPublicKey(base64: string, declaredType: string): KeyRead {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 === 1) {
    return { ok: false, reason: "p= is not valid base64" };
  }
  const der = Buffer.from(base64, "base64");
  if (declaredType === "ed25519") {
    if (der.length !== 32)
      return { ok: false, reason: `an Ed25519 key is 32 bytes, this one is ${der.length}` };
    return tryKey(
      () => createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, der]), format: "der", type: "spki" }),
      "raw",
    );
  }
  // Fast path for the usual RSA shapes; anything unusual gets OpenSSL's verdict below.
  const spkiBits = spkiRsaModulusBits(der);
  if (spkiBits !== undefined) return { ok: true, keyType: "rsa", keyBits: spkiBits, encoding: "spki" };
  const pkcs1Bits = pkcs1RsaModulusBits(der);
  if (pkcs1Bits !== undefined) return { ok: true, keyType: "rsa", keyBits: pkcs1Bits, encoding: "pkcs1" };
  const spki = tryKey(() => createPublicKey({ key: der, format: "der", type: "spki" }), "spki");
  if (spki.ok) return spki;
  const pkcs1 = tryKey(() => createPublicKey({ key: der, format: "der", type: "pkcs1" }), "pkcs1");
  return pkcs1.ok
    ? pkcs1
    : {
        ok: false,
        reason: "p= holds no readable public key (neither SubjectPublicKeyInfo nor RSAPublicKey DER)",
      };
}

function tryKey(load: () => KeyObject, encoding: "spki" | "pkcs1" | "raw"): KeyRead {
  let key: KeyObject;
  try {
    key = load();
  } catch {
    return { ok: false, reason: "unreadable key" };
  }
  if (key.asymmetricKeyType === "rsa") {
    return { ok: true, keyType: "rsa", keyBits: key.asymmetricKeyDetails?.modulusLength ?? 0, encoding };
  }
  if (key.asymmetricKeyType === "ed25519") return { ok: true, keyType: "ed25519", keyBits: 256, encoding };
  return { ok: false, reason: `a ${key.asymmetricKeyType ?? "unknown"} key cannot be a DKIM key` };
}
