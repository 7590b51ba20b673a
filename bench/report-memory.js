#!/usr/bin/env node
/**
 * Peak memory of `mailaudit reports ingest` on one ~100 MB aggregate report (and the same report
 * gzipped), generated here. Not a test: prints numbers. Run with Node 24 after `npx tsc -p tsconfig.json`:
 *   node_modules/.bin/node bench/report-memory.js [megabytes]
 * Peak RSS comes from a tiny wrapper that runs the CLI in-process and prints process.resourceUsage().maxRSS.
 */
import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";

const megabytes = Number(process.argv[2] ?? 100);
const dir = mkdtempSync(join(tmpdir(), "mailaudit-bench-"));
const xmlPath = join(dir, "big.xml");

async function writeReport(path, targetBytes) {
  const out = createWriteStream(path);
  out.write(`<?xml version="1.0" encoding="UTF-8"?>
<feedback><version>1.0</version><report_metadata><org_name>bench.example</org_name><email>r@bench.example</email>
<report_id>bench-1</report_id><date_range><begin>1700000000</begin><end>1700086399</end></date_range></report_metadata>
<policy_published><domain>bench.example</domain><p>none</p></policy_published>\n`);
  let written = 0;
  let i = 0;
  while (written < targetBytes) {
    const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    const record = `  <record>
    <row><source_ip>${ip}</source_ip><count>${(i % 7) + 1}</count>
      <policy_evaluated><disposition>none</disposition><dkim>${i % 3 ? "pass" : "fail"}</dkim><spf>fail</spf></policy_evaluated></row>
    <identifiers><header_from>bench.example</header_from></identifiers>
    <auth_results><dkim><domain>bench.example</domain><selector>s${i % 5}</selector><result>pass</result></dkim>
      <spf><domain>bench.example</domain><result>fail</result></spf></auth_results>
  </record>\n`;
    written += record.length;
    i++;
    if (!out.write(record)) await once(out, "drain");
  }
  out.end("</feedback>\n");
  await once(out, "finish");
  return i;
}

const records = await writeReport(xmlPath, megabytes * 1024 * 1024);
await pipeline(createReadStream(xmlPath), createGzip(), createWriteStream(`${xmlPath}.gz`));
const wrapper = join(dir, "measure.mjs");
writeFileSync(
  wrapper,
  `process.on("exit", () => process.stderr.write("MAXRSS_KB=" + process.resourceUsage().maxRSS + "\\n"));
process.argv.splice(1, 1); await import(${JSON.stringify(new URL("../bin/mailaudit.js", import.meta.url).href)});\n`,
);

for (const input of [xmlPath, `${xmlPath}.gz`]) {
  const db = join(dir, `${input.endsWith(".gz") ? "gz" : "xml"}.db`);
  const started = process.hrtime.bigint();
  const run = spawnSync(
    process.execPath,
    [wrapper, "x", "reports", "ingest", "--db", db, "--max-size", String(megabytes * 2), input],
    { encoding: "utf8" },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rss = /MAXRSS_KB=(\d+)/.exec(run.stderr)?.[1];
  console.log(
    `${input.endsWith(".gz") ? "gzip" : "xml "} ${(statSync(input).size / 1048576).toFixed(1)} MB, ${records} records: exit ${run.status}, ` +
      `peak RSS ${rss ? (Number(rss) / 1024).toFixed(0) : "?"} MB, ${seconds.toFixed(1)} s  ${run.stdout.trim()}`,
  );
  if (run.status !== 0) console.log(run.stderr);
}
rmSync(dir, { recursive: true, force: true });
