import { generateKeyPairSync } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDkimRecord } from "../../src/dkim/parse.js";
import { CONFORMANCE_DIR } from "../helpers/fixtures.js";

const spki = (bits: number) =>
  generateKeyPairSync("rsa", { modulusLength: bits })
    .publicKey.export({ format: "der", type: "spki" })
    .toString("base64");
const RSA1024 = spki(1024);
const ED = generateKeyPairSync("ed25519")
  .publicKey.export({ format: "der", type: "spki" })
  .subarray(12)
  .toString("base64");

describe("parseDkimRecord", () => {
  // record → [keyType, keyBits, problem codes]
  const cases: [string, string | null, number | null, string[]][] = [
    [`v=DKIM1; k=rsa; p=${RSA1024}`, "rsa", 1024, []],
    [`p=${RSA1024}`, "rsa", 1024, []],
    [`v=DKIM1; k=ed25519; p=${ED}`, "ed25519", 256, []],
    [`v=DKIM1; p=${RSA1024.slice(0, 40)} ${RSA1024.slice(40)}`, "rsa", 1024, []],
    ["v=DKIM1; p=", "rsa", null, []],
    ["v=DKIM1; k=rsa", "rsa", null, ["missing-key"]],
    ["v=DKIM1; p=not*base64", "rsa", null, ["invalid-key"]],
    ["v=DKIM1; p=AAAA", "rsa", null, ["invalid-key"]],
    [`v=DKIM1; k=ed25519; p=${RSA1024}`, "ed25519", null, ["invalid-key"]],
    [`v=DKIM1; k=dsa; p=${RSA1024}`, null, null, ["unknown-key-type"]],
    [`k=rsa; v=DKIM1; p=${RSA1024}`, "rsa", 1024, ["bad-version"]],
    [`v=DKIM2; p=${RSA1024}`, "rsa", 1024, ["bad-version"]],
    [`v=DKIM1; p=${RSA1024}; p=${RSA1024}`, "rsa", 1024, ["duplicate-tag"]],
    [`v=DKIM1; x=unknown; p=${RSA1024}`, "rsa", 1024, []],
  ];
  it.each(cases)("%s", (record, keyType, keyBits, problems) => {
    const facts = parseDkimRecord(record);
    expect([facts.keyType, facts.keyBits, facts.problems.map((p) => p.code)]).toEqual([
      keyType,
      keyBits,
      problems,
    ]);
  });

  it("reads flags, hash algorithms and service types", () => {
    const facts = parseDkimRecord(`v=DKIM1; h=sha1; s=tlsrpt; t=y:s; p=${RSA1024}`);
    expect(facts).toMatchObject({
      testing: true,
      strict: true,
      hashAlgorithms: ["sha1"],
      serviceTypes: ["tlsrpt"],
      revoked: false,
    });
    expect(parseDkimRecord("v=DKIM1; p=").revoked).toBe(true);
  });
});

describe("key records from Stalwart's DKIM vectors (fixtures/conformance/dkim)", () => {
  const dir = join(CONFORMANCE_DIR, "dkim/stalwart-mail-auth");
  const records = readdirSync(dir).flatMap((file) => {
    const head = readFileSync(join(dir, file), "utf8").split(/\r?\n\r?\n/)[0] ?? "";
    return head
      .split(/\r?\n/)
      .filter(Boolean)
      .map((line) => [`${file} ${line.slice(0, line.indexOf(" "))}`, line.slice(line.indexOf(" ") + 1)]);
  });

  it("finds the key records", () => {
    expect(records.length).toBeGreaterThanOrEqual(6);
  });

  // Every one of these keys verifies real signatures, so each must parse with a readable key.
  it.each(records)("%s", (_name, record) => {
    const facts = parseDkimRecord(record as string);
    expect(facts.problems).toEqual([]);
    expect(["rsa", "ed25519"]).toContain(facts.keyType);
    expect(facts.keyBits).toBeGreaterThanOrEqual(facts.keyType === "ed25519" ? 256 : 1024);
  });

  it("reads the bare PKCS#1 RSAPublicKey of RFC 6376 Appendix A (002.txt)", () => {
    const record = records.find(([name]) => name?.startsWith("002.txt"))?.[1] as string;
    expect(parseDkimRecord(record).keyEncoding).toBe("pkcs1");
  });
});
