/**
 * One DKIM selector's facts (an entry of the `dkim` array of docs/cli.md): plain data judged by the
 * `dkim/*` rules. `selector, record, keyType, keyBits` are the public contract.
 */

/** The tags of a DKIM key record (RFC 6376 §3.6.1, RFC 8463), as written; absent stays absent. */
export interface DkimTags {
  v?: string;
  /** Acceptable hash algorithms, colon-separated. */
  h?: string;
  /** Key type: rsa (default) or ed25519. */
  k?: string;
  n?: string;
  /** The public key, base64; empty means revoked. White space removed. */
  p?: string;
  /** Service types, colon-separated: * or email. */
  s?: string;
  /** Flags, colon-separated: y (testing), s (strict). */
  t?: string;
}

export type DkimProblemCode =
  | "bad-version"
  | "malformed-tag"
  | "duplicate-tag"
  | "missing-key"
  | "invalid-key"
  | "unknown-key-type"
  | "key-type-mismatch"
  | "multiple-records";

export interface DkimProblem {
  code: DkimProblemCode;
  tag?: string;
  value?: string;
  reason: string;
}

/** What a key record says once parsed (pure; see parse.ts). */
export interface DkimKeyFacts {
  tags: DkimTags;
  problems: DkimProblem[];
  /** rsa or ed25519 (from the key itself when it could be read, else from k=); null when unknown. */
  keyType: string | null;
  /** RSA modulus bits, or 256 for Ed25519; null when there is no readable key. */
  keyBits: number | null;
  /** How an RSA p= was encoded: SubjectPublicKeyInfo (usual) or a bare PKCS#1 RSAPublicKey. */
  keyEncoding: "spki" | "pkcs1" | "raw" | null;
  /** `p=` present but empty (RFC 6376 §3.6.1). */
  revoked: boolean;
  /** `t=y`. */
  testing: boolean;
  /** `t=s`: the i= domain must equal d=. */
  strict: boolean;
  /** Lower-cased `h=` entries; null when h= is absent (all algorithms allowed). */
  hashAlgorithms: string[] | null;
  /** Lower-cased `s=` entries; null when s= is absent (`*`). */
  serviceTypes: string[] | null;
}

export interface DkimAudit extends Partial<DkimKeyFacts> {
  selector: string;
  /** `<selector>._domainkey.<domain>`. */
  name: string;
  /**
   * found: a key record is there; missing: NXDOMAIN/NODATA; inconclusive: DNS failed or looped;
   * not-checked: a `--zone` input holds the key without its data (known only after apply).
   */
  status: "found" | "missing" | "inconclusive" | "not-checked";
  /** The key record (several joined: see problems), or null. */
  record: string | null;
  keyType: string | null;
  keyBits: number | null;
  /** CNAME targets followed from `name`, in order (ESP delegation); empty when none. */
  cnameChain: string[];
  /** Where the key actually lives when delegated by CNAME, else null. */
  cnameTarget: string | null;
}
