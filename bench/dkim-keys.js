/**
 * A handful of real RSA-2048 DKIM keys, generated once and kept in `.bench/` (gitignored), then
 * reused across domains: key generation is slow and the bench measures DNS, not key diversity.
 */
import { generateKeyPairSync } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const KEY_COUNT = 4;

/** @returns {string[]} base64 SubjectPublicKeyInfo DER, the `p=` of a DKIM key record (RFC 6376 §3.6.1) */
export function dkimPublicKeys(cacheDir) {
  const cache = join(cacheDir, "dkim-keys.json");
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, "utf8"));
  const keys = Array.from({ length: KEY_COUNT }, () =>
    generateKeyPairSync("rsa", { modulusLength: 2048 })
      .publicKey.export({ type: "spki", format: "der" })
      .toString("base64"),
  );
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(cache, JSON.stringify(keys));
  return keys;
}
