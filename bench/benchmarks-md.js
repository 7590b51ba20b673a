/**
 * BENCHMARKS.md: machine, date, parameters, the table, how each number is measured, and details.
 * Everything above the analysis marker is regenerated on each run; the hand-written analysis
 * below the marker (what the numbers mean, what to fix) is kept as it was.
 */
const MARKER = "<!-- analysis: hand-written, kept across bench runs -->";

const METHOD = `## How each number is measured

- **Servers**: NSD (authoritative, the generated zone) behind Unbound (recursive, stub zone to NSD,
  one thread, \`module-config: iterator\`), both started by the bench on free loopback ports with configs
  in a temp dir. Before every timed audit run Unbound's caches are flushed (\`flush_zone .\`,
  \`flush_infra all\`), so each run is a cold first run, as in CI.
- **Generated domains**: each has an SPF record with 1–3 of six shared ESP include trees (Google-like
  with three nested netblock includes, Microsoft-like with one, SendGrid, Mailchimp, SES, Zendesk-like
  with two), \`mx\`/\`a\` terms on some, MX hosts, a DMARC record (30 % with an external \`rua\`
  authorized by a wildcard \`_report._dmarc\` record), and selectors \`s1\`/\`s2\` with real RSA-2048
  keys (four keys generated once into \`.bench/\`, reused; 20 % of \`s2\` are CNAMEs to an ESP-hosted key).
- **Queries ÷ unique questions**: Unbound runs with \`log-queries\`; the lines it logged during the
  \`mailaudit check\` run are the queries it received from mailaudit (UDP and TCP alike), and their
  distinct (name, type) set is the set of questions the audit needed. The query count is
  cross-checked with Unbound's \`total.num.queries\` (\`unbound-control stats_noreset\`, before/after).
- **Floor**: \`bench/floor-client.js\` asks exactly that unique question set, in the order mailaudit first
  asked it, once through \`node:dns\` \`Resolver\` and once through mailaudit's own DNS client alone
  (\`SystemResolver\`, no audit), each on a cold Unbound; the floor is the faster of the two. Both use
  mailaudit's timeout settings, with
  ${"`"}16 × 4 = 64${"`"} questions in flight (mailaudit's default 16 domains at once, each asking SPF,
  DMARC and two DKIM questions at once), on the same cold Unbound. Both are child processes, so both
  walls include Node's start-up. Wall ÷ floor is the median of the per-round ratios.
- **What the cores allow**: \`mailaudit check\`, Unbound and NSD share the machine's cores, so
  check's wall can be no lower than (check's CPU + the servers' CPU during it) ÷ cores, nor lower than
  its main thread's CPU (its JavaScript runs on one thread). Check's CPU is GNU time's user + system,
  the servers' is read from \`/proc\` before and after each run (medians of the rounds); the main
  thread's comes from one more cold run with \`bench/thread-cpu.js\` preloaded, which reads
  \`process.threadCpuUsage()\` at exit. Turned around at the packing the run got (the cores' busy
  share: all that CPU ÷ (cores × check's wall); the main thread's: its CPU ÷ check's wall): a wall of
  1.5 × the floor, as busy, leaves check (busy share × cores × that wall − the servers' CPU) of CPU
  and its main thread (its busy share × that wall) (\`bench/audit-cpu-budget.js\`).
- **Throughput**: \`bench/throughput.js\` asks TXT questions (the domains' SPF, DMARC and DKIM names)
  straight at NSD (loopback, no cache between), 50 in flight, once per transport, three alternating
  rounds; the median queries per second of each. Each process first asks 5000 questions, timed apart
  ("warm-up": V8 still interprets a JavaScript client there, while node:dns works in C++ from the
  start), then 20,000 more: the sustained rate, which the goal is judged on.
- **Higher concurrency**: after the rounds, one cold \`check\` of the same domains at \`--concurrency 64\`
  and one at \`256\`; UDP drops are the change in the kernel's \`RcvbufErrors\` (\`/proc/net/snmp\`,
  every socket on the machine) across that run. Within 1.5× of the median wall at 16 counts as no collapse.
- **Wall, peak RSS**: spawn-to-exit on a monotonic clock; peak RSS is GNU time's \`%M\` of the child.
- **Start-up**: median of N fresh processes after one warm-up; the one-domain check asks a warm
  Unbound (answers cached).
- **IMAP**: N small reports (as in the ingest corpus), each gzipped into the attachment of a MIME
  mail, delivered into the INBOX Maildir of a Dovecot the bench starts (IMAPS on a free loopback port,
  a test CA, \`doveadm index\` run before timing as a server indexes at delivery). Each round ingests
  the Maildir folder, then \`imaps://\` (no \`--imap-move-to\`, so every round reads the same mail),
  each into a fresh SQLite file; messages/s = N ÷ the median wall, process start included.
- **HTML page**: \`bench/html-bench.js\` writes a store of 50 domains × 90 days × 200 sources (one
  report per domain and day, every source in it) through the SQLite store's writer as a daily cron
  job would see it: the first 87 days, then \`reports summary --no-dns -f html\` once (the store's
  first summary, which folds all their records into its sums: shown on a row of its own), then for
  each of the last 3 days its 50 reports and the page again (median wall of those three: the goal's
  row; CPU is GNU time's user + system), times
  its parts apart in process (the summary queries; the summary with every source classified, which
  includes them; the failing mail per source and day; the page), and opens the page in Debian's Chromium
  (playwright-core, flags as in the tests) four times: the first open, then the median of the others,
  from navigation to the load event.
- **Ingest**: MB/s = XML bytes ÷ wall of the whole command, process start included. mailaudit writes a
  fresh SQLite file. Peers get the same files; where a peer reads one file per process, its walls
  are summed. A peer stopped by the time limit is shown as such.
- **PostgreSQL store**: \`mailaudit → PostgreSQL\` ingests the same files into a fresh database on the
  bench's throwaway PostgreSQL (the one dmarcts-report-parser writes to: loopback, fsync off), the
  schema created before the clock starts. "4 ingesters at once" deals the small reports round-robin
  to four processes started together; MB/s = all XML bytes ÷ wall from the first start to the last
  exit, RSS the largest process's (\`bench/ingest-postgres.js\`).
`;

