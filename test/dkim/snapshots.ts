/** Builds DKIM snapshots for rule tests from key record texts, through the real (pure) parser. */
import { generateKeyPairSync } from "node:crypto";
import { parseDkimRecord } from "../../src/dkim/parse.js";
import type { DkimAudit } from "../../src/dkim/types.js";
import type { DomainSnapshot } from "../../src/engine/types.js";
import { emptySnapshot } from "../helpers/rule-tester.js";

const keys = new Map<number, string>();
/** A real RSA SubjectPublicKeyInfo in base64 (generated once per size). */
export function rsaKey(bits: number): string {
  let key = keys.get(bits);
  if (!key) {
    key = generateKeyPairSync("rsa", { modulusLength: bits })
      .publicKey.export({ format: "der", type: "spki" })
      .toString("base64");
    keys.set(bits, key);
  }
  return key;
}

export function foundKey(selector: string, record: string): DkimAudit {
  const facts = parseDkimRecord(record);
  return {
    selector,
    name: `${selector}._domainkey.example.com`,
    status: "found",
    record,
    cnameChain: [],
    cnameTarget: null,
    ...facts,
  };
}

export function dkimSnapshot(...keysFound: DkimAudit[]): DomainSnapshot {
  return { ...emptySnapshot(), dkim: keysFound };
}
