/**
 * A plain XML file is the report itself, so one larger than `--max-size` is refused by its size,
 * before its bytes are read and parsed (a 100 MB file took ~4 s to be refused at the limit while
 * parsing). Compressed input and the reports inside containers are still cut off while streaming
 * (bombs.test.ts); both paths refuse with the same words.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Extracted, extractReports } from "../../src/reports/extract.js";
import { limitsForMegabytes } from "../../src/reports/limits.js";
import { SNIFF_LENGTH } from "../../src/reports/sniff.js";
import { runCli } from "../helpers/run-cli.js";
import { reportXml } from "./generated-set.js";

const LIMITS = limitsForMegabytes(1);
/** As much of the file as is read to tell what it is (sniff.ts), and no more. */
const HEAD = Buffer.from('<?xml version="1.0"?>\n<feedback><report_metadata>'.padEnd(SNIFF_LENGTH, " "));

/** A file's bytes that may be read only as far as the sniffed head: reading on fails the test. */
function headOnly(): { chunks: AsyncIterable<Uint8Array>; readPastHead: () => boolean } {
  let past = false;
  return {
    chunks: (async function* () {
      yield HEAD;
      past = true;
      yield Buffer.alloc(64 * 1024, 0x20);
    })(),
    readPastHead: () => past,
  };
}

async function extractAll(size: number) {
  const file = headOnly();
  const found: Extracted[] = [];
  for await (const item of extractReports(
    { name: "big.xml", path: "big.xml", size, chunks: file.chunks },
    LIMITS,
  ))
    found.push(item);
  return { found, readPastHead: file.readPastHead() };
}

describe("a plain XML file over --max-size", () => {
  it("is refused by its size, its bytes past the sniffed head never read", async () => {
    const { found, readPastHead } = await extractAll(LIMITS.maxBytes + 1);
    expect(found).toEqual([
      { kind: "refused", name: "big.xml", reason: "report exceeds the size limit of 1 MB (--max-size)" },
    ]);
    expect(readPastHead).toBe(false);
  });

  it("at exactly the limit is a report like any other", async () => {
    const { found } = await extractAll(LIMITS.maxBytes);
    expect(found.map((f) => f.kind)).toEqual(["report"]);
  });
});

describe("reports ingest with a file over --max-size", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "mailaudit-size-limit-"));
    mkdirSync(join(dir, "in"));
    const report = (id: string, sources: number) =>
      reportXml({
        org: "rep.example",
        id,
        domain: "example.test",
        begin: 1_700_000_000,
        end: 1_700_086_399,
        records: Array.from({ length: sources }, (_, i) => ({
          ip: `192.0.2.${(i % 250) + 1}`,
          count: 1,
          dkim: "pass" as const,
          spf: "pass" as const,
        })),
      });
    writeFileSync(join(dir, "in", "small.xml"), report("small-1", 1));
    writeFileSync(join(dir, "in", "large.xml"), report("large-1", 400));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("refuses that file in one line and stores the one beside it (exit 3)", async () => {
    // 0.05 MB: the one-source report fits, the 400-source one does not.
    const result = await runCli([
      "reports",
      "ingest",
      "--db",
      join(dir, "s.db"),
      "--max-size",
      "0.05",
      join(dir, "in"),
    ]);
    expect(result.exitCode).toBe(3);
    expect(result.stderr.trim().split("\n")).toEqual([
      `mailaudit: refused ${join(dir, "in", "large.xml")}: report exceeds the size limit of 0.05 MB (--max-size)`,
    ]);
    expect(result.stdout).toMatch(/stored 1 report/);
  });
});
