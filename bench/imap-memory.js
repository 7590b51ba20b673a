/**
 * `node bench/imap-memory.js [--mails N] [--rounds N] [--variant label=<node args with {cli}>]...`
 *
 * A/B rounds for the IMAP ingest's memory: the same mailbox (Dovecot on loopback, N report mails,
 * as in the bench's IMAP row) ingested by each variant in turn, round after round, so a loaded
 * machine's swings fall on every variant alike. Prints each run (wall, CPU = user + system, peak
 * RSS) and per variant the medians and the largest RSS. A variant is the Node command line before
 * `reports ingest`, `{cli}` standing for bin/mailaudit.js; the default compares the CLI as built
 * with the CLI under `--max-semi-space-size=1`.
 */
import { join } from "node:path";
import { cleanupAll, cleanupOnSignals, makeTempDir } from "./cleanup.js";
import { ingestOnce, prepareMailbox } from "./imap-bench.js";
import { median } from "./measure.js";

const CLI = join(import.meta.dirname, "..", "bin", "mailaudit.js");

function parse(argv) {
  const options = { mails: 10000, rounds: 3, variants: [] };
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    i++;
    if (flag === "--mails") options.mails = Number(value);
    else if (flag === "--rounds") options.rounds = Number(value);
    else if (flag === "--variant") {
      const eq = value.indexOf("=");
      if (eq < 1) throw new Error(`--variant ${value}: label=<node args>`);
      const args = value
        .slice(eq + 1)
        .split(" ")
        .filter(Boolean)
        .map((a) => (a === "{cli}" ? CLI : a));
      options.variants.push({ label: value.slice(0, eq), node: args.length > 0 ? args : [CLI] });
    } else throw new Error(`unknown option ${flag}`);
  }
  if (options.variants.length === 0) {
    options.variants.push({ label: "as built", node: [CLI] });
    options.variants.push({ label: "--max-semi-space-size=1", node: ["--max-semi-space-size=1", CLI] });
  }
  return options;
}

const mb = (kb) => `${Math.round((kb ?? 0) / 1024)} MB`;
const s = (ms) => `${(ms / 1000).toFixed(1)} s`;

cleanupOnSignals();
try {
  const options = parse(process.argv.slice(2));
  const dir = makeTempDir("imap-memory");
  process.stderr.write(`imap-memory: delivering ${options.mails} report mails to Dovecot\n`);
  const mailbox = await prepareMailbox({ dir, imapMails: options.mails });
  const runs = new Map(options.variants.map((v) => [v.label, []]));
  for (let round = 0; round < options.rounds; round++) {
    // Alternate the order too: the first run of a round may find colder caches.
    const order = round % 2 === 0 ? options.variants : [...options.variants].reverse();
    for (const variant of order) {
      const label = variant.label.replace(/\W+/g, "-");
      const run = await ingestOnce(label, mailbox.imapArgs, dir, round, mailbox.env, variant.node);
      runs.get(variant.label).push(run);
      process.stdout.write(
        `round ${round + 1} ${variant.label}: wall ${s(run.wallMs)}, CPU ${s(run.cpuMs ?? 0)}, peak RSS ${mb(run.maxRssKb)}, stored ${run.stored}\n`,
      );
    }
  }
  process.stdout.write(`\n${mailbox.messages} mails, ${options.rounds} rounds (medians; RSS: largest)\n`);
  for (const [label, list] of runs) {
    const wall = median(list.map((r) => r.wallMs));
    process.stdout.write(
      `${label}: ${Math.round(mailbox.messages / (wall / 1000))} msg/s, wall ${s(wall)}, CPU ${s(median(list.map((r) => r.cpuMs ?? 0)))}, peak RSS ${mb(Math.max(...list.map((r) => r.maxRssKb ?? 0)))} (runs: ${list.map((r) => mb(r.maxRssKb)).join(", ")})\n`,
    );
  }
} catch (error) {
  process.stderr.write(`imap-memory: ${error.message}\n`);
  process.exitCode = 1;
} finally {
  await cleanupAll();
}
