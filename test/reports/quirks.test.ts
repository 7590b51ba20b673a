/** Real-world report quirks read with a note, and refusals that say what is wrong with a wrapper's content. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAggregateReport } from "../../src/reports/aggregate-parser.js";
import { extractReports } from "../../src/reports/extract.js";
import { limitsForMegabytes } from "../../src/reports/limits.js";
import { CONFORMANCE_DIR } from "../helpers/fixtures.js";
import { runCli } from "../helpers/run-cli.js";

const once = (text: string | Buffer) =>
  (async function* () {
    yield Buffer.from(text);
  })();

const body = (metadataDates: string) => `<feedback>
  <report_metadata><org_name>KDDI Corporation</org_name><email>dmarc@example.jp</email>
    <report_id>kddi-1</report_id>${metadataDates}</report_metadata>
  <policy_published><domain>example.com</domain><p>none</p></policy_published>
  <record><row><source_ip>192.0.2.1</source_ip><count>2</count>
    <policy_evaluated><disposition>none</disposition><dkim>pass</dkim><spf>fail</spf></policy_evaluated></row>
    <identifiers><header_from>example.com</header_from></identifiers>
    <auth_results><dkim><domain>example.com</domain><result>pass</result></dkim></auth_results></record>
</feedback>
`;
/** Shaped like KDDI's reports: `<data_range>` where RFC 7489 appendix C has `<date_range>`. */
const KDDI = `<?xml version="1.0" encoding="UTF-8"?>\n${body("<data_range><begin>1700000000</begin><end>1700086399</end></data_range>")}`;
const SPACED = ` \n<?xml version="1.0" encoding="UTF-8"?>\n${body("<date_range><begin>1700000000</begin><end>1700086399</end></date_range>")}`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mailaudit-quirks-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("report quirks", () => {
  it("reads KDDI's <data_range> as <date_range>, with a note", async () => {
    const report = await parseAggregateReport(once(KDDI));
    expect(report.metadata).toMatchObject({ begin: 1700000000, end: 1700086399, reportId: "kddi-1" });
    expect(report.records).toHaveLength(1);
    expect(report.warnings).toContain("read <data_range> as <date_range> (a known misspelling)");
  });

  it("a correctly spelled <date_range> wins over <data_range>", async () => {
    const both = KDDI.replace(
      "</data_range>",
      "</data_range><date_range><begin>1700000100</begin><end>1700086300</end></date_range>",
    );
    expect((await parseAggregateReport(once(both))).metadata).toMatchObject({
      begin: 1700000100,
      end: 1700086300,
    });
  });

  it("reads a report with white space before its XML declaration, with a note", async () => {
    const report = await parseAggregateReport(once(SPACED));
    expect(report.metadata.reportId).toBe("kddi-1");
    expect(report.warnings).toContain("ignored 2 white-space character(s) before the XML declaration");
    // Split across chunks as a stream may deliver it.
    const split = (async function* () {
      yield Buffer.from(" ");
      yield Buffer.from(SPACED.slice(1));
    })();
    expect((await parseAggregateReport(split)).warnings).toContain(
      "ignored 2 white-space character(s) before the XML declaration",
    );
  });

  it("a gzip stream whose content is no report says so (not 'content is not gzip')", async () => {
    const file = join(CONFORMANCE_DIR, "dmarc-reports/aggregate/dmarc-cat/notempty.txt.gz");
    const { createReadStream } = await import("node:fs");
    const found = [];
    for await (const item of extractReports(
      { name: "test.gz", path: file, chunks: createReadStream(file) },
      limitsForMegabytes(64),
    ))
      found.push(item);
    expect(found).toEqual([
      {
        kind: "refused",
        name: "test.gz",
        reason:
          "not a DMARC report: a gzip stream whose decompressed content is not XML, gzip, zip, e-mail or mbox",
      },
    ]);
    const empty = [];
    for await (const item of extractReports(
      { name: "e.gz", chunks: once(gzipSync(Buffer.alloc(0))) },
      limitsForMegabytes(64),
    ))
      empty.push(item);
    expect(empty).toEqual([{ kind: "refused", name: "e.gz", reason: "gzip stream holds nothing" }]);
  });

  it("through the CLI: both quirks are stored (exit 0) with a note on stderr each", async () => {
    const kddi = join(dir, "kddi.xml");
    const spaced = join(dir, "spaced.xml");
    writeFileSync(kddi, KDDI);
    writeFileSync(spaced, SPACED.replace("kddi-1", "kddi-2"));
    const result = await runCli(["reports", "ingest", "--db", join(dir, "r.db"), kddi, spaced]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("stored 2 report(s)");
    expect(result.stderr).toContain(`note: ${kddi}: read <data_range> as <date_range>`);
    expect(result.stderr).toContain(
      `note: ${spaced}: ignored 2 white-space character(s) before the XML declaration`,
    );
  });
});
