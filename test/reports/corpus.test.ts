import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAggregateStream } from "../../src/reports/aggregate-parser.js";
import { extractReports } from "../../src/reports/extract.js";
import { walkInputs } from "../../src/reports/inputs.js";
import { limitsForMegabytes } from "../../src/reports/limits.js";
import { refusalReason } from "../../src/reports/refusal.js";
import { CONFORMANCE_DIR } from "../helpers/fixtures.js";

/** The real-world corpus copied into fixtures/ (its README lists what is odd about each file). */
const CORPUS = join(CONFORMANCE_DIR, "dmarc-reports/aggregate");

type Outcome =
  | {
      kind: "ok";
      reportId: string;
      domain: string;
      begin: number;
      end: number;
      records: number;
      messages: number;
      warnings: string[];
    }
  | { kind: "refused"; reason: string };

async function readCorpus(): Promise<Map<string, Outcome>> {
  const outcomes = new Map<string, Outcome>();
  const files = listFiles(CORPUS).filter((f) => !f.endsWith(".json"));
  for await (const item of walkInputs(files, (async function* () {})())) {
    if (item.kind !== "input") throw new Error(item.reason);
    for await (const found of extractReports(item.input, limitsForMegabytes(64))) {
      const name = relative(CORPUS, found.name);
      if (found.kind === "refused") {
        outcomes.set(name, { kind: "refused", reason: found.reason });
        continue;
      }
      try {
        const o = await parseAggregateStream(found.bytes);
        const { metadata: m, policy } = o.header;
        outcomes.set(name, {
          kind: "ok",
          reportId: m.reportId,
          domain: policy.domain,
          begin: m.begin,
          end: m.end,
          records: o.recordCount,
          messages: o.messageCount,
          warnings: o.warnings,
        });
      } catch (error) {
        outcomes.set(name, { kind: "refused", reason: refusalReason(error) });
      }
    }
  }
  return outcomes;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory()
        ? listFiles(path)
        : name.startsWith(".") || name === "README.md"
          ? []
          : [path];
    });
}

/** Independent count: a regex over the raw bytes, not our parser. */
function regexTotals(path: string): { records: number; messages: number } {
  const text = readFileSync(path, "latin1");
  const counts = [...text.matchAll(/<count>\s*(\d+)\s*<\/count>/g)].map((m) => Number(m[1]));
  return {
    records: [...text.matchAll(/<(?:\w+:)?record>/g)].length,
    messages: counts.reduce((a, b) => a + b, 0),
  };
}

const outcomes = await readCorpus();
const ok = (name: string) => {
  const outcome = outcomes.get(name);
  if (outcome?.kind !== "ok") throw new Error(`${name}: ${outcome ? outcome.reason : "not seen"}`);
  return outcome;
};

/** Our documented policy (docs/reports.md): these carry no report, or are truncated. */
const REFUSED = [
  "dmarc-cat/bad.xml",
  "dmarc-cat/empty.txt",
  "dmarc-cat/bad.zip!bad.xml",
  "dmarc-cat/notempty.txt",
  "dmarc-cat/notempty.txt.gz",
  "dmarc-cat/notempty.zip!notempty.txt",
  "parsedmarc/empty.xml",
  "opendmarc/bad.com!example.com!1337140800!1337227200.xml",
];

describe("the shared corpus of real-world aggregate reports", () => {
  it("refuses exactly the files that carry no complete report", () => {
    const refused = [...outcomes]
      .filter(([, o]) => o.kind === "refused")
      .map(([name]) => name)
      .sort();
    expect(refused).toEqual([...REFUSED].sort());
    expect(
      (outcomes.get("opendmarc/bad.com!example.com!1337140800!1337227200.xml") as { reason: string }).reason,
    ).toMatch(/unclosed|truncated/);
  });

  it("agrees with Stalwart's expected outputs", () => {
    const stalwart = join(CORPUS, "stalwart-mail-auth");
    for (const json of readdirSync(stalwart).filter((f) => f.endsWith(".json"))) {
      const expected = JSON.parse(readFileSync(join(stalwart, json), "utf8"));
      const base = json.replace(".json", "");
      const name = [...outcomes.keys()].find((k) => k.startsWith(`stalwart-mail-auth/${base}.`)) as string;
      const got = ok(name);
      expect(
        {
          id: got.reportId,
          domain: got.domain,
          begin: got.begin,
          end: got.end,
          records: got.records,
          messages: got.messages,
        },
        name,
      ).toEqual({
        id: expected.report_metadata.report_id,
        domain: expected.policy_published.domain,
        begin: expected.report_metadata.date_range.begin,
        end: expected.report_metadata.date_range.end,
        records: expected.record.length,
        messages: expected.record.reduce(
          (sum: number, r: { row: { count: number } }) => sum + r.row.count,
          0,
        ),
      });
    }
  });

  it("counts records and messages like an independent regex over every bare XML file", () => {
    let checked = 0;
    for (const [name, outcome] of outcomes) {
      if (outcome.kind !== "ok" || !name.endsWith(".xml")) continue;
      const path = join(CORPUS, name);
      // Names inside containers (`x.zip!y.xml`) are not files; bare files may contain "!" themselves.
      if (!statSync(path, { throwIfNoEntry: false })?.isFile()) continue;
      checked++;
      expect({ records: outcome.records, messages: outcome.messages }, name).toEqual(regexTotals(path));
    }
    expect(checked).toBeGreaterThan(40);
    expect(ok("opendmarc/good.com!example.com!1337270400!1337356799.xml")).toMatchObject({
      records: 754,
      messages: 183934,
    });
  });

  it("reads the same report identically as xml, gzip, double gzip, zip and inside e-mails", () => {
    const variants = [
      "tierpod/test.xml",
      "tierpod/test.xml.gz",
      "tierpod/test.xml.gz.gz",
      "tierpod/test.xml.zip!test.xml",
    ].map(ok);
    for (const v of variants) expect(v).toEqual(variants[0]);
    expect(ok("parsedmarc/extract_report/nice-input.xml.zip!nice-input.xml")).toEqual(
      ok("parsedmarc/extract_report/nice-input.xml"),
    );
    expect(ok("mail-dmarc/test_dmarc.xml.zip!(unnamed entry)")).toEqual(ok("mail-dmarc/test_dmarc.xml"));
    const mimecast = [...outcomes.keys()].find((k) =>
      k.startsWith("parsedmarc/mimecast-weird-gzip.eml!"),
    ) as string;
    expect(ok(mimecast).records).toBeGreaterThan(0);
  });

  it("recovers the documented defects and says so", () => {
    expect(ok("parsedmarc/invalid_xml.xml").warnings.join()).toMatch(/stray '<'/);
    expect(ok("parsedmarc/invalid_utf_8.xml").warnings.join()).toMatch(/U\+FFFD/);
    expect(ok("parsedmarc/ikea.com!example.de!1538690400!1538776800.xml").warnings.join()).toMatch(
      /after <\/feedback>/,
    );
    expect(ok("opendmarc/163.com!example.com!1337270400!1337356799.20120518163.xml").begin).toBe(1337270400);
  });
});
