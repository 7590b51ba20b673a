import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DatabaseSync } from "node:sqlite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ReportHeader, ReportRecord } from "../../src/reports/types.js";
import { openStore } from "../../src/store/open-store.js";
import { ReportWriter } from "../../src/store/report-writer.js";

let dir: string;
let db: DatabaseSync;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "mailaudit-writer-"));
  db = openStore(join(dir, "store.db"));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const header = (reportId: string): ReportHeader => ({
  schema: "rfc7489",
  version: "",
  metadata: { orgName: "org", email: "", reportId, begin: 1, end: 2, errors: [] },
  policy: { domain: "example.com" },
});

/** Record i has i % 4 DKIM results and one SPF result, so batches cut through auth rows unevenly. */
const record = (i: number): ReportRecord => ({
  sourceIp: `192.0.2.${i % 256}`,
  count: i + 1,
  disposition: "none",
  dkim: "pass",
  spf: "fail",
  reasons: i % 7 === 0 ? [{ type: "forwarded", comment: `r${i}` }] : [],
  headerFrom: "example.com",
  envelopeFrom: "",
  envelopeTo: "",
  dkimResults: Array.from({ length: i % 4 }, (_, k) => ({
    domain: `d${k}.example`,
    selector: `s${i}`,
    result: "pass",
  })),
  spfResults: [{ domain: "example.com", scope: "mfrom", result: "fail" }],
});

function write(reportId: string, count: number): void {
  const writer = new ReportWriter(db);
  expect(writer.begin(header(reportId), "test")).toBe("new");
  for (let i = 0; i < count; i++) writer.record(record(i));
  writer.commit(count, 0, undefined);
}

describe("ReportWriter in batches", () => {
  it("stores every record with its own auth rows, across batch boundaries and reports", () => {
    write("first", 3);
    write("second", 123);
    const rows = db
      .prepare(
        `SELECT r.count AS count, r.reasons AS reasons,
                (SELECT count(*) FROM auth_results a WHERE a.record = r.id AND a.method = 'dkim') AS dkim,
                (SELECT group_concat(DISTINCT a.selector) FROM auth_results a WHERE a.record = r.id AND a.method = 'dkim') AS selectors,
                (SELECT count(*) FROM auth_results a WHERE a.record = r.id AND a.method = 'spf') AS spf
         FROM records r JOIN reports p ON p.id = r.report WHERE p.report_id = 'second' ORDER BY r.id`,
      )
      .all();
    expect(rows).toEqual(
      Array.from({ length: 123 }, (_, i) => ({
        count: i + 1,
        reasons: JSON.stringify(record(i).reasons),
        dkim: i % 4,
        selectors: i % 4 === 0 ? null : `s${i}`,
        spf: 1,
      })),
    );
    expect(db.prepare("SELECT count(*) AS n FROM records").get()).toEqual({ n: 126 });
  });

  it("leaves nothing of a report rolled back after several batches", () => {
    const writer = new ReportWriter(db);
    writer.begin(header("abandoned"), "test");
    for (let i = 0; i < 130; i++) writer.record(record(i));
    writer.rollback();
    write("kept", 2);
    expect(db.prepare("SELECT count(*) AS n FROM reports").get()).toEqual({ n: 1 });
    expect(db.prepare("SELECT count(*) AS n FROM records").get()).toEqual({ n: 2 });
    expect(db.prepare("SELECT count(*) AS n FROM auth_results").get()).toEqual({ n: 3 });
  });
});
