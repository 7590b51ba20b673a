/** Human output fits the terminal it is printed on, and a sensible width when it is no terminal. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONFORMANCE_DIR } from "../helpers/fixtures.js";
import { canRunInTerminal, runCli, runInTerminal } from "../helpers/run-cli.js";

/** Offline and from a zone file: no DNS server needed; a selector without a key gives findings. */
const CHECK = [
  "check",
  "basic.example",
  "-s",
  "s1",
  "--zone",
  "fixtures/zones/basic.example.zone",
  "--offline",
];

/** What a terminal shows: each line after its last carriage return (the progress line), no escapes. */
const shown = (text: string) =>
  text
    .split(/\r?\n/)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing the progress line's erase-line
    .map((line) => (line.split("\r").at(-1) ?? "").replace(/\u001b\[[0-9;]*[A-Za-z]/g, ""));
const widest = (text: string) => Math.max(...shown(text).map((line) => [...line].length));
/**
 * One table column's text, top to bottom, with white space removed: wrapping moves text to the
 * next line of its cell, so this shows nothing was cut off (no "…").
 */
const column = (text: string, index: number) =>
  shown(text)
    .filter((line) => line.startsWith("│"))
    .map((line) => line.split("│")[index] ?? "")
    .join("")
    .replace(/\s+/g, "");
const squeeze = (text: string) => text.replace(/\s+/g, "");

let dir: string;
let db: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mailaudit-width-"));
  db = join(dir, "reports.db");
  const report = join(CONFORMANCE_DIR, "dmarc-reports/aggregate/dmarc-report-viewer/google.xml");
  expect((await runCli(["reports", "ingest", "--db", db, report])).exitCode).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(canRunInTerminal())("on a terminal", () => {
  for (const columns of [80, 60]) {
    it(`check and rules fit ${columns} columns, wrapping inside cells without cutting text`, async () => {
      const check = await runInTerminal(CHECK, { columns });
      expect(check).toContain("basic.example");
      expect(widest(check)).toBeLessThanOrEqual(columns);
      expect(column(check, 2)).toContain(squeeze("v=spf1 include:_spf.basic.example -all"));
      expect(column(check, 2)).toContain(squeeze("v=DMARC1; p=reject; rua=mailto:dmarc@basic.example"));
      expect(check).not.toContain("…");
      const rules = await runInTerminal(["rules"], { columns });
      expect(widest(rules)).toBeLessThanOrEqual(columns);
      expect(column(rules, 3)).toContain(
        squeeze("An RSA DKIM key is shorter than RFC 8301 allows (1024) or recommends (2048)"),
      );
    });
  }

  it("reports summary's table fits 80 columns", async () => {
    const screen = await runInTerminal(["reports", "summary", "--db", db, "--no-dns"], { columns: 80 });
    const tableLines = shown(screen).filter((line) => /^[│┌└├]/.test(line));
    expect(tableLines.length).toBeGreaterThan(0);
    expect(widest(tableLines.join("\n"))).toBeLessThanOrEqual(80);
  });
});

describe("in a pipe", () => {
  it("uses 100 columns, or COLUMNS when the caller sets it", async () => {
    const wide = await runCli(["rules"]);
    expect(widest(wide.stdout)).toBe(100);
    const narrow = await runCli(["rules"], { env: { COLUMNS: "70" } });
    expect(widest(narrow.stdout)).toBeLessThanOrEqual(70);
    const check = await runCli(CHECK, { env: { COLUMNS: "70" } });
    expect(widest(check.stdout)).toBeLessThanOrEqual(70);
  });
});
