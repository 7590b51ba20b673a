/**
 * Hostile text from DNS, reports and config files never reaches a terminal raw, in any text format
 * (table, github, markdown, stderr); CSV defuses spreadsheet formulas; JUnit stays well-formed XML
 * and SARIF valid JSON whatever the data holds. The payloads are shown escaped, not dropped: the
 * user must still see that something odd is published. Runs the built CLI (`npx tsc` first).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SaxesParser } from "saxes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvCell } from "../../src/reports/csv.js";
import { type AdversarialServer, type Answer, startAdversarialServer } from "../helpers/adversarial-dns.js";
import { runCli, runInTerminal } from "../helpers/run-cli.js";
import { reportXml } from "../reports/generated-set.js";

/** What must never be printed raw: C0 (but LF), DEL, C1, bidi controls, zero-width and BOM. */
const RAW_UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence is the point
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/u;
const CLEAR_SCREEN = "\u001b[2J";
const HYPERLINK = "\u001b]8;;https://evil.test\u0007";
const RLO = "\u202e";
const CSI8 = "\u009b31m";

const txt = (...strings: string[]): Answer => ({ type: "TXT", strings });
const RECORDS: Record<string, Answer[]> = {
  "evil.test": [
    txt(`v=spf1 ip4:192.0.2.1 include:${HYPERLINK}x.test ${CLEAR_SCREEN}${RLO}-all ~all`),
    txt(`${CLEAR_SCREEN}verify${CSI8}\r`),
  ],
  "_dmarc.evil.test": [
    txt(`v=DMARC1; p=reject${CLEAR_SCREEN}; rua=mailto:a@evil.test,<script>|x\`y*z&amp;; x=${RLO}\u0007`),
  ],
  "s1._domainkey.evil.test": [txt(`v=DKIM1; k=rsa${RLO}; p=AAAA|<b>&${CLEAR_SCREEN}`)],
  // What surrounds SPF, DKIM and DMARC: each new record carries its own payload.
  "_mta-sts.evil.test": [txt(`v=STSv1; id=1${CLEAR_SCREEN}`)],
  "_smtp._tls.evil.test": [txt(`v=TLSRPTv1; rua=mailto:tls@evil.test${HYPERLINK}|<i>`)],
  "default._bimi.evil.test": [txt(`v=BIMI1; l=https://evil.test/${RLO}gvs.svg${CSI8}; a=<b>`)],
};