export function renderBenchmarksMd(results, table, previous) {
  const m = results.machine;
  const o = results.options;
  const analysis = previous.includes(MARKER)
    ? previous.slice(previous.indexOf(MARKER))
    : `${MARKER}\n\n## Analysis\n\n(none yet)\n`;
  const details = [];
  const a = results.audit;
  if (a) {
    details.push(
      `- audit: exit code ${a.exitCode}; statuses ${JSON.stringify(a.output.statuses)}; unique questions by type ${JSON.stringify(a.questionTypes)}; ` +
        `Unbound counter ${a.queriesReceived} vs log ${a.queriesLogged}; per-round wall check/floor (ms): ${a.walls.map((w) => w.join("/")).join(", ")}; ` +
        `median floor walls by transport (ms): ${JSON.stringify(Object.fromEntries(Object.entries(a.floorWalls ?? {}).map(([t, v]) => [t, Math.round(v)])))}, faster per round: ${(a.floorTransports ?? []).join(", ")}` +
        (a.throughput
          ? `; throughput rounds (q/s): ${JSON.stringify(Object.fromEntries(Object.entries(a.throughput.rounds).map(([t, v]) => [t, v.map(Math.round)])))}`
          : "") +
        (a.repeated.length
          ? `; most repeated questions: ${a.repeated.map(([q, n]) => `${q} ×${n}`).join(", ")}`
          : "; no question asked twice") +
        (a.concurrency?.length
          ? `; statuses at --concurrency ${a.concurrency.map((c) => `${c.level}: ${JSON.stringify(c.statuses)}`).join(", ")}`
          : ""),
    );
  }
  for (const [name, p] of Object.entries(results.auditPeers ?? {})) {
    if (p.failureCount)
      details.push(`- ${name}: ${p.failureCount} of ${p.sample} runs failed, e.g. ${p.failures[0]}`);
  }
  for (const corpus of results.ingest?.corpora ?? []) {
    for (const t of corpus.tools) {
      if (!t.timedOut && (t.failures || t.lastError))
        details.push(
          `- ingest ${corpus.label}, ${t.name}: ${t.failures} failed run(s); last error: ${t.lastError ?? "?"}`,
        );
    }
    details.push(`- ingest ${corpus.label}: ${corpus.files} files, ${corpus.megabytes.toFixed(1)} MB of XML`);
  }
  if (results.imap) {
    const m = results.imap;
    details.push(
      `- imap: ${m.messages} mails, ${m.megabytes.toFixed(1)} MB of XML; walls IMAP ${m.imap.walls.join("/")} ms, Maildir ${m.maildir.walls.join("/")} ms; IMAP ÷ Maildir ${m.ratio.toFixed(2)}; IMAP says "${m.imap.line}"`,
    );
  }
  return `# Benchmarks

Generated by \`npm run bench\` (\`bench/run.js\`); re-run it to refresh everything above the analysis.

| | |
|---|---|
| date | ${m.date} |
| commit | ${m.commit} (\`git log ${m.commit.split(" ")[0]}..HEAD -- src bin package.json\` lists what changed since: if anything did, these numbers are stale) |
| machine | ${m.cpu}, ${m.memory}, ${m.os} |
| runtime | Node ${m.node}; ${m.nsd}; Unbound ${m.unbound.replace(/^Version /, "")} |
| parameters | --domains ${o.domains} --rounds ${o.rounds} --startup-runs ${o.startupRuns} --small-reports ${o.smallReports} --big-mb ${o.bigMb} --imap-mails ${o.imapMails}${o.peers ? "" : " --no-peers"} (sections: ${[...o.sections].join(", ")}) |

${table}

### Details

${details.join("\n") || "(none)"}

${METHOD}
${analysis}`;
}
