/**
 * The common real case the DNS client was built for: DKIM selectors that are CNAMEs to an ESP's
 * large keys, so every key answer is over 512 octets. Through a real recursive resolver (Unbound,
 * logging each query it receives) into NSD, the audit must ask each question exactly once: no
 * truncated UDP answer asked again over TCP (EDNS0 carries it), no hop asked twice.
 */
import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NsdServer, startNsd } from "../helpers/nsd.js";
import { runCli } from "../helpers/run-cli.js";
import { startUnbound, type UnboundServer } from "../helpers/unbound.js";
import { dnsDaemonsAvailable } from "./dns-lab.js";

/** One zone for the whole namespace: the DMARC tree walk asks up to `_dmarc.test` too. */
const ZONE = "test";
const DOMAINS = Array.from({ length: 24 }, (_, i) => `d${i}.largekeys.${ZONE}`);
const SELECTORS = ["s1", "s2", "s3"];

const rsaKey = (bits: number) =>
  generateKeyPairSync("rsa", { modulusLength: bits })
    .publicKey.export({ format: "der", type: "spki" })
    .toString("base64");
/** A TXT record's rdata in zone-file syntax: character-strings of at most 255 octets. */
const txt = (text: string) => (text.match(/.{1,250}/g) ?? []).map((s) => `"${s}"`).join(" ");

function zoneText(key4096: string, key2048: string): string {
  const lines = [
    `$ORIGIN ${ZONE}.`,
    "$TTL 3600",
    `@ IN SOA ns.${ZONE}. hostmaster.${ZONE}. 1 7200 3600 1209600 300`,
    `@ IN NS ns.${ZONE}.`,
    "ns IN A 127.0.0.1",
    `k4096.dkim.esp IN TXT ${txt(`v=DKIM1; k=rsa; p=${key4096}`)}`,
    `k2048.dkim.esp IN TXT ${txt(`v=DKIM1; k=rsa; p=${key2048}`)}`,
  ];
  for (const domain of DOMAINS) {
    const label = domain.slice(0, -ZONE.length - 1);
    lines.push(
      `${label} IN TXT "v=spf1 -all"`,
      `_dmarc.${label} IN TXT "v=DMARC1; p=reject"`,
      // The ESP delegation (RFC 6376 does not forbid it; every large ESP asks for it).
      `s1._domainkey.${label} IN CNAME k4096.dkim.esp.${ZONE}.`,
      `s2._domainkey.${label} IN CNAME k2048.dkim.esp.${ZONE}.`,
      `s3._domainkey.${label} IN TXT ${txt(`v=DKIM1; k=rsa; p=${key4096}`)}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** Questions Unbound logged after byte `offset` ("info: 127.0.0.1 name. TXT IN"), as "TYPE name". */
async function loggedQuestions(file: string, offset: number): Promise<string[]> {
  const text = (await readFile(file)).subarray(offset).toString("utf8");
  return [...text.matchAll(/info: \S+ (\S+) (\S+) IN$/gm)].map(
    ([, name = "", type = ""]) => `${type} ${name.toLowerCase().replace(/\.$/, "")}`,
  );
}

describe.runIf(dnsDaemonsAvailable())("large DKIM keys behind CNAMEs, through Unbound and NSD", () => {
  let dir: string;
  let nsd: NsdServer;
  let unbound: UnboundServer;
  let queryLog: string;
  let key4096: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "mailaudit-largekeys-"));
    key4096 = rsaKey(4096);
    const file = join(dir, `${ZONE}.zone`);
    await writeFile(file, zoneText(key4096, rsaKey(2048)));
    nsd = await startNsd([{ name: ZONE, file }]);
    queryLog = join(dir, "unbound-queries.log");
    unbound = await startUnbound({ zones: [ZONE], authority: nsd.address, queryLogFile: queryLog });
  }, 60_000);
  afterAll(async () => {
    await Promise.allSettled([unbound?.close(), nsd?.close()]);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("reads every key and asks each question once: queries received ÷ unique questions = 1.00", async () => {
    // The key records alone are over 512 octets, so without EDNS0 each answer would come truncated.
    expect(`v=DKIM1; k=rsa; p=${key4096}`.length).toBeGreaterThan(512);
    const offset = (await stat(queryLog)).size;
    const selectorArgs = SELECTORS.flatMap((s) => ["--selector", s]);
    const result = await runCli(["check", ...DOMAINS, ...selectorArgs, "-r", unbound.address, "-f", "json"]);
    expect(result.exitCode, result.stderr).toBe(0);
    const doc = JSON.parse(result.stdout) as {
      domains: { dkim: { selector: string; keyBits: number; cnameTarget: string | null }[] }[];
    };
    for (const domain of doc.domains) {
      expect(domain.dkim.map((k) => [k.selector, k.keyBits, k.cnameTarget])).toEqual([
        ["s1", 4096, `k4096.dkim.esp.${ZONE}`],
        ["s2", 2048, `k2048.dkim.esp.${ZONE}`],
        ["s3", 4096, null],
      ]);
    }
    // Give Unbound's log writes a moment to reach the file.
    await new Promise((r) => setTimeout(r, 200));
    const questions = await loggedQuestions(queryLog, offset);
    const unique = new Set(questions);
    expect(unique.has(`TXT s1._domainkey.${DOMAINS[0]}`)).toBe(true);
    // No question asked twice (a TCP retry after truncation would be logged a second time).
    expect(questions.length / unique.size).toBe(1);
    // And no hop-by-hop CNAME questions: the TXT answer carries the chain.
    expect(questions.filter((q) => q.startsWith("CNAME "))).toEqual([]);
  }, 60_000);
});