let server: AdversarialServer;
let dir: string;
beforeAll(async () => {
  server = await startAdversarialServer((q) => {
    const answers = q.type === "TXT" ? RECORDS[q.name] : undefined;
    return answers
      ? { kind: "answer", answers }
      : { kind: "answer", rcode: q.name.endsWith("evil.test") && q.type !== "TXT" ? "NOERROR" : "NXDOMAIN" };
  });
  dir = mkdtempSync(join(tmpdir(), "mailaudit-output-safety-"));
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

function expectTerminalSafe(text: string): void {
  const found = RAW_UNSAFE.exec(text);
  expect(
    found,
    found
      ? `raw U+${found[0].codePointAt(0)?.toString(16)} near ${JSON.stringify(text.slice(Math.max(0, found.index - 30), found.index + 10))}`
      : "",
  ).toBeNull();
}

const check = (format: string, ...extra: string[]) =>
  runCli([
    "check",
    "evil.test",
    "-s",
    "s1",
    "-r",
    server.address,
    "--timeout",
    "0.5",
    "-f",
    format,
    ...extra,
  ]);

function wellFormedXml(xml: string): void {
  const parser = new SaxesParser();
  const errors: string[] = [];
  parser.on("error", (error) => errors.push(error.message));
  parser.write(xml).close();
  expect(errors).toEqual([]);
}

describe("DNS data in every check format", () => {
  it("table: escaped, and the payload still visible as an escape", async () => {
    const result = await check("table");
    expect(result.exitCode).toBe(1);
    expectTerminalSafe(result.stdout);
    expectTerminalSafe(result.stderr);
    expect(result.stdout).toContain("\\x1b[2J");
    // The MTA-STS, TLS-RPT and BIMI records are shown too, escaped.
    expect(result.stdout).toContain("id=1\\x1b[2J");
    expect(result.stdout).toContain("https://evil.test\\x07");
    expect(result.stdout).toContain("\\u{202e}gvs.svg\\x9b31m");
  });

  it("github: escaped, and every output line is one workflow command (no injected commands)", async () => {
    const result = await check("github");
    expectTerminalSafe(result.stdout);
    const lines = result.stdout.trimEnd().split("\n");
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^::(error|warning|notice) [^:]*::/);
    expect(lines.at(-1)).toMatch(/^mailaudit: /);
  });

  it("markdown: escaped; no raw HTML, and table rows keep their column count", async () => {
    const result = await check("markdown");
    expectTerminalSafe(result.stdout);
    expect(result.stdout).not.toContain("<script>");
    expect(result.stdout).not.toContain("<b>");
    const pipesPerRow = (line: string) => line.replace(/\\\\/g, "").replace(/\\\|/g, "").split("|").length;
    let header: number | undefined;
    for (const line of result.stdout.split("\n")) {
      if (!line.startsWith("|")) {
        header = undefined;
        continue;
      }
      header ??= pipesPerRow(line);
      expect(pipesPerRow(line), line).toBe(header);
    }
  });

  it("junit: well-formed XML with the hostile text inside", async () => {
    const result = await check("junit");
    wellFormedXml(result.stdout);
    expect(result.stdout).not.toContain("<script>");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 cannot carry these at all
    expect(result.stdout).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });

  it("sarif and json: valid JSON, the records kept as data", async () => {
    const sarif = await check("sarif");
    const log = JSON.parse(sarif.stdout) as { runs: { results: { message: { text: string } }[] }[] };
    for (const r of log.runs[0]?.results ?? []) expectTerminalSafe(r.message.text);
    const jsonText = (await check("json")).stdout;
    const json = JSON.parse(jsonText);
    expect(json.domains[0].spf.record).toContain(CLEAR_SCREEN);
    expect(json.domains[0].spf.record).toContain(RLO);
    // The JSON text itself holds no raw C1 or bidi character (JSON.stringify leaves those raw): they
    // are \u escapes, so printing the JSON cannot reorder the terminal, and it parses to the same data.
    expectTerminalSafe(jsonText);
    expectTerminalSafe(sarif.stdout);
  });

  it("spf command, tree and check_host views (and JSON): escaped", async () => {
    for (const extra of [[], ["--ip", "192.0.2.1"], ["-f", "json"]]) {
      const result = await runCli(["spf", "evil.test", "-r", server.address, "--timeout", "0.5", ...extra]);
      expect(result.stderr).not.toMatch(/internal error/);
      expectTerminalSafe(result.stdout);
      expectTerminalSafe(result.stderr);
    }
  });
});

describe("error messages on stderr", () => {
  it("a hostile domain argument, rule id, config file and zone file are named escaped, on one line", async () => {
    const config = join(dir, "mailaudit.yaml");
    writeFileSync(config, `domains:\n  - domain: example.test\n    ${CLEAR_SCREEN}${RLO}: 1\n`);
    const zone = join(dir, "evil.zone");
    writeFileSync(zone, `$ORIGIN evil.test.\n@ IN ${CLEAR_SCREEN}BOGUS${RLO} x\n`, "latin1");
    const runs = [
      await runCli(["check", `${CLEAR_SCREEN}evil${RLO}.test`, "-r", server.address]),
      await runCli(["rules", `${CLEAR_SCREEN}${RLO}x/y`]),
      await runCli(["check", "-c", config, "-r", server.address]),
      await runCli(["check", "evil.test", "--zone", zone, "-r", server.address]),
      await runCli([
        "check",
        "evil.test",
        "--zone",
        join(dir, `${CLEAR_SCREEN}missing.zone`),
        "-r",
        server.address,
      ]),
      await runCli(["reports", "parse", join(dir, `${CLEAR_SCREEN}${RLO}.xml`)]),
    ];
    for (const run of runs) {
      expect(run.exitCode, run.stderr).not.toBe(0);
      expect(run.stderr).not.toMatch(/internal error/);
      expectTerminalSafe(run.stdout);
      expectTerminalSafe(run.stderr);
      expect(run.stderr.trim().split("\n"), run.stderr).toHaveLength(1);
    }
  });
});

describe("report data", () => {
  // XML 1.0 cannot carry C0 controls at all (such a report is refused as malformed), and values are
  // trimmed, so TAB/CR-led cells are covered by the unit check below; C1 and bidi controls can come.
  const formulas = ['=HYPERLINK("https://evil.test")', "+1+1", "-2+3", "@SUM(A1)", `${CSI8}${RLO}192.0.2.1`];
  let db: string;

  beforeAll(async () => {
    db = join(dir, "reports.db");
    const xml = reportXml({
      org: `${CSI8}org${RLO}`,
      id: `id${CSI8}`,
      domain: "evil.test",
      begin: 1_700_000_000,
      end: 1_700_086_399,
      records: formulas.map((ip, i) => ({
        ip: ip.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;"),
        count: i + 1,
        dkim: "fail" as const,
        spf: "pass" as const,
        selector: `s${RLO}\u2066`,
      })),
    });
    writeFileSync(join(dir, "evil.xml"), xml);
    const ingest = await runCli(["reports", "ingest", join(dir, "evil.xml"), "--db", db]);
    expect(ingest.exitCode, ingest.stderr).toBe(0);
  });

  it("reports summary table: escaped", async () => {
    const result = await runCli(["reports", "summary", "--db", db, "--no-dns"]);
    expect(result.exitCode).toBe(0);
    expectTerminalSafe(result.stdout);
    expect(result.stdout).toContain("\\x9b31m");
  });

  it("csvCell: TAB- and CR-led cells are defused too", () => {
    for (const cell of ["\tx", "\rcmd", "=1", "+1", "-1", "@x"])
      expect(csvCell(cell).replace(/^"/, "")).toMatch(/^'/);
  });

  /** RFC 4180 reader: enough to check each cell as a spreadsheet would receive it. */
  function csvCells(csv: string): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let cell = "";
    let quoted = false;
    const endCell = () => {
      row.push(cell);
      cell = "";
    };
    for (let i = 0; i < csv.length; i++) {
      const ch = csv[i] as string;
      if (quoted && ch === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = !quoted;
      } else if (!quoted && ch === ",") {
        endCell();
      } else if (!quoted && ch === "\r" && csv[i + 1] === "\n") {
        endCell();
        rows.push(row);
        row = [];
        i++;
      } else {
        cell += ch;
      }
    }
    return rows;
  }

  for (const [what, args] of [
    ["summary", ["reports", "summary", "--no-dns", "-f", "csv"]],
    ["parse", ["reports", "parse", "-f", "csv"]],
  ] as const) {
    it(`reports ${what} CSV: no cell starts a formula, and the data survives behind the quote`, async () => {
      const result = await runCli(
        what === "summary" ? [...args, "--db", db] : [...args, join(dir, "evil.xml")],
      );
      expect(result.exitCode, result.stderr).toBe(0);
      const rows = csvCells(result.stdout);
      expect(rows.length).toBe(formulas.length + 1);
      for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      const cells = rows.flat();
      for (const formula of formulas.filter((f) => /^[=+\-@]/.test(f)))
        expect(cells).toContain(`'${formula}`);
    });
  }

  it("reports parse CSV on a terminal: C1 and bidi characters escaped; in a pipe, the bytes as they were", async () => {
    const file = join(dir, "evil.xml");
    const piped = await runCli(["reports", "parse", "-f", "csv", file]);
    expect(piped.stdout).toContain(RLO);
    const screen = await runInTerminal(["reports", "parse", "-f", "csv", file]);
    expect(screen).toContain("\\u{202e}");
    // The terminal turns each line end into CR LF (ONLCR), so CRLF rows arrive as CR CR LF.
    expectTerminalSafe(screen.replace(/\r+\n/g, "\n"));
  });
});
