/**
 * Turns the measurements into the one printed table and into BENCHMARKS.md. Pure formatting:
 * every number comes from the result objects; nothing here measures.
 */
const fmt = (n, digits = 0) =>
  n === undefined || n === null || Number.isNaN(n) ? "–" : Number(n).toFixed(digits);
const mb = (kb) => (kb ? `${fmt(kb / 1024)} MB` : "–");
const ms = (v) => `${fmt(v)} ms`;
const verdict = (ok) => (ok === undefined ? "" : ok ? "met" : "NOT met");

/** @returns {string[][]} rows: [area, measure, mailaudit, comparison, goal, verdict] */
export function tableRows(results) {
  const rows = [];
  const a = results.audit;
  if (a) {
    rows.push([
      "audit",
      `check ${a.domains} domains (cold Unbound), wall`,
      `${ms(a.wallMs)} (${fmt(a.domainsPerSecond)} domains/s)`,
      `floor ${ms(a.floorWallMs)}`,
      "",
      "",
    ]);
    rows.push([
      "audit",
      "queries Unbound received ÷ unique questions",
      `${a.queriesReceived} ÷ ${a.uniqueQuestions} = ${fmt(a.queryRatio, 2)}`,
      `floor sent ${a.floorReceived}`,
      "1.00",
      verdict(a.queryRatio <= 1.0),
    ]);
    rows.push([
      "audit",
      "wall ÷ floor (faster of node:dns and mailaudit's DNS client, same questions)",
      fmt(a.wallRatio, 2),
      `${a.walls.map(([c, f]) => `${c}/${f}`).join(", ")} ms`,
      "≤ 1.5",
      verdict(a.wallRatio <= 1.5),
    ]);
    if (a.cpu) {
      // What that goal asks of check's CPU here (bench/audit-cpu-budget.js): the servers share the cores.
      const c = a.cpu;
      rows.push([
        "audit",
        `wall ÷ floor: what ${c.cores} cores allow at check's CPU (medians)`,
        `check CPU ${ms(c.checkCpuMs)} (main thread ${ms(c.mainThreadMs)}; its DNS client alone, same questions: ${ms(c.ownClientCpuMs)}) + Unbound and NSD ${ms(c.serversDuringCheckMs)}: wall ≥ ${ms(c.lowestWallMs)} = ${fmt(c.lowestRatio, 2)} × floor with the cores always busy`,
        `busy during check: cores ${fmt(c.coresBusy * 100)} %, main thread ${fmt(c.mainThreadBusy * 100)} %; as busy, ${c.goalRatio} × floor (${ms(c.goalWallMs)}) leaves check ${ms(c.cpuAtGoalMs)} of CPU, its main thread ${ms(c.mainThreadAtGoalMs)}`,
        "",
        c.lowestRatio > c.goalRatio ? "out of reach at this CPU" : "",
      ]);
    }
    if (a.throughput) {
      const { node, mailaudit } = a.throughput.qps;
      const cold = a.throughput.coldQps;
      rows.push([
        "audit",
        `DNS client throughput, ${a.throughput.queries} TXT questions at NSD, ${a.throughput.inFlight} in flight, after ${a.throughput.warmup} to warm up`,
        `${fmt(mailaudit)} q/s; warm-up ${fmt(cold?.mailaudit)} q/s`,
        `node:dns ${fmt(node)} q/s; warm-up ${fmt(cold?.node)} q/s`,
        "≥ node:dns",
        verdict(mailaudit >= node),
      ]);
    }
    if (a.concurrency?.length) {
      // Same cold run at a higher --concurrency; a wall within 1.5× of the default's median (the
      // machine's run-to-run spread is ±30 %) is "no collapse". A lost UDP answer costs 5 s.
      const worst = Math.max(...a.concurrency.map((c) => c.wallMs / a.wallMs));
      rows.push([
        "audit",
        `check ${a.domains} domains at --concurrency ${a.concurrency.map((c) => c.level).join(" / ")}, wall`,
        a.concurrency
          .map((c) => `${ms(c.wallMs)}${c.udpDrops === undefined ? "" : ` (${c.udpDrops} UDP drops)`}`)
          .join(" / "),
        `--concurrency 16: ${ms(a.wallMs)}`,
        "≤ 1.5× the wall at 16",
        verdict(worst <= 1.5),
      ]);
    }
    rows.push(["audit", "peak RSS", mb(a.maxRssKb), "", "", ""]);
    for (const [name, p] of Object.entries(results.auditPeers ?? {})) {
      rows.push([
        "audit peer",
        name,
        "",
        p.skipped ??
          `${fmt(p.domainsPerSecond, 1)} domains/s (${p.sample} domains, ${p.scope}${p.queries !== undefined ? `, ${p.queries} queries/${p.uniqueQuestions} unique` : ""}${p.failureCount ? `, ${p.failureCount} failed` : ""})`,
        "",
        "",
      ]);
    }
  }
  const s = results.startup;
  if (s) {
    rows.push([
      "startup",
      "mailaudit --version (median)",
      ms(s.version.medianMs),
      `node -e 0: ${ms(s.node.medianMs)}`,
      "≤ 150 ms",
      verdict(s.version.medianMs <= 150),
    ]);
    rows.push([
      "startup",
      "check 1 domain, warm resolver (median)",
      ms(s.check.medianMs),
      `RSS ${mb(s.check.maxRssKb)}`,
      "≤ 150 ms",
      verdict(s.check.medianMs <= 150),
    ]);
  }
  for (const z of Object.values(results.zones ?? {})) {
    rows.push([
      "zones",
      `--zone ${z.label} (${fmt(z.bytes / 1024 / 1024, 1)} MB, ${z.records} records): read + index, median`,
      ms(z.medianMs),
      `first run ${ms(z.coldMs)}; CPU ${ms(z.medianCpuMs)}; load average ${fmt(z.loadAverage, 1)}`,
      "≤ 1000 ms",
      verdict(Math.max(z.medianMs, z.coldMs) <= 1000),
    ]);
  }
  const i = results.ingest;
  if (i) {
    for (const corpus of i.corpora) {
      for (const tool of corpus.tools) {
        const measured =
          tool.skipped ??
          `${fmt(tool.mbPerSecond, 1)} MB/s, RSS ${mb(tool.maxRssKb)}${tool.note ? `; ${tool.note}` : ""}${
            tool.lastError ? `; ${tool.lastError}` : ""
          }`;
        if (tool.name === "mailaudit") {
          const ok = corpus.fastestPeer ? tool.mbPerSecond >= 2 * corpus.fastestPeer.mbPerSecond : undefined;
          rows.push([
            `ingest ${corpus.label}`,
            tool.name,
            measured,
            "",
            "≥ 2× fastest peer; RSS ≤ 256 MB",
            verdict(
              tool.skipped ? false : ok === undefined ? undefined : ok && (tool.maxRssKb ?? 0) <= 256 * 1024,
            ),
          ]);
        } else if (tool.ours) {
          rows.push([
            `ingest ${corpus.label}`,
            tool.name,
            tool.skipped ? measured : `${measured}; ${tool.ratio}`,
            "",
            tool.goal ?? "",
            verdict(tool.skipped ? false : tool.met),
          ]);
        } else {
          rows.push([`ingest ${corpus.label}`, tool.name, "", measured, "", ""]);
        }
      }
    }
  }
  const m = results.imap;
  if (m) {
    const both = (r) =>
      `${fmt(r.messagesPerSecond)} messages/s, RSS ${mb(r.maxRssKb)}; ${r.stored} reports stored`;
    rows.push([
      `ingest ${m.messages} report mails`,
      "from Dovecot over IMAPS (loopback) ÷ from its Maildir",
      `IMAP ${both(m.imap)}`,
      `Maildir ${both(m.maildir)}`,
      "IMAP wall ≤ 2× Maildir's; RSS ≤ 256 MB",
      verdict(m.ratio <= 2 && m.imap.maxRssKb <= 256 * 1024 && m.imap.stored === m.maildir.stored),
    ]);
  }
  const h = results.html;
  if (h) {
    const shape = `${h.shape.domains} domains × ${h.shape.days} days × ${h.shape.sources} sources (${h.shape.records.toLocaleString("en-US")} records)`;
    rows.push([
      "html",
      `reports summary -f html, ${shape}: wall (median of the runs after each of the last days' reports arrived)`,
      ms(h.cliWallMs),
      `CPU ${ms(h.cliCpuMs)}, RSS ${mb(h.cliMaxRssKb)}; CPU in process: summary queries ${ms(h.parts.queries.cpuMs)}, with sources classified ${ms(h.parts.classified.cpuMs)}, failing mail per day ${ms(h.parts.volumes.cpuMs)}, page ${ms(h.parts.page.cpuMs)}; load average ${fmt(h.loadAverage, 1)}`,
      "≤ 2000 ms",
      verdict(h.cliWallMs <= 2000),
    ]);
    rows.push([
      "html",
      `the store's first summary, folding ${h.firstSummary.records.toLocaleString("en-US")} records into its sums: wall`,
      ms(h.firstSummary.wallMs),
      `CPU ${ms(h.firstSummary.cpuMs)}, RSS ${mb(h.firstSummary.maxRssKb)} (once per store; later summaries fold only what arrived since)`,
      "",
      "",
    ]);
    rows.push([
      "html",
      "page size",
      `${fmt(h.pageBytes / 1024 / 1024, 2)} MB`,
      "",
      "≤ 2 MB",
      verdict(h.pageBytes <= 2 * 1024 * 1024),
    ]);
    rows.push([
      "html",
      "open in Chromium (navigation to load event), median",
      h.open.skipped ?? ms(h.open.medianMs),
      h.open.skipped ? "" : `first open ${ms(h.open.firstMs)}`,
      "≤ 1000 ms",
      h.open.skipped ? "" : verdict(h.open.medianMs <= 1000),
    ]);
  }
  return rows;
}

const HEAD = ["area", "measure", "mailaudit", "floor / peers", "goal", "verdict"];

export function printTable(rows) {
  const widths = HEAD.map((h, c) =>
    Math.min(70, Math.max(h.length, ...rows.map((r) => String(r[c]).length))),
  );
  const line = (cells) => cells.map((cell, c) => String(cell).padEnd(widths[c])).join("  ");
  return [line(HEAD), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

export function markdownTable(rows) {
  const esc = (cell) => String(cell).replaceAll("|", "\\|");
  return [
    `| ${HEAD.join(" | ")} |`,
    `|${HEAD.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.map(esc).join(" | ")} |`),
  ].join("\n");
}
